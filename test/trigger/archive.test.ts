import nock from 'nock';

import { diffChats } from '../../nodes/GreenApi/trigger/archivePoll';
import { forgetDrains } from '../../nodes/GreenApi/trigger/ownership';
import { API_URL, apiPath, ID_INSTANCE } from '../helpers/harness';
import { queueTriggerWorkflow } from '../helpers/triggerHarness';
import { virtualClock } from '../helpers/virtualClock';

const A = '79001234567@c.us';
const B = '120363043968066561@g.us';
const C = '79007654321@c.us';
const chat = (id: string, archive: boolean) => ({ id, archive, name: `Chat ${id}`, type: id.endsWith('@g.us') ? 'group' : 'user' });
const T0 = 1_731_000_000_000;

describe('getChats compared with what was seen', () => {
	it('first poll: records every chat, reports nothing', () => {
		const { known, changes } = diffChats(undefined, [chat(A, false), chat(B, true)], T0);
		expect(changes).toEqual([]);
		expect(known).toEqual({ [A]: { archived: false, changes: 0, since: T0 }, [B]: { archived: true, changes: 0, since: T0 } });
	});

	it('archive and unarchive: one change per chat whose state differs', () => {
		const { known: first } = diffChats(undefined, [chat(A, false), chat(B, true), chat(C, false)], T0);
		const { known, changes } = diffChats(first, [chat(A, true), chat(B, false), chat(C, false)], T0 + 60_000);
		expect(changes.map(({ chatId, archived, key }) => ({ chatId, archived, key }))).toEqual([
			{ chatId: A, archived: true, key: `${A}:${T0}:1` },
			{ chatId: B, archived: false, key: `${B}:${T0}:1` },
		]);
		expect(known[A]).toEqual({ archived: true, changes: 1, since: T0 });
		// archived again later: a new key
		const again = diffChats(diffChats(known, [chat(A, false)], T0 + 120_000).known, [chat(A, true)], T0 + 180_000);
		expect(again.changes.map((change) => change.key)).toEqual([`${A}:${T0}:3`]);
	});

	it('a chat that appears is recorded, and reported only when it appears archived', () => {
		const { known: first } = diffChats(undefined, [chat(A, false)], T0);
		const { known, changes } = diffChats(first, [chat(A, false), chat(B, false), chat(C, true)], T0 + 60_000);
		expect(changes.map((change) => [change.chatId, change.archived])).toEqual([[C, true]]);
		expect(known[B]).toEqual({ archived: false, changes: 0, since: T0 + 60_000 });
	});

	it('a chat that disappears is forgotten, without a change', () => {
		const { known: first } = diffChats(undefined, [chat(A, true), chat(B, false)], T0);
		const { known, changes } = diffChats(first, [chat(B, false)], T0 + 60_000);
		expect(changes).toEqual([]);
		expect(Object.keys(known)).toEqual([B]);
	});
});

