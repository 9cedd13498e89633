import nock from 'nock';

import { MIN_IDLE_POLL_MS } from '../../nodes/GreenApi/trigger/queueLoop';
import { forgetDrains } from '../../nodes/GreenApi/trigger/ownership';
import { API_URL, apiPath, ID_INSTANCE, TOKEN } from '../helpers/harness';
import { expectNoSecret } from '../helpers/secrets';
import { queueTriggerWorkflow } from '../helpers/triggerHarness';
import { GreenApiQueueTrigger } from '../../nodes/GreenApi/GreenApiQueueTrigger.node';
import { virtualClock } from '../helpers/virtualClock';
import { systemClock, useClock } from '../../nodes/GreenApi/transport/clock';

type Workflow = ReturnType<typeof queueTriggerWorkflow>;

const message = (idMessage: string, chatId = '79001234567@c.us') => ({
	typeWebhook: 'incomingMessageReceived',
	instanceData: { idInstance: Number(ID_INSTANCE), wid: '79990000000@c.us', typeInstance: 'whatsapp' },
	timestamp: 1731000000,
	idMessage,
	senderData: { chatId, sender: chatId, senderName: 'Anna' },
	messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'Hello' } },
});

/** The item both triggers put out for `message(idMessage)`. */
const itemOf = (idMessage: string) => ({
	event: 'incomingMessageReceived',
	chatId: '79001234567@c.us',
	timestamp: 1731000000,
	idInstance: Number(ID_INSTANCE),
	body: message(idMessage),
});

const READY_SETTINGS = { webhookUrl: '', webhookUrlToken: '', incomingWebhook: 'yes', stateWebhook: 'yes' };

/** getSettings on activation (and nothing to change). */
function settingsReady() {
	nock(API_URL).get(apiPath('getSettings')).reply(200, READY_SETTINGS);
}

/** receiveNotification answers, in order: a notification ({receiptId, body}), null, or an HTTP status. */
function receives(workflow: Workflow, answers: Array<{ receiptId: number; body: object } | null | number>, receiveTimeout = '20') {
	for (const answer of answers) {
		nock(API_URL)
			.get(apiPath('receiveNotification'))
			.query({ receiveTimeout })
			.reply(() => {
				if (typeof answer === 'number') {
					workflow.log.push(`receive ${answer}`);
					return [answer, { message: 'Too Many Requests' }];
				}
				workflow.log.push(`receive ${answer?.receiptId ?? 'null'}`);
				return [200, answer === null ? 'null' : JSON.stringify(answer)];
			});
	}
}

function deletes(workflow: Workflow, receiptId: number, status = 200) {
	nock(API_URL)
		.delete(`${apiPath('deleteNotification')}/${receiptId}`)
		.reply(() => {
			workflow.log.push(`delete ${receiptId}${status === 200 ? '' : ` ${status}`}`);
			return [status, status === 200 ? { result: true } : { message: 'Internal Server Error' }];
		});
}

/** A long poll that GREEN-API holds until the test releases it: where each test stops the trigger. */
function heldPoll(workflow: Workflow, receiveTimeout = '20') {
	let release: () => void = () => undefined;
	const gate = new Promise<void>((resolve) => (release = resolve));
	let arrived: () => void = () => undefined;
	const reached = new Promise<void>((resolve) => (arrived = resolve));
	nock(API_URL)
		.get(apiPath('receiveNotification'))
		.query({ receiveTimeout })
		.reply(async () => {
			workflow.log.push('receive (held)');
			arrived();
			await gate;
			return [200, 'null'];
		});
	return { reached, release };
}

/** Activates, waits for the held poll, stops the trigger, then lets the held answer go. */
async function runUntilHeld(workflow: Workflow, held: ReturnType<typeof heldPoll>) {
	await workflow.activate();
	await held.reached;
	await workflow.close();
	held.release();
}

/** The emit that makes n8n save the ledger before a delete: its key is the execution's, so n8n starts nothing. */
const SAVE = 'emit duplicate';

const trigger = (parameters: Record<string, unknown> = {}) =>
	queueTriggerWorkflow({ events: ['incomingMessageReceived'], ...parameters });

afterEach(() => forgetDrains());

