import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { displayUrl, flagsFor } from './events';
import { getSettings, setSettings } from './settings';
import type { GreenApiContext } from '../transport';

/**
 * Which workflow drains each GREEN-API instance's queue, in this n8n process; n8n runs `trigger()` nodes on its main
 * instance only (the leader, with several mains), so one process sees every active queue trigger of an n8n
 * installation, and after a restart it activates them again: nothing here can go stale. (GREEN-API's settings have
 * no field to keep such a mark in, and static data belongs to one workflow.)
 */
const drains = new Map<string, { workflowId: string; workflowName: string; owner: object }>();

/** The instance a credential names: its API URL and instance id. */
export async function instanceKey(context: GreenApiContext): Promise<string> {
	const credentials = await context.getCredentials('greenApi');
	return `${String(credentials.apiUrl ?? '').replace(/\/+$/, '')}|${String(credentials.idInstance ?? '').trim()}`;
}

/** The workflow that drains this instance's queue, if any. */
export function drainerOf(key: string): { workflowId: string; workflowName: string } | undefined {
	return drains.get(key);
}

/** What the queue trigger keeps in the workflow's static data about the settings it changed. */
interface SettingsChange {
	/** The settings' values before the node changed them, restored on deactivation. */
	previous?: IDataObject;
	/** The values the node set, compared on deactivation: a setting changed since is left alone. */
	applied?: IDataObject;
}

export interface QueueOwnership {
	/** Gives the queue up: restores what the node changed (if untouched since) and unregisters the workflow. */
	release(): Promise<void>;
}

/**
 * Takes the instance's HTTP API queue for this workflow: refuses when another workflow of this n8n drains it, or when
 * the instance sends its notifications to a webhook URL (GREEN-API then keeps the queue empty) unless
 * `clearWebhookUrl`; turns on the notification flags the events need. What it changes is kept in static data and
 * restored on release, setting by setting, only where the instance still has the value the node set.
 */
export async function takeQueue(
	context: ITriggerFunctions,
	{ events, clearWebhookUrl }: { events: string[]; clearWebhookUrl: boolean },
): Promise<QueueOwnership> {
	const key = await instanceKey(context);
	const workflow = context.getWorkflow();
	const current = drains.get(key);
	if (current) {
		throw new NodeOperationError(
			context.getNode(),
			`The queue of this GREEN-API instance is already drained by the workflow "${current.workflowName}" (ID ${current.workflowId})`,
			{
				description:
					'Two workflows receiving from one queue would each get only some of the events. Deactivate that workflow first, or use another instance.',
			},
		);
	}
	const owner = {};
	drains.set(key, { workflowId: workflow.id ?? '', workflowName: workflow.name ?? '', owner });
	const unregister = () => {
		if (drains.get(key)?.owner === owner) drains.delete(key);
	};
	let applied = false;
	try {
		await applySettings(context, events, clearWebhookUrl);
		applied = true;
	} finally {
		// a failure (already a NodeApiError or NodeOperationError) goes on to n8n; the instance is not taken
		if (!applied) unregister();
	}
	return {
		async release() {
			try {
				await restoreSettings(context);
			} finally {
				unregister();
			}
		},
	};
}

async function applySettings(context: ITriggerFunctions, events: string[], clearWebhookUrl: boolean): Promise<void> {
	const settings = await getSettings(context);
	const webhookUrl = typeof settings.webhookUrl === 'string' ? settings.webhookUrl : '';
	if (webhookUrl !== '' && !clearWebhookUrl) {
		throw new NodeOperationError(
			context.getNode(),
			`This GREEN-API instance sends its notifications to the webhook ${displayUrl(webhookUrl)}, so its HTTP API queue stays empty`,
			{
				description:
					'GREEN-API delivers notifications one way only: to the webhook URL when one is set, otherwise to the HTTP API queue. Turn on "Clear Webhook URL" to clear it while this workflow is active (it is restored when the workflow is deactivated), or use the GREEN-API Trigger with that URL.',
			},
		);
	}
	const changes: IDataObject = {};
	if (webhookUrl !== '') changes.webhookUrl = '';
	for (const [flag, value] of Object.entries(flagsFor(events))) if (settings[flag] !== value) changes[flag] = value;
	if (Object.keys(changes).length === 0) return;
	const kept = context.getWorkflowStaticData('node') as SettingsChange & IDataObject;
	// a change not restored yet (n8n stopped without deactivating) keeps its first previous value
	const previous: IDataObject = { ...(kept.previous ?? {}) };
	for (const name of Object.keys(changes)) if (!(name in previous)) previous[name] = settings[name] ?? '';
	kept.previous = previous;
	kept.applied = { ...(kept.applied ?? {}), ...changes };
	await setSettings(context, changes, 'notification');
}

async function restoreSettings(context: ITriggerFunctions): Promise<void> {
	const kept = context.getWorkflowStaticData('node') as SettingsChange & IDataObject;
	if (!kept.previous || !kept.applied) return;
	const settings = await getSettings(context);
	const restore: IDataObject = {};
	for (const [name, value] of Object.entries(kept.previous)) {
		if (settings[name] === kept.applied[name]) restore[name] = value;
	}
	if (Object.keys(restore).length > 0) await setSettings(context, restore, 'notification');
	delete kept.previous;
	delete kept.applied;
}

/** Forgets every registration (tests: an n8n process that starts afresh). */
export function forgetDrains(): void {
	drains.clear();
}
