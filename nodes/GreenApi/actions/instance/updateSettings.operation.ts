import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { drainerOf, instanceKey } from '../../trigger/ownership';
import { invalidField, optionsCollection, requireFlag } from '../common';
import type { Operation } from '../types';
import { withoutWebhookSecret } from './getSettings.operation';
import { FLAG_SETTINGS, settingsCollection, WEBHOOK_URL_OWNERS } from './instanceSettings';

/** The Settings collection as setSettings' body; fails the item on a value GREEN-API would refuse. */
function readSettings(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const chosen = context.getNodeParameter('settings', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(chosen)) {
		const flag = FLAG_SETTINGS.get(name);
		if (flag !== undefined) {
			if (typeof value !== 'boolean') throw invalidField(context, itemIndex, flag, value, 'true or false');
			body[name] = value ? 'yes' : 'no';
		} else if (name === 'delaySendMessagesMilliseconds') {
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 500) {
				throw invalidField(context, itemIndex, 'Delay Between Messages (Ms)', value, 'a whole number of milliseconds, at least 500');
			}
			body[name] = value;
		} else if (name === 'webhookUrl') {
			const url = typeof value === 'string' ? value.trim() : value;
			if (typeof url !== 'string' || (url !== '' && !/^https?:\/\/[^\s/]+/i.test(url))) {
				throw invalidField(context, itemIndex, 'Webhook URL', value, 'an http(s) URL such as https://n8n.example.com/webhook/greenapi, or nothing');
			}
			body[name] = url;
		} else if (name === 'webhookUrlToken') {
			if (typeof value !== 'string') throw invalidField(context, itemIndex, 'Webhook URL Token', '***', 'text');
			body[name] = value;
		}
	}
	if (Object.keys(body).length === 0) {
		throw invalidField(context, itemIndex, 'Settings', {}, 'at least one setting to change');
	}
	return body;
}

/** What to tell the user about changing the webhook URL, naming the queue trigger of this n8n that drains the instance. */
async function webhookWarning(context: IExecuteFunctions, webhookUrl: string): Promise<string> {
	const drainer = drainerOf(await instanceKey(context));
	const owner =
		drainer && webhookUrl !== ''
			? ` The active workflow "${drainer.workflowName}" (${drainer.workflowId}) reads this instance's notifications with a GREEN-API Queue Trigger: GREEN-API stops queueing them while a webhook URL is set.`
			: '';
	return `The webhook URL was changed. ${WEBHOOK_URL_OWNERS}.${owner}`;
}

export const updateSettings: Operation = {
	value: 'updateSettings',
	name: 'Update Settings',
	action: 'Update the settings of the instance',
	description:
		"Change the instance's settings: webhook URL and token, which notifications it sends, message delay, read marks. Changing the webhook URL can break a GREEN-API Trigger that registered it.",
	properties: [settingsCollection, optionsCollection()],
	async execute(itemIndex) {
		const body = readSettings(this, itemIndex);
		const answer = await greenApiRequest.call(this, { method: 'setSettings', body, itemIndex });
		requireFlag(this, itemIndex, answer, 'saveSettings', 'GREEN-API did not save the settings', 'Check the values, e.g. with Instance › Get Settings.');
		const result: IDataObject = { saveSettings: true, ...withoutWebhookSecret(body) };
		if (typeof body.webhookUrl === 'string') {
			result.warning = await webhookWarning(this, body.webhookUrl);
			this.addExecutionHints({ message: result.warning as string, type: 'warning', location: 'outputPane' });
		}
		return result;
	},
};
