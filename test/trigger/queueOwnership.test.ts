import nock from 'nock';

import { forgetDrains } from '../../nodes/GreenApi/trigger/ownership';
import { API_URL, apiPath } from '../helpers/harness';
import { queueTriggerWorkflow, triggerWorkflow } from '../helpers/triggerHarness';

const FOREIGN_URL = 'https://crm.example.com/hooks/whatsapp?key=crm-secret';

const settings = (overrides: Record<string, unknown> = {}) => ({
	wid: '79990000000@c.us',
	webhookUrl: '',
	webhookUrlToken: '',
	incomingWebhook: 'no',
	outgoingWebhook: 'no',
	stateWebhook: 'no',
	...overrides,
});

function getSettings(answer: Record<string, unknown>) {
	nock(API_URL).get(apiPath('getSettings')).reply(200, answer);
}

function setSettings(saved: Array<Record<string, unknown>>) {
	nock(API_URL)
		.post(apiPath('setSettings'), (body) => {
			saved.push(body);
			return true;
		})
		.reply(200, { saveSettings: true });
}

/** The first long poll of an activation: it waits until the test stops the trigger (close). */
function heldPolls() {
	let release: () => void = () => undefined;
	const gate = new Promise<void>((resolve) => (release = resolve));
	let arrived: () => void = () => undefined;
	const reached = new Promise<void>((resolve) => (arrived = resolve));
	nock(API_URL)
		.get(apiPath('receiveNotification'))
		.query(true)
		.reply(async () => {
			arrived();
			await gate;
			return [200, 'null'];
		});
	return { reached, release };
}

/** Stops the trigger once its loop is in the long poll. */
async function stop(workflow: { close(): Promise<void> }, poll: ReturnType<typeof heldPolls>) {
	await poll.reached;
	await workflow.close();
	poll.release();
}

const queueTrigger = (options: Record<string, unknown> = {}, identity?: { workflowId: string; workflowName: string }) =>
	queueTriggerWorkflow({ events: ['incomingMessageReceived', 'outgoingMessageStatus'], options }, identity);

afterEach(() => forgetDrains());

describe('GREEN-API Queue Trigger: who owns the delivery method', () => {
	it('refuses an instance that sends its notifications to a webhook URL, naming it, and changes nothing', async () => {
		getSettings(settings({ webhookUrl: FOREIGN_URL }));
		const error = await queueTrigger()
			.activate()
			.catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe(
			'This GREEN-API instance sends its notifications to the webhook https://crm.example.com/hooks/whatsapp, so its HTTP API queue stays empty',
		);
		expect((error as { description: string }).description).toContain('Turn on "Clear Webhook URL"');
		expect((error as Error).message).not.toContain('crm-secret');
	});

	it('with Clear Webhook URL: clears it and turns the needed flags on, then restores both on deactivation', async () => {
		const workflow = queueTrigger({ clearWebhookUrl: true });
		const saved: Array<Record<string, unknown>> = [];
		getSettings(settings({ webhookUrl: FOREIGN_URL }));
		setSettings(saved);
		const poll = heldPolls();
		await workflow.activate();
		expect(saved).toEqual([{ webhookUrl: '', incomingWebhook: 'yes', outgoingWebhook: 'yes' }]);
		expect(workflow.staticData()).toEqual({
			previous: { webhookUrl: FOREIGN_URL, incomingWebhook: 'no', outgoingWebhook: 'no' },
			applied: { webhookUrl: '', incomingWebhook: 'yes', outgoingWebhook: 'yes' },
		});

		getSettings(settings({ incomingWebhook: 'yes', outgoingWebhook: 'yes' }));
		setSettings(saved);
		await stop(workflow, poll);
		expect(saved[1]).toEqual({ webhookUrl: FOREIGN_URL, incomingWebhook: 'no', outgoingWebhook: 'no' });
		expect(workflow.staticData()).toEqual({});
	});

	it('restores only what is untouched: a webhook URL set meanwhile stays', async () => {
		const workflow = queueTrigger({ clearWebhookUrl: true });
		const saved: Array<Record<string, unknown>> = [];
		getSettings(settings({ webhookUrl: FOREIGN_URL, outgoingWebhook: 'yes' }));
		setSettings(saved);
		const poll = heldPolls();
		await workflow.activate();

		getSettings(settings({ webhookUrl: 'https://new.example.com/hook', incomingWebhook: 'yes', outgoingWebhook: 'yes' }));
		setSettings(saved);
		await stop(workflow, poll);
		expect(saved).toEqual([
			{ webhookUrl: '', incomingWebhook: 'yes' },
			{ incomingWebhook: 'no' },
		]);
	});

	it('sets nothing when the instance is ready, and restores nothing', async () => {
		const workflow = queueTrigger();
		getSettings(settings({ incomingWebhook: 'yes', outgoingWebhook: 'yes' }));
		const poll = heldPolls();
		await workflow.activate();
		await stop(workflow, poll);
		expect(workflow.staticData()).toEqual({});
	});

	it('after n8n stopped without deactivating, keeps the first previous settings', async () => {
		const workflow = queueTrigger({ clearWebhookUrl: true });
		const saved: Array<Record<string, unknown>> = [];
		workflow.staticData().previous = { webhookUrl: FOREIGN_URL };
		workflow.staticData().applied = { webhookUrl: '' };
		getSettings(settings({ incomingWebhook: 'yes' }));
		setSettings(saved);
		const poll = heldPolls();
		await workflow.activate();
		expect(saved).toEqual([{ outgoingWebhook: 'yes' }]);
		expect(workflow.staticData().previous).toEqual({ webhookUrl: FOREIGN_URL, outgoingWebhook: 'no' });
		getSettings(settings({ incomingWebhook: 'yes', outgoingWebhook: 'yes' }));
		setSettings(saved);
		await stop(workflow, poll);
		expect(saved[1]).toEqual({ webhookUrl: FOREIGN_URL, outgoingWebhook: 'no' });
	});

	it('refuses a second workflow draining the same instance, naming the first; free again once it is deactivated', async () => {
		const first = queueTrigger({}, { workflowId: 'wf-orders', workflowName: 'Orders' });
		getSettings(settings({ incomingWebhook: 'yes', outgoingWebhook: 'yes' }));
		const poll = heldPolls();
		await first.activate();

		const second = queueTrigger({}, { workflowId: 'wf-support', workflowName: 'Support' });
		await expect(second.activate()).rejects.toThrow(
			'The queue of this GREEN-API instance is already drained by the workflow "Orders" (ID wf-orders)',
		);

		// nor may the webhook trigger point the instance elsewhere meanwhile
		const webhook = triggerWorkflow({ events: ['incomingMessageReceived'], authentication: 'bearerToken', registerWebhook: true });
		await expect(webhook.create()).rejects.toThrow(
			'This GREEN-API instance\'s queue is drained by the workflow "Orders" (ID wf-orders)',
		);

		await stop(first, poll);
		getSettings(settings({ incomingWebhook: 'yes', outgoingWebhook: 'yes' }));
		const secondPoll = heldPolls();
		await second.activate();
		await stop(second, secondPoll);
	});
});
