'use strict';
// The emulator's HTTP API queue (receiveNotification / deleteNotification) and archive changes, over real HTTP.
const { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE } = require('./server');

let emulator;

beforeAll(async () => {
	require('nock').enableNetConnect('127.0.0.1');
	emulator = await startEmulator();
});

afterAll(() => emulator.close());

beforeEach(async () => {
	await control('POST', 'reset');
	// an idle long poll of 5 s answers after 50 ms
	await control('POST', 'queue/config', { longPollScale: 0.01 });
});

async function call(url, { method = 'GET', body } = {}) {
	const response = await fetch(url, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
	});
	const text = await response.text();
	return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

function api(method, { verb = 'GET', tail = '', query = '', body } = {}) {
	return call(`${emulator.url}/waInstance${ID_INSTANCE}/${method}/${API_TOKEN_INSTANCE}${tail}${query}`, {
		method: verb,
		body,
	});
}

async function control(method, path, body) {
	return (await call(`${emulator.url}/__control/${path}`, { method, body })).json;
}

const receive = (seconds = 5) => api('receiveNotification', { query: `?receiveTimeout=${seconds}` });
const remove = (receiptId) => api('deleteNotification', { verb: 'DELETE', tail: `/${receiptId}` });

describe('HTTP API queue', () => {
	it('hands out the head until it is deleted, in FIFO order, with the webhook envelope as body', async () => {
		const first = await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
		const second = await control('POST', 'webhooks/green-api', { typeWebhook: 'stateInstanceChanged' });
		expect([first.queued, first.receiptId, second.receiptId]).toEqual([true, 1, 2]);

		const head = await receive();
		expect(head.status).toBe(200);
		expect(head.json).toEqual({
			receiptId: 1,
			body: expect.objectContaining({
				typeWebhook: 'incomingMessageReceived',
				instanceData: { idInstance: Number(ID_INSTANCE), wid: expect.any(String), typeInstance: 'whatsapp' },
				idMessage: expect.stringMatching(/^3EB0/),
				senderData: expect.objectContaining({ chatId: SEED.personalChatId }),
			}),
		});
		expect((await receive()).json.receiptId).toBe(1);

		expect((await remove(1)).json).toEqual({ result: true });
		expect((await receive()).json).toEqual({ receiptId: 2, body: expect.objectContaining({ typeWebhook: 'stateInstanceChanged' }) });
		expect((await remove(2)).json).toEqual({ result: true });
		expect(await control('GET', 'queue')).toEqual({
			length: 0,
			receiptIds: [],
			received: [1, 1, 2],
			deleted: [1, 2],
			longPollScale: 0.01,
		});
	});

	it('answers null when nothing comes within receiveTimeout, and a waiting poll gets what arrives meanwhile', async () => {
		const idle = await receive();
		expect([idle.status, idle.text]).toEqual([200, 'null']);

		await control('POST', 'queue/config', { longPollScale: 1 });
		const waiting = receive(60);
		// the poll is waiting: the notification queued now is its answer, long before 60 s
		await new Promise((resolve) => setImmediate(resolve));
		await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingCall' });
		expect((await waiting).json).toEqual({ receiptId: 1, body: expect.objectContaining({ typeWebhook: 'incomingCall' }) });
	});

	it('gives nothing while a webhook URL is set; notifications then go to the webhook', async () => {
		await control('POST', 'webhooks/green-api', { typeWebhook: 'deviceInfo' });
		await api('setSettings', { verb: 'POST', body: { webhookUrl: 'http://127.0.0.1:9/hook' } });
		await control('POST', 'webhooks/config', { maxAttempts: 1, timeoutMs: 200 });
		expect((await receive()).text).toBe('null');
		const sent = await control('POST', 'webhooks/green-api', { typeWebhook: 'deviceInfo' });
		expect(sent).toEqual({ id: expect.any(Number), delivered: false, status: null });
		expect((await control('GET', 'queue')).receiptIds).toEqual([1]);

		await api('setSettings', { verb: 'POST', body: { webhookUrl: '' } });
		expect((await receive()).json.receiptId).toBe(1);
	});

	it('queues a batch in order and honours the notification switches', async () => {
		await api('setSettings', { verb: 'POST', body: { incomingCallWebhook: 'no' } });
		const sent = await control('POST', 'webhooks/green-api/batch', {
			notifications: [{ typeWebhook: 'incomingMessageReceived' }, { typeWebhook: 'incomingCall' }, { typeWebhook: 'quotaExceeded' }],
		});
		expect(sent.map((s) => s.receiptId ?? s.skipped)).toEqual([1, 'incomingCallWebhook is "no"', 2]);
	});

	it('checks receiveTimeout and the receipt id, and answers result false for an unknown receipt', async () => {
		const tooLong = await receive(61);
		expect(tooLong.status).toBe(400);
		expect(tooLong.json.message).toBe("Validation failed. Details: 'receiveTimeout' must be from 5 to 60");
		expect((await remove('abc')).status).toBe(400);
		expect((await remove(99)).json).toEqual({ result: false, reason: 'Notification not found' });
	});
});

describe('archive changes through the control API', () => {
	it('changes what getChats lists, and refuses an unknown chat', async () => {
		const before = (await api('getChats')).json.find((chat) => chat.id === SEED.personalChatId);
		expect(before.archive).toBe(false);
		expect(await control('POST', 'chats/archive', { chatId: SEED.personalChatId, archived: true })).toEqual({
			chatId: SEED.personalChatId,
			archived: true,
		});
		const after = (await api('getChats')).json.find((chat) => chat.id === SEED.personalChatId);
		expect(after.archive).toBe(true);
		expect(await control('POST', 'chats/archive', { chatId: '1@c.us', archived: true })).toEqual({ error: 'no chat 1@c.us' });
	});
});
