import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { ArchivePoller } from './trigger/archivePoll';
import { EVENTS_SUBTITLE, eventsProperty, readTriggerFilters, triggerFilters } from './trigger/description';
import { takeQueue } from './trigger/ownership';
import { QueueLoop } from './trigger/queueLoop';

/** GREEN-API's bounds for receiveNotification's long poll, in seconds. */
const RECEIVE_TIMEOUT = { min: 5, max: 60, default: 20 };

export class GreenApiQueueTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API Queue Trigger',
		name: 'greenApiQueueTrigger',
		icon: { light: 'file:greenApi.svg', dark: 'file:greenApi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description:
			"Starts the workflow on GREEN-API events received through the instance's HTTP API queue: no public URL needed",
		defaults: { name: 'GREEN-API Queue Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenApi', required: true }],
		properties: [
			{
				displayName:
					'Receives events by asking GREEN-API for them, so n8n needs no public URL. GREEN-API fills this queue only while the instance has no webhook URL; one workflow per instance.',
				name: 'queueNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty(['incomingMessageReceived']),
			{
				displayName: 'Archive Check Interval (Minutes)',
				name: 'archivePollMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				displayOptions: { show: { events: ['chat.archive'] } },
				description:
					'How often to compare the chat list for archive changes, e.g. 1 (GREEN-API refreshes the list at most once a minute)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Clear Webhook URL',
						name: 'clearWebhookUrl',
						type: 'boolean',
						default: false,
						description:
							"Whether to clear the instance's webhook URL while the workflow is active (GREEN-API fills the queue only without one); it is restored on deactivation if nobody changed it meanwhile",
					},
					{
						displayName: 'Long Poll Timeout (Seconds)',
						name: 'receiveTimeout',
						type: 'number',
						typeOptions: { minValue: RECEIVE_TIMEOUT.min, maxValue: RECEIVE_TIMEOUT.max },
						default: 20,
						description:
							'How long each request waits for an event before asking again, e.g. 20; stopping the workflow never waits for it',
					},
				],
			},
			triggerFilters,
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const filters = readTriggerFilters(this);
		const options = this.getNodeParameter('options', {}) as { clearWebhookUrl?: boolean; receiveTimeout?: number };
		const receiveTimeout = Number(options.receiveTimeout ?? RECEIVE_TIMEOUT.default);
		if (!Number.isInteger(receiveTimeout) || receiveTimeout < RECEIVE_TIMEOUT.min || receiveTimeout > RECEIVE_TIMEOUT.max) {
			throw new NodeOperationError(
				this.getNode(),
				`Invalid Long Poll Timeout "${String(options.receiveTimeout)}": expected whole seconds from ${RECEIVE_TIMEOUT.min} to ${RECEIVE_TIMEOUT.max}`,
			);
		}
		const minutes = Number(this.getNodeParameter('archivePollMinutes', 1));
		if (filters.events.includes('chat.archive') && !(Number.isFinite(minutes) && minutes >= 1)) {
			throw new NodeOperationError(
				this.getNode(),
				`Invalid Archive Check Interval "${String(minutes)}": expected a number of minutes, at least 1`,
			);
		}
		const idInstance = String((await this.getCredentials('greenApi')).idInstance ?? '').trim();
		const ownership = await takeQueue(this, {
			events: filters.events,
			clearWebhookUrl: options.clearWebhookUrl === true,
		});
		const queue = new QueueLoop(this, { receiveTimeout, filters });
		queue.run();
		let archive: ArchivePoller | undefined;
		if (filters.events.includes('chat.archive')) {
			archive = new ArchivePoller(this, { periodMs: minutes * 60_000, filters, idInstance });
			archive.run();
		}
		return {
			closeFunction: async () => {
				await Promise.all([queue.stop(), archive?.stop()]);
				await ownership.release();
			},
		};
	}
}
