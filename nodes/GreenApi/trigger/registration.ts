import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_FLAGS, displayUrl, flagsFor } from './events';
import { drainerOf, instanceKey } from './ownership';
import { getSettings, setSettings } from './settings';

/** What self-registration keeps in the workflow's static data. */
interface Registration {
	/** The URL and token this node registered. */
	webhookUrl?: string;
	webhookToken?: string;
	/** The instance's settings before this node changed them, restored on deactivation. */
	previous?: IDataObject;
}

function registrationOf(context: IHookFunctions | IWebhookFunctions): Registration & IDataObject {
	return context.getWorkflowStaticData('node') as Registration & IDataObject;
}

/** Whether the node registers its own webhook URL and token with GREEN-API (bearer mode only). */
export function registers(context: IHookFunctions | IWebhookFunctions): boolean {
	return (
		context.getNodeParameter('authentication', '') === 'bearerToken' &&
		context.getNodeParameter('registerWebhook', false) === true
	);
}

/** The token self-registration gave GREEN-API ('' when none yet: nothing is accepted), or undefined when the node does not register. */
export function registeredToken(context: IWebhookFunctions): string | undefined {
	return registers(context) ? (registrationOf(context).webhookToken ?? '') : undefined;
}

/** The settings this node may change, as they are now: what deactivation puts back. */
function restorableSettings(settings: IDataObject): IDataObject {
	const kept: IDataObject = { webhookUrl: settings.webhookUrl ?? '', webhookUrlToken: settings.webhookUrlToken ?? '' };
	for (const flag of ALL_FLAGS) if (settings[flag] !== undefined) kept[flag] = settings[flag];
	return kept;
}

/** n8n's webhook methods for self-registration: each does nothing when the node does not register. */
export const registration = {
	/** Registered when the instance points at this workflow's URL with this node's token. */
	async checkExists(this: IHookFunctions): Promise<boolean> {
		if (!registers(this)) return true;
		const registered = registrationOf(this);
		if (!registered.webhookToken) return false;
		const settings = await getSettings(this);
		return settings.webhookUrl === this.getNodeWebhookUrl('default') && settings.webhookUrlToken === registered.webhookToken;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		if (!registers(this)) return true;
		const webhookUrl = this.getNodeWebhookUrl('default') as string;
		const registered = registrationOf(this);
		const drainer = drainerOf(await instanceKey(this));
		if (drainer) {
			throw new NodeOperationError(
				this.getNode(),
				`This GREEN-API instance's queue is drained by the workflow "${drainer.workflowName}" (ID ${drainer.workflowId})`,
				{
					description:
						"GREEN-API delivers notifications one way only: a webhook URL would empty that workflow's queue. Deactivate it first, or use another instance.",
				},
			);
		}
		const settings = await getSettings(this);
		const current = typeof settings.webhookUrl === 'string' ? settings.webhookUrl : '';
		const ours = current === webhookUrl || (registered.webhookUrl !== undefined && current === registered.webhookUrl);
		if (current !== '' && !ours && this.getNodeParameter('replaceExistingWebhook', false) !== true) {
			throw new NodeOperationError(this.getNode(), `This GREEN-API instance already sends its webhooks to ${displayUrl(current)}`, {
				description:
					'GREEN-API allows one webhook URL per instance. Turn on "Replace Existing Webhook" to point it at this workflow instead (the previous URL is restored when the workflow is deactivated), or use another instance.',
			});
		}
		if (!ours || registered.previous === undefined) registered.previous = restorableSettings(settings);
		const token = randomBytes(32).toString('hex');
		const events = this.getNodeParameter('events', []) as string[];
		await setSettings(this, { webhookUrl, webhookUrlToken: token, ...flagsFor(events) }, 'webhook');
		registered.webhookUrl = webhookUrl;
		registered.webhookToken = token;
		return true;
	},

	/** Puts the previous settings back, but only if the instance still points at this workflow. */
	async delete(this: IHookFunctions): Promise<boolean> {
		const registered = registrationOf(this);
		if (registered.webhookUrl === undefined) return true;
		const settings = await getSettings(this);
		if (settings.webhookUrl === registered.webhookUrl && registered.previous) {
			await setSettings(this, registered.previous, 'webhook');
		}
		delete registered.webhookUrl;
		delete registered.webhookToken;
		delete registered.previous;
		return true;
	},
};