describe('GREEN-API Queue Trigger: the receive loop', () => {
	it('receives, starts one execution, then deletes, one notification at a time', async () => {
		const workflow = trigger();
		settingsReady();
		receives(workflow, [
			{ receiptId: 1, body: message('A1') },
			{ receiptId: 2, body: message('A2') },
		]);
		deletes(workflow, 1);
		deletes(workflow, 2);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual(['receive 1', 'emit', SAVE, 'delete 1', 'receive 2', 'emit', SAVE, 'delete 2', 'receive (held)']);
		expect(workflow.ran()).toEqual([[itemOf('A1')], [itemOf('A2')]]);
		const keys = workflow.emitted.map((call) => call.key);
		expect(keys).toEqual([
			expect.stringMatching(/^greenapi:wf-1:node-1:[0-9a-f]{64}$/),
			keys[0],
			expect.stringMatching(/^greenapi:wf-1:node-1:[0-9a-f]{64}$/),
			keys[2],
		]);
		// the ledger was saved (by the second emit) before each delete
		expect(Object.values(workflow.savedStaticData().queueLedger as object)).toEqual([
			{ attempt: 0, done: true },
			{ attempt: 0, done: true },
		]);
	});

	it('waits in the long poll when idle: an empty answer starts nothing, and one that came back at once is followed by a pause', async () => {
		const workflow = trigger({ options: { receiveTimeout: 60 } });
		settingsReady();
		receives(workflow, [null, null], '60');
		await runUntilHeld(workflow, heldPoll(workflow, '60'));
		expect(workflow.log).toEqual(['receive null', 'receive null', 'receive (held)']);
		expect(workflow.emitted).toEqual([]);
		expect(virtualClock().sleeps.filter((ms) => ms === MIN_IDLE_POLL_MS)).toHaveLength(2);
	});

	it('stops within the long poll: the request under way is aborted and no other starts', async () => {
		const workflow = trigger();
		settingsReady();
		const held = heldPoll(workflow);
		await workflow.activate();
		await held.reached;
		// the held answer is never released before close() returns: close does not wait for the poll
		await workflow.close();
		expect(workflow.log).toEqual(['receive (held)']);
		held.release();
		await new Promise((resolve) => setImmediate(resolve));
		expect(workflow.log).toEqual(['receive (held)']);
	});

	it('pauses on 429 and goes on: the transport retries with backoff, then the loop waits and polls again', async () => {
		const workflow = trigger();
		settingsReady();
		receives(workflow, [...Array(12).fill(429), { receiptId: 7, body: message('A7') }]);
		deletes(workflow, 7);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual([
			...Array(12).fill('receive 429'),
			'receive 7',
			'emit',
			SAVE,
			'delete 7',
			'receive (held)',
		]);
		// the transport's backoff for 429s (750 ms doubling to 12 s, 12 attempts), then the loop's own pause of 1 s
		const pauses = virtualClock().sleeps.filter((ms) => ms >= 750);
		expect(pauses).toEqual([750, 1500, 3000, 6000, ...Array(7).fill(12000), 1000]);
	});

	it('does not delete a notification n8n refused: it is received again and then started, with a key of its own', async () => {
		const workflow = trigger();
		settingsReady();
		workflow.refuseNext();
		receives(workflow, [
			{ receiptId: 3, body: message('A3') },
			{ receiptId: 3, body: message('A3') },
		]);
		deletes(workflow, 3);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual(['receive 3', 'emit refused', 'receive 3', 'emit', SAVE, 'delete 3', 'receive (held)']);
		expect(workflow.ran()).toEqual([[itemOf('A3')]]);
		expect(workflow.emitted[1].key).toBe(`${workflow.emitted[0].key}:1`);
	});

	it('starts a re-delivered notification once: the ledger says it is done, and it is deleted unstarted', async () => {
		const workflow = trigger();
		settingsReady();
		receives(workflow, [
			{ receiptId: 4, body: message('A4') },
			{ receiptId: 4, body: message('A4') },
		]);
		// the first delete fails (as if n8n stopped before it): GREEN-API hands the notification out again
		deletes(workflow, 4, 500);
		deletes(workflow, 4);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual(['receive 4', 'emit', SAVE, 'delete 4 500', 'receive 4', 'delete 4', 'receive (held)']);
		expect(workflow.ran()).toEqual([[itemOf('A4')]]);
	});

	it('after an upgrade: a notification an earlier version ran (same key, no ledger) is skipped by n8n and deleted', async () => {
		const workflow = trigger();
		settingsReady();
		receives(workflow, [{ receiptId: 5, body: message('A5') }]);
		deletes(workflow, 5, 500);
		await runUntilHeld(workflow, heldPoll(workflow));
		delete workflow.staticData().queueLedger;
		forgetDrains(); // a new n8n process

		settingsReady();
		receives(workflow, [{ receiptId: 5, body: message('A5') }]);
		deletes(workflow, 5);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.emitted.map((call) => call.outcome)).toEqual(['ran', 'duplicate', 'duplicate', 'duplicate']);
		expect(workflow.ran()).toEqual([[itemOf('A5')]]);
	});

	it('tells different notifications apart even with equal bodies (the receipt differs), and deletes filtered ones unstarted', async () => {
		const workflow = trigger({ filters: { chatType: 'personal' } });
		settingsReady();
		const state = {
			typeWebhook: 'stateInstanceChanged',
			instanceData: { idInstance: Number(ID_INSTANCE) },
			timestamp: 1731000000,
			stateInstance: 'authorized',
		};
		receives(workflow, [
			{ receiptId: 8, body: message('G1', '120363043968066561@g.us') },
			{ receiptId: 9, body: message('A9') },
			{ receiptId: 10, body: message('A9') },
			{ receiptId: 11, body: state },
		]);
		for (const receipt of [8, 9, 10, 11]) deletes(workflow, receipt);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.emitted.map((call) => call.outcome)).toEqual(['ran', 'duplicate', 'ran', 'duplicate']);
		expect(workflow.emitted[0].key).not.toBe(workflow.emitted[2].key);
	});

	it('shows no token in what it emits or keeps', async () => {
		const workflow = trigger();
		settingsReady();
		receives(workflow, [{ receiptId: 1, body: message('A1') }]);
		deletes(workflow, 1);
		await runUntilHeld(workflow, heldPoll(workflow));
		expectNoSecret([workflow.emitted, workflow.staticData()], TOKEN);
	});
});