describe('GREEN-API Queue Trigger: chat.archive for GREEN-API instances', () => {
	afterEach(() => forgetDrains());

	/** getChats answers, in order; the call after them is held until the test ends it. */
	function chatLists(lists: Array<Array<ReturnType<typeof chat>>>) {
		for (const list of lists) nock(API_URL).get(apiPath('getChats')).reply(200, list);
		return held('getChats');
	}

	function held(method: string) {
		let release: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let arrived: () => void = () => undefined;
		const reached = new Promise<void>((resolve) => (arrived = resolve));
		nock(API_URL)
			.get(apiPath(method))
			.query(true)
			.reply(async () => {
				arrived();
				await gate;
				return [200, method === 'getChats' ? '[]' : 'null'];
			});
		return { reached, release };
	}

	async function run(workflow: ReturnType<typeof queueTriggerWorkflow>, lists: Array<Array<ReturnType<typeof chat>>>) {
		nock(API_URL).get(apiPath('getSettings')).reply(200, { webhookUrl: '', incomingWebhook: 'yes' });
		const poll = held('receiveNotification');
		const chats = chatLists(lists);
		await workflow.activate();
		await Promise.all([poll.reached, chats.reached]);
		await workflow.close();
		poll.release();
		chats.release();
	}

	it('records on the first poll, then starts one execution per changed chat, once a period (default one minute)', async () => {
		virtualClock().time = T0;
		const workflow = queueTriggerWorkflow({ events: ['chat.archive'] });
		await run(workflow, [
			[chat(A, false), chat(B, false)],
			[chat(A, true), chat(B, false)],
			[chat(A, true), chat(B, false)],
		]);
		expect(workflow.ran()).toEqual([
			[
				{
					event: 'chat.archive',
					chatId: A,
					timestamp: Math.floor((T0 + 60_000) / 1000),
					archived: true,
					idInstance: Number(ID_INSTANCE),
					body: chat(A, true),
				},
			],
		]);
		expect(virtualClock().sleeps.filter((ms) => ms === 60_000)).toHaveLength(3);
		expect(workflow.staticData().archiveChats).toEqual({
			[A]: { archived: true, changes: 1, since: T0 },
			[B]: { archived: false, changes: 0, since: T0 },
		});
	});

	it('after a restart, compares with the stored state: a change made meanwhile is announced, nothing else', async () => {
		virtualClock().time = T0 + 600_000;
		const workflow = queueTriggerWorkflow({ events: ['chat.archive'], archivePollMinutes: 5 });
		workflow.staticData().archiveChats = {
			[A]: { archived: false, changes: 0, since: T0 },
			[B]: { archived: true, changes: 2, since: T0 },
		};
		await run(workflow, [[chat(A, false), chat(B, false)]]);
		expect(workflow.ran().map(([item]) => [item.chatId, item.archived])).toEqual([[B, false]]);
		expect(workflow.emitted[0].key).toMatch(new RegExp(`^greenapi:wf-1:node-1:archive:${B}:${T0}:3$`));
		expect(virtualClock().sleeps).toContain(300_000);
	});

	it('applies the filters, and keeps a refused change to announce it again at the next poll', async () => {
		virtualClock().time = T0;
		const workflow = queueTriggerWorkflow({ events: ['chat.archive'], filters: { archiveState: 'archived' } });
		workflow.refuseNext();
		await run(workflow, [
			[chat(A, false), chat(B, true)],
			[chat(A, true), chat(B, false)],
			[chat(A, true), chat(B, false)],
		]);
		expect(workflow.emitted.map((call) => [call.items[0].chatId, call.outcome])).toEqual([
			[A, 'refused'],
			[A, 'ran'],
		]);
	});

	it('records the chats at activation, before trigger() returns, so n8n saves them with the activation', async () => {
		virtualClock().time = T0;
		const workflow = queueTriggerWorkflow({ events: ['chat.archive'] });
		nock(API_URL).get(apiPath('getSettings')).reply(200, { webhookUrl: '', incomingWebhook: 'yes' });
		nock(API_URL).get(apiPath('getChats')).reply(200, [chat(A, false), chat(B, true)]);
		const poll = held('receiveNotification');
		const chats = held('getChats');
		await workflow.activate();
		// n8n saves static data when trigger() returned: the chats are in it, with no event yet
		expect(workflow.savedStaticData().archiveChats).toEqual({
			[A]: { archived: false, changes: 0, since: T0 },
			[B]: { archived: true, changes: 0, since: T0 },
		});
		await Promise.all([poll.reached, chats.reached]);
		await workflow.close();
		poll.release();
		chats.release();
		expect(workflow.emitted).toEqual([]);
	});

	it('announces a change whose execution crashed again at the next poll, with a key of its own', async () => {
		virtualClock().time = T0;
		const workflow = queueTriggerWorkflow({ events: ['chat.archive'] });
		workflow.next('crashed');
		await run(workflow, [
			[chat(A, false)],
			[chat(A, true)],
			[chat(A, true)],
		]);
		expect(workflow.emitted.map((call) => [call.items[0].chatId, call.outcome])).toEqual([
			[A, 'crashed'],
			[A, 'ran'],
		]);
		expect(workflow.emitted[1].key).toBe(`${workflow.emitted[0].key}:1`);
	});

	it('polls getChats only with chat.archive selected', async () => {
		const workflow = queueTriggerWorkflow({ events: ['incomingMessageReceived'] });
		nock(API_URL).get(apiPath('getSettings')).reply(200, { webhookUrl: '', incomingWebhook: 'yes' });
		const poll = held('receiveNotification');
		await workflow.activate();
		await poll.reached;
		await workflow.close();
		poll.release();
		expect(workflow.emitted).toEqual([]);
	});

	it('refuses an interval under one minute', async () => {
		const workflow = queueTriggerWorkflow({ events: ['chat.archive'], archivePollMinutes: 0.5 });
		await expect(workflow.activate()).rejects.toThrow('Invalid Archive Check Interval "0.5": expected a number of minutes, at least 1');
	});
});
