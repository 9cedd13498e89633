import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { ArchivePoller } from './trigger/archivePoll';
import { EVENTS_SUBTITLE, eventsProperty, readTriggerFilters, triggerFilters } from './trigger/description';
import { takeQueue } from './trigger/ownership';
import { QueueLoop } from './trigger/queueLoop';

/** GREEN-API's bounds for receiveNotification's long poll, in seconds. */
const RECEIVE_TIMEOUT = { min: 5, max: 60, default: 20 };
/** How long to wait for an execution's end before receiving again, in seconds. */
const EXECUTION_WAIT = { min: 1, max: 3600, default: 10 };

/** A whole number option within its bounds, or an error naming it. */
function wholeSeconds(
	node: ReturnType<ITriggerFunctions['getNode']>,
	name: string,
	value: unknown,
	limits: { min: number; max: number; default: number },
): number {
	const seconds = Number(value ?? limits.default);
	if (!Number.isInteger(seconds) || seconds < limits.min || seconds > limits.max) {
		throw new NodeOperationError(
			node,
			`Invalid ${name} "${String(value)}": expected whole seconds from ${limits.min} to ${limits.max}`,
		);
	}
	return seconds;
}

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
		triggerPanel: {
			header: 'Waiting for an event in the GREEN-API queue',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step", then send a WhatsApp message to the instance\'s number (or from it): the first event in the queue starts the test run.<br /><br /><b>Once you are happy with your workflow</b>, publish it: every event in the queue then starts an execution, exactly once.',
				active:
					'<b>While building your workflow</b>, click "Execute step", then send a WhatsApp message to the instance\'s number: the first event in the queue starts the test run.<br /><br /><b>Your workflow is active</b>: every event in the queue starts an execution, exactly once.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it to receive every event of the queue without clicking a button.',
		},
		credentials: [{ name: 'greenApi', required: true }],
		properties: [
			{
				displayName:
					'Receives events by asking GREEN-API for them, so n8n needs no public URL. GREEN-API fills this queue only while the instance has no webhook URL; one workflow per instance.',
				name: 'queueNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'To test: click "Execute step" (or "Execute workflow"), then send a WhatsApp message to the instance\'s number, or from it. The first event in the queue starts the test run (an event already waiting in the queue comes first).',
				name: 'testNotice',
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
						displayName: 'Execution Wait (Seconds)',
						name: 'executionWait',
						type: 'number',
						typeOptions: { minValue: EXECUTION_WAIT.min, maxValue: EXECUTION_WAIT.max },
						default: 10,
						description:
							'How long to wait for an event\'s execution to end before receiving the next event, e.g. 10. An execution still running then is left to n8n and never started twice; in queue mode n8n can miss an execution\'s end, so this keeps the queue moving.',
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
		const options = this.getNodeParameter('options', {}) as {
			clearWebhookUrl?: boolean;
			receiveTimeout?: number;
			executionWait?: number;
		};
		const receiveTimeout = wholeSeconds(this.getNode(), 'Long Poll Timeout', options.receiveTimeout, RECEIVE_TIMEOUT);
		const executionWaitMs =
			wholeSeconds(this.getNode(), 'Execution Wait', options.executionWait, EXECUTION_WAIT) * 1000;
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
		let archive: ArchivePoller | undefined;
		if (filters.events.includes('chat.archive')) {
			archive = new ArchivePoller(this, { periodMs: minutes * 60_000, filters, idInstance, executionWaitMs });
			// the chats are seen before trigger() returns, so n8n saves them with the activation
			await archive.prime();
			archive.run();
		}
		const queue = new QueueLoop(this, { receiveTimeout, filters, executionWaitMs });
		queue.run();
		return {
			closeFunction: async () => {
				await Promise.all([queue.stop(), archive?.stop()]);
				await ownership.release();
			},
		};
	}
}