/** Resolves once `workflow.log` has an entry `entry`. */
async function logged(workflow: Workflow, entry: string): Promise<void> {
	while (!workflow.log.includes(entry)) await new Promise((resolve) => setImmediate(resolve));
}

describe('GREEN-API Queue Trigger: exactly one execution per notification runs to its end', () => {
	it('a crashed execution runs again, with a key of its own (n8n skips a key a crashed execution holds)', async () => {
		const workflow = trigger();
		settingsReady();
		workflow.next('crashed');
		receives(workflow, [
			{ receiptId: 1, body: message('A1') },
			{ receiptId: 1, body: message('A1') },
		]);
		deletes(workflow, 1);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual(['receive 1', 'emit crashed', 'receive 1', 'emit', SAVE, 'delete 1', 'receive (held)']);
		expect(workflow.ran()).toEqual([[itemOf('A1')]]);
		const [crashed, ran] = workflow.emitted;
		expect(ran.key).toBe(`${crashed.key}:1`);
		expect(virtualClock().sleeps).toContain(1000);
	});

	it('a cancelled execution runs again; one that failed (status error) ran to its end and is deleted', async () => {
		const workflow = trigger();
		settingsReady();
		workflow.next('canceled', 'failed');
		receives(workflow, [
			{ receiptId: 1, body: message('A1') },
			{ receiptId: 1, body: message('A1') },
			{ receiptId: 2, body: message('A2') },
		]);
		deletes(workflow, 1);
		deletes(workflow, 2);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual([
			'receive 1',
			'emit canceled',
			'receive 1',
			'emit failed',
			SAVE,
			'delete 1',
			'receive 2',
			'emit',
			SAVE,
			'delete 2',
			'receive (held)',
		]);
	});

	it('n8n killed during the execution: after the restart the notification runs again, once', async () => {
		const workflow = trigger();
		settingsReady();
		workflow.next('hung');
		receives(workflow, [{ receiptId: 1, body: message('A1') }]);
		await workflow.activate();
		await logged(workflow, 'emit hung');
		await workflow.kill();
		// n8n saved the attempt with the emit
		expect(Object.values(workflow.staticData().queueLedger as object)).toEqual([{ attempt: 0 }]);
		forgetDrains();

		settingsReady();
		receives(workflow, [{ receiptId: 1, body: message('A1') }]);
		deletes(workflow, 1);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual(['receive 1', 'emit hung', 'receive 1', 'emit', SAVE, 'delete 1', 'receive (held)']);
		expect(workflow.emitted[1].key).toBe(`${workflow.emitted[0].key}:1`);
	});

	it('n8n killed after the execution ended, before deleteNotification: after the restart it is deleted unstarted', async () => {
		const workflow = trigger();
		settingsReady();
		receives(workflow, [{ receiptId: 1, body: message('A1') }]);
		let deleting: () => void = () => undefined;
		const deleteReached = new Promise<void>((resolve) => (deleting = resolve));
		nock(API_URL)
			.delete(`${apiPath('deleteNotification')}/1`)
			.reply(() => {
				workflow.log.push('delete 1 (held)');
				deleting();
				return new Promise(() => undefined); // killed before GREEN-API answers
			});
		await workflow.activate();
		await deleteReached;
		await workflow.kill();
		forgetDrains();

		settingsReady();
		receives(workflow, [{ receiptId: 1, body: message('A1') }]);
		deletes(workflow, 1);
		await runUntilHeld(workflow, heldPoll(workflow));
		expect(workflow.log).toEqual(['receive 1', 'emit', SAVE, 'delete 1 (held)', 'receive 1', 'delete 1', 'receive (held)']);
		expect(workflow.ran()).toEqual([[itemOf('A1')]]);
	});

	it('n8n never tells the end (queue mode): after Execution Wait it receives again, and n8n skips the same key (real timers)', async () => {
		useClock(systemClock);
		const workflow = trigger({ options: { executionWait: 1 } });
		settingsReady();
		workflow.next('hung');
		receives(workflow, [
			{ receiptId: 1, body: message('A1') },
			{ receiptId: 1, body: message('A1') },
		]);
		deletes(workflow, 1);
		const held = heldPoll(workflow);
		const startedAt = Date.now();
		await workflow.activate();
		await held.reached;
		const elapsed = Date.now() - startedAt;
		await workflow.close();
		held.release();
		expect(workflow.log).toEqual(['receive 1', 'emit hung', 'receive 1', 'emit duplicate', SAVE, 'delete 1', 'receive (held)']);
		expect(new Set(workflow.emitted.map((call) => call.key)).size).toBe(1);
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		expect(elapsed).toBeLessThan(5000);
	});

	it('a long poll that does not answer within receiveTimeout + 5 s is given up and asked again (real timers)', async () => {
		useClock(systemClock);
		const workflow = trigger({ options: { receiveTimeout: 5 } });
		settingsReady();
		nock(API_URL)
			.get(apiPath('receiveNotification'))
			.query({ receiveTimeout: '5' })
			.reply(() => {
				workflow.log.push('receive (never answers)');
				return new Promise(() => undefined);
			});
		const held = heldPoll(workflow, '5');
		const startedAt = Date.now();
		await workflow.activate();
		await held.reached;
		const elapsed = Date.now() - startedAt;
		await workflow.close();
		held.release();
		expect(workflow.log).toEqual(['receive (never answers)', 'receive (held)']);
		expect(elapsed).toBeGreaterThanOrEqual(10_000);
		expect(elapsed).toBeLessThan(13_000);
	}, 20_000);

	it('stops during a pause and leaves no timer behind, five activations in a row (real timers)', async () => {
		useClock(systemClock);
		const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
		const before = timers();
		for (let cycle = 0; cycle < 5; cycle++) {
			const workflow = trigger({ events: ['incomingMessageReceived', 'chat.archive'] });
			settingsReady();
			nock(API_URL).get(apiPath('getChats')).reply(200, []);
			// a 400 (not retried) makes the loop pause 1 s, and the archive check waits its minute: stopped within both
			nock(API_URL).get(apiPath('receiveNotification')).query(true).reply(400, {});
			await workflow.activate();
			await new Promise((resolve) => setTimeout(resolve, 100));
			await workflow.close();
			nock.cleanAll();
		}
		// short timers of the last requests may need more than one turn of the event loop on a busy machine: wait up to
		// 300 ms, in turns that create no timer themselves (each activation set two pauses, 1 s and 60 s: none may be
		// left, and even the last 1 s pause would still be running after 300 ms)
		const until = Date.now() + 300;
		do await new Promise((resolve) => setImmediate(resolve));
		while (timers() > before && Date.now() < until);
		expect(timers()).toBeLessThanOrEqual(before);
	});

	it('refuses an Execution Wait that is not whole seconds from 1 to 3600, naming it', async () => {
		const workflow = trigger({ options: { executionWait: 0 } });
		await expect(workflow.activate()).rejects.toThrow('Invalid Execution Wait "0": expected whole seconds from 1 to 3600');
	});
});

describe('GREEN-API Queue Trigger: test mode', () => {
	it('tells what to do: a notice in the parameters and the trigger panel name "Execute step" and sending a message', () => {
		const { description } = new GreenApiQueueTrigger();
		const notice = description.properties.find((property) => property.name === 'testNotice');
		expect(notice).toMatchObject({ type: 'notice' });
		expect(notice?.displayName).toContain('"Execute step"');
		expect(notice?.displayName).toContain('send a WhatsApp message');
		const panel = description.triggerPanel as { executionsHelp: { inactive: string; active: string } };
		expect(panel.executionsHelp.inactive).toContain('"Execute step"');
		expect(panel.executionsHelp.active).toContain('"Execute step"');
	});
});
