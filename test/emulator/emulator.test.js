'use strict';
// Checks the GREEN-API emulator over real HTTP on a free port.
const http = require('node:http');
const { createHmac } = require('node:crypto');

const { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE, WID } = require('./server');

const SPRING_FORMATS = "'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'";

/** The repository's jest setup switches real network off with nock; this file needs 127.0.0.1. */
function allowLocalNetwork() {
	let nock;
	try {
		nock = require('nock');
	} catch {
		return;
	}
	nock.enableNetConnect('127.0.0.1');
}

let emulator;

beforeAll(async () => {
	allowLocalNetwork();
	emulator = await startEmulator();
});

afterAll(() => emulator.close());

beforeEach(() => control('POST', 'reset'));

async function request(url, { method = 'GET', body } = {}) {
	const init = { method };
	if (body !== undefined) {
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
		init.headers = { 'Content-Type': 'application/json' };
	}
	const response = await fetch(url, init);
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/** Calls an API method: POST when there is a body, else GET (or options.method). */
function api(method, body, options = {}) {
	const { id = ID_INSTANCE, token = API_TOKEN_INSTANCE, query = '' } = options;
	const httpMethod = options.method ?? (body === undefined ? 'GET' : 'POST');
	return request(`${emulator.url}/waInstance${id}/${method}/${token}${query}`, { method: httpMethod, body });
}

async function control(method, path, body) {
	const response = await request(`${emulator.url}/__control/${path}`, { method, body });
	return response.json;
}

/** A local webhook receiver answering with the given statuses in turn (the last one repeats). */
async function startReceiver(statuses = [200]) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(statuses[Math.min(received.length, statuses.length) - 1]);
			res.end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		received,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

async function waitFor(condition, timeoutMs = 2000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Waits for a fresh one-second rate-limit window when the current one is nearly over. */
async function freshSecond() {
	const intoSecond = Date.now() % 1000;
	if (intoSecond > 700) await new Promise((resolve) => setTimeout(resolve, 1000 - intoSecond + 5));
}

describe('instance and URL', () => {
	it('exposes a ready credential', () => {
		expect(emulator.credential).toEqual({
			apiUrl: emulator.url,
			mediaUrl: emulator.url,
			idInstance: '1101000001',
			apiTokenInstance: API_TOKEN_INSTANCE,
		});
		expect(API_TOKEN_INSTANCE).toMatch(/^[0-9a-f]{50}$/);
		expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers 403, 401 and 404 like GREEN-API', async () => {
		const wrongId = await api('getStateInstance', undefined, { id: '1101000002' });
		expect(wrongId).toMatchObject({ status: 403, text: 'Forbidden' });
		const wrongToken = await api('getStateInstance', undefined, { token: 'f'.repeat(50) });
		expect(wrongToken).toMatchObject({ status: 401, text: 'Unauthorized' });
		expect((await api('noSuchMethod')).status).toBe(404);
		expect((await api('getChats', {})).status).toBe(404);
		expect((await api('archiveChat')).status).toBe(404);
	});

	it('treats method names case-insensitively', async () => {
		expect((await api('GETSTATEINSTANCE')).json).toEqual({ stateInstance: 'authorized' });
		expect((await api('GetChatHistory', { chatId: SEED.personalChatId, count: 1 })).json).toHaveLength(1);
	});

	it('refuses work while the instance is not authorized', async () => {
		await control('POST', 'state', { stateInstance: 'notAuthorized' });
		expect(await api('getChats')).toMatchObject({ status: 400, text: 'instance account not authorized' });
		expect((await api('getStateInstance')).json).toEqual({ stateInstance: 'notAuthorized' });
		expect((await api('getSettings')).status).toBe(200);
	});
});

describe('settings', () => {
	it('reads and merges settings', async () => {
		const before = (await api('getSettings')).json;
		expect(before).toMatchObject({ wid: WID, webhookUrl: '', webhookUrlToken: '', incomingWebhook: 'yes' });
		expect((await api('setSettings', { webhookUrl: 'http://127.0.0.1:1/x', incomingWebhook: 'no' })).json).toEqual({
			saveSettings: true,
		});
		expect((await api('getSettings')).json).toEqual({ ...before, webhookUrl: 'http://127.0.0.1:1/x', incomingWebhook: 'no' });
		const bad = await api('setSettings', { incomingWebhook: 'maybe' });
		expect(bad.status).toBe(400);
		expect(bad.json.message).toBe("Validation failed. Details: 'incomingWebhook' must be one of [yes, no]");
	});
});

describe('chats', () => {
	it('lists the seed by activity, with personal, group and LID chats and about a third archived', async () => {
		const chats = (await api('getChats')).json;
		expect(chats.length).toBeGreaterThanOrEqual(30);
		expect(chats[0]).toEqual({
			archive: false,
			id: SEED.personalChatId,
			ephemeralExpiration: 0,
			ephemeralSettingTimestamp: 0,
			name: 'Anna Petrova',
			type: 'user',
		});
		const ids = chats.map((chat) => chat.id);
		expect(ids).toEqual(expect.arrayContaining([SEED.groupId, SEED.oldGroupId, SEED.lidChatId, SEED.emptyChatId]));
		expect(chats.find((chat) => chat.id === SEED.lidChatId).type).toBe('user');
		expect(chats.find((chat) => chat.id === SEED.oldGroupId).type).toBe('group');
		const archived = chats.filter((chat) => chat.archive).length;
		expect(archived / chats.length).toBeGreaterThan(0.25);
		expect(archived / chats.length).toBeLessThan(0.45);
		expect((await api('getChats', undefined, { query: '?count=3' })).json.map((chat) => chat.id)).toEqual(ids.slice(0, 3));
	});

	it('archives and unarchives with GREEN-API answers', async () => {
		const chatId = SEED.personalChatId;
		expect(await api('archiveChat', { chatId })).toMatchObject({ status: 200, text: '' });
		expect(await api('archiveChat', { chatId })).toMatchObject({
			status: 400,
			text: `ArchiveChatError: chat with id ${chatId} already archive=true`,
		});
		expect((await api('getChats', undefined, { query: '?count=1' })).json[0]).toMatchObject({ id: chatId, archive: true });
		expect(await api('unarchiveChat', { chatId })).toMatchObject({ status: 200, text: '' });
		expect(await api('unarchiveChat', { chatId })).toMatchObject({
			status: 400,
			text: `UnarchiveChatError: chat with id ${chatId} already archive=false`,
		});
		expect(await api('unarchiveChat', { chatId: '79990000000@c.us' })).toMatchObject({
			status: 400,
			text: 'UnarchiveChatError: chat with id 79990000000@c.us not found',
		});
		for (const emptyOrUnknown of [SEED.emptyChatId, '79990000000@c.us']) {
			expect(await api('archiveChat', { chatId: emptyOrUnknown })).toMatchObject({
				status: 400,
				text: 'ArchiveChatError: cannot archive chat cause last message not found in chat',
			});
		}
		expect((await api('archiveChat', { chatId: SEED.archivedChatId })).status).toBe(400);
		expect((await api('archiveChat', { chatId: SEED.lidChatId })).status).toBe(200);
	});

	it('answers a Spring-style validation body that echoes the path with the token', async () => {
		const { status, json } = await api('archiveChat', { chatId: 'not-a-chat' });
		expect(status).toBe(400);
		expect(json).toEqual({
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
			status: 400,
			error: 'Bad Request',
			message: `Validation failed. Details: ${SPRING_FORMATS}`,
			path: `/waInstance${ID_INSTANCE}/archiveChat/${API_TOKEN_INSTANCE}`,
		});
		expect((await api('archiveChat', {})).json.message).toBe("Validation failed. Details: 'chatId' is required");
		expect((await api('archiveChat', '{"chatId":')).status).toBe(400);
	});

	it('returns history newest first with the documented fields', async () => {
		const history = (await api('getChatHistory', { chatId: SEED.personalChatId })).json;
		expect(history.length).toBe(7);
		const timestamps = history.map((message) => message.timestamp);
		expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
		const byType = Object.fromEntries(history.map((message) => [message.typeMessage, message]));
		expect(Object.keys(byType).sort()).toEqual([
			'contactMessage',
			'extendedTextMessage',
			'imageMessage',
			'locationMessage',
			'textMessage',
		]);
		expect(byType.imageMessage).toMatchObject({ type: 'incoming', senderId: SEED.personalChatId, caption: expect.any(String) });
		expect(byType.imageMessage.downloadUrl).toMatch(/^https:\/\//);
		expect(byType.locationMessage.location).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
		expect(byType.contactMessage.contact.vcard).toContain('BEGIN:VCARD');
		expect(byType.extendedTextMessage).toMatchObject({ type: 'outgoing', statusMessage: 'delivered' });
		expect(history.filter((message) => message.type === 'outgoing').every((message) => message.statusMessage)).toBe(true);
		expect((await api('getChatHistory', { chatId: SEED.personalChatId, count: 2 })).json).toEqual(history.slice(0, 2));
		expect(await api('getChatHistory', { chatId: '79990000000@c.us' })).toMatchObject({ status: 200, json: [] });
		expect((await api('getChatHistory', { chatId: 'x@y' })).json.message).toBe(`Validation failed. Details: ${SPRING_FORMATS}`);
	});

	it('adds sent messages to the history and makes the chat most recent', async () => {
		const { json } = await api('sendMessage', { chatId: SEED.archivedChatId, message: 'Hi there' });
		expect(json.idMessage).toMatch(/^[0-9A-F]{20}$/);
		expect((await api('getChats', undefined, { query: '?count=1' })).json[0].id).toBe(SEED.archivedChatId);
		expect((await api('getChatHistory', { chatId: SEED.archivedChatId, count: 1 })).json[0]).toMatchObject({
			type: 'outgoing',
			idMessage: json.idMessage,
			textMessage: 'Hi there',
			statusMessage: 'sent',
			sendByApi: true,
		});
		expect((await api('sendMessage', { chatId: SEED.emptyChatId, message: 'first' })).status).toBe(200);
		expect((await api('archiveChat', { chatId: SEED.emptyChatId })).status).toBe(200);
	});

	it('serves a big history for the benchmark chat', async () => {
		const big = await startEmulator({ historySize: 20000, chatCount: 10 });
		try {
			const response = await fetch(`${big.url}/waInstance${ID_INSTANCE}/getChatHistory/${API_TOKEN_INSTANCE}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ chatId: SEED.bigHistoryChatId, count: 20000 }),
			});
			const history = await response.json();
			expect(history).toHaveLength(20000);
			expect(new Set(history.map((message) => message.idMessage)).size).toBe(20000);
			expect(history[0].timestamp).toBeGreaterThan(history[19999].timestamp);
			const chats = await (await fetch(`${big.url}/waInstance${ID_INSTANCE}/getChats/${API_TOKEN_INSTANCE}`)).json();
			expect(chats).toHaveLength(10);
		} finally {
			await big.close();
		}
	});
});

describe('groups and contacts', () => {
	it('removes and adds participants', async () => {
		const body = { groupId: SEED.groupId, participantChatId: SEED.groupMemberId };
		expect((await api('removeGroupParticipant', body)).json).toEqual({ removeParticipant: true });
		expect((await api('removeGroupParticipant', body)).json).toEqual({ removeParticipant: false });
		const ids = (await api('getGroupData', { groupId: SEED.groupId })).json.participants.map((p) => p.id);
		expect(ids).toEqual([WID, '79001234567@c.us', '79001234569@c.us']);
		expect(
			(await api('removeGroupParticipant', { groupId: '120363000000009999@g.us', participantChatId: SEED.groupMemberId })).json,
		).toEqual({ removeParticipant: false });
		expect((await api('addGroupParticipant', body)).json).toEqual({ addParticipant: true });
		expect((await api('addGroupParticipant', body)).json).toEqual({ addParticipant: false });
		const invalid = await api('removeGroupParticipant', { groupId: SEED.groupId, participantChatId: '123' });
		expect(invalid.status).toBe(400);
	});

	it('answers getContactInfo and checkWhatsapp', async () => {
		expect((await api('getContactInfo', { chatId: SEED.archivedChatId })).json).toMatchObject({
			chatId: SEED.archivedChatId,
			name: 'Boris Archived',
			isArchive: true,
		});
		expect((await api('checkWhatsapp', { phoneNumber: 79001234569 })).json).toEqual({ existsWhatsapp: true });
		expect((await api('checkWhatsapp', { phoneNumber: 19999999999 })).json).toEqual({ existsWhatsapp: false });
	});
});

describe('rate limits', () => {
	it('answers 429 with Retry-After over the per-second limit, without changing state', async () => {
		await control('POST', 'rate-limits', { enabled: true });
		await freshSecond();
		const sends = await Promise.all(
			Array.from({ length: 52 }, (_, i) => api('sendMessage', { chatId: SEED.emptyChatId, message: `m${i}` })),
		);
		const statuses = sends.map((response) => response.status);
		expect(statuses.filter((status) => status === 200)).toHaveLength(50);
		const limited = sends.find((response) => response.status === 429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.json).toEqual({ message: 'Too Many Requests' });
		const state = await control('GET', 'state');
		expect(state.chats.find((chat) => chat.id === SEED.emptyChatId).messages).toBe(50);
		expect((await control('GET', 'stats')).byStatus).toEqual({ 200: 50, 429: 2 });
		await control('POST', 'rate-limits', { enabled: false });
		expect((await api('getChats')).status).toBe(200);
		expect((await api('getChats')).status).toBe(200);
	});
});

describe('faults', () => {
	it('forces statuses and bodies in order, then answers normally', async () => {
		await control('POST', 'faults', { method: 'ARCHIVECHAT', status: 500, body: 'boom' });
		await control('POST', 'faults', { method: '*', status: 466, body: { invokeStatus: {} }, headers: { 'X-Test': 'y' } });
		const first = await api('archiveChat', { chatId: SEED.personalChatId });
		expect(first).toMatchObject({ status: 500, text: 'boom' });
		const second = await api('getChats');
		expect(second).toMatchObject({ status: 466, json: { invokeStatus: {} } });
		expect(second.headers.get('x-test')).toBe('y');
		expect((await api('getChats')).status).toBe(200);
	});

	it('sends malformed JSON, drops the connection, delays, and repeats forever until cleared', async () => {
		await control('POST', 'faults', { method: 'getChats', malformed: true });
		expect(await api('getChats')).toMatchObject({ status: 200, text: '{"broken":' });
		await control('POST', 'faults', { method: 'getChats', drop: true });
		await expect(api('getChats')).rejects.toThrow();
		await control('POST', 'faults', { method: 'getChats', delayMs: 150 });
		const started = Date.now();
		expect((await api('getChats')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		await control('POST', 'faults', { method: 'getStateInstance', times: -1, status: 502 });
		expect((await api('getStateInstance')).status).toBe(502);
		expect((await api('getStateInstance')).status).toBe(502);
		await control('DELETE', 'faults');
		expect((await api('getStateInstance')).status).toBe(200);
	});
});

describe('log, stats, state and reset', () => {
	it('logs requests with the token redacted', async () => {
		await api('archiveChat', { chatId: SEED.personalChatId });
		await api('getChats', undefined, { query: '?count=2' });
		const log = await control('GET', 'log');
		expect(log).toEqual([
			{
				time: expect.any(Number),
				method: 'archiveChat',
				httpMethod: 'POST',
				path: `/waInstance${ID_INSTANCE}/archiveChat/***`,
				status: 200,
				accepted: true,
				body: { chatId: SEED.personalChatId },
				durationMs: expect.any(Number),
			},
			expect.objectContaining({ method: 'getChats', path: `/waInstance${ID_INSTANCE}/getChats/***?count=2`, body: null }),
		]);
		expect(JSON.stringify(log)).not.toContain(API_TOKEN_INSTANCE);
		expect(emulator.log).toHaveLength(2);
		expect(await control('GET', 'stats')).toEqual({
			total: 2,
			byStatus: { 200: 2 },
			byMethod: { archiveChat: { total: 1, 200: 1 }, getChats: { total: 1, 200: 1 } },
		});
		await control('DELETE', 'log');
		expect(await control('GET', 'log')).toEqual([]);
	});

	it('shows and resets the state', async () => {
		await api('archiveChat', { chatId: SEED.personalChatId });
		await api('removeGroupParticipant', { groupId: SEED.groupId, participantChatId: SEED.groupMemberId });
		let state = await control('GET', 'state');
		expect(state.chats.find((chat) => chat.id === SEED.personalChatId).archive).toBe(true);
		expect(emulator.state.chats.get(SEED.personalChatId).archive).toBe(true);
		expect(state.groups.find((group) => group.id === SEED.groupId).participants).toHaveLength(3);
		await control('POST', 'reset');
		state = await control('GET', 'state');
		expect(state.chats.find((chat) => chat.id === SEED.personalChatId).archive).toBe(false);
		expect(state.groups.find((group) => group.id === SEED.groupId).participants).toHaveLength(4);
		expect(await control('GET', 'log')).toEqual([]);
	});
});

describe('webhooks', () => {
	it('delivers GREEN-API notifications with the bearer token and re-sends until HTTP 200', async () => {
		const receiver = await startReceiver([500, 200]);
		try {
			await api('setSettings', { webhookUrl: receiver.url, webhookUrlToken: 'hook-secret' });
			await control('POST', 'webhooks/config', { retryDelayMs: 30 });
			const first = await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
			expect(first).toEqual({ id: expect.any(Number), delivered: false, status: 500 });
			await waitFor(() => receiver.received.length === 2);
			const envelope = JSON.parse(receiver.received[1].raw);
			expect(receiver.received[1].raw).toBe(receiver.received[0].raw);
			expect(receiver.received[0].headers.authorization).toBe('Bearer hook-secret');
			expect(envelope).toMatchObject({
				typeWebhook: 'incomingMessageReceived',
				instanceData: { idInstance: 1101000001, wid: WID, typeInstance: 'whatsapp' },
				timestamp: expect.any(Number),
				senderData: { chatId: SEED.personalChatId },
				messageData: { typeMessage: 'textMessage' },
			});
			await waitFor(async () => (await control('GET', 'deliveries')).length === 2);
			expect((await control('GET', 'deliveries')).map((d) => [d.id, d.attempt, d.status])).toEqual([
				[first.id, 1, 500],
				[first.id, 2, 200],
			]);
		} finally {
			await receiver.close();
		}
	});

	it('sends no Authorization header without a token, honours the type switches, queues without a webhookUrl', async () => {
		const noUrl = await request(`${emulator.url}/__control/webhooks/green-api`, {
			method: 'POST',
			body: { typeWebhook: 'deviceInfo' },
		});
		expect(noUrl.json).toEqual({ id: expect.any(Number), queued: true, receiptId: 1 });
		const receiver = await startReceiver([200]);
		try {
			await api('setSettings', { webhookUrl: receiver.url, outgoingWebhook: 'no' });
			const sent = await control('POST', 'webhooks/green-api', {
				typeWebhook: 'stateInstanceChanged',
				stateInstance: 'notAuthorized',
			});
			expect(sent).toMatchObject({ delivered: true, status: 200 });
			expect(receiver.received[0].headers.authorization).toBeUndefined();
			expect(JSON.parse(receiver.received[0].raw).stateInstance).toBe('notAuthorized');
			const skipped = await control('POST', 'webhooks/green-api', { typeWebhook: 'outgoingMessageStatus' });
			expect(skipped).toMatchObject({ delivered: false, skipped: 'outgoingWebhook is "no"' });
			const forced = await control('POST', 'webhooks/green-api', { typeWebhook: 'outgoingMessageStatus', force: true });
			expect(forced.delivered).toBe(true);
			expect(JSON.parse(receiver.received[1].raw)).toMatchObject({ status: 'delivered', chatId: SEED.personalChatId });
		} finally {
			await receiver.close();
		}
	});

	it('sends WAHA chat.archive events signed with HMAC-SHA512 of the raw body', async () => {
		const receiver = await startReceiver([200]);
		try {
			const sent = await control('POST', 'webhooks/waha', {
				url: receiver.url,
				hmacKey: 'waha-key',
				archived: true,
				chatId: SEED.personalChatId,
				timestamp: 1731000000123,
			});
			expect(sent).toMatchObject({ status: 200, delivered: true });
			const [{ headers, raw }] = receiver.received;
			expect(headers['x-webhook-hmac']).toBe(createHmac('sha512', 'waha-key').update(raw).digest('hex'));
			expect(headers['x-webhook-hmac-algorithm']).toBe('sha512');
			expect(headers['x-webhook-timestamp']).toBe('1731000000123');
			const event = JSON.parse(raw);
			expect(headers['x-webhook-request-id']).toBe(event.id);
			expect(event).toMatchObject({
				id: expect.stringMatching(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/),
				timestamp: 1731000000123,
				event: 'chat.archive',
				session: 'default',
				engine: 'WEBJS',
				payload: { id: SEED.personalChatId, timestamp: 1731000000, archived: true },
			});

			await control('POST', 'webhooks/waha', { url: receiver.url, body: 'not json', extraHeaders: { 'X-Extra': '1' } });
			expect(receiver.received[1].raw).toBe('not json');
			expect(receiver.received[1].headers['x-extra']).toBe('1');
			expect(receiver.received[1].headers['x-webhook-hmac']).toBeUndefined();
		} finally {
			await receiver.close();
		}
	});

	it('close() cancels pending re-sends', async () => {
		const closable = await startEmulator({ webhookRetryDelayMs: 60000 });
		const receiver = await startReceiver([503]);
		try {
			const base = `${closable.url}/waInstance${ID_INSTANCE}`;
			await request(`${base}/setSettings/${API_TOKEN_INSTANCE}`, { method: 'POST', body: { webhookUrl: receiver.url } });
			const sent = await request(`${closable.url}/__control/webhooks/green-api`, {
				method: 'POST',
				body: { typeWebhook: 'incomingCall' },
			});
			expect(sent.json).toMatchObject({ delivered: false, status: 503 });
		} finally {
			await closable.close();
			await receiver.close();
		}
	});
});
