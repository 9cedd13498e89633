'use strict';
// The emulator's count of accepted calls (GET /__control/accepted), over real HTTP: a body accepted twice is named.
const { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE } = require('./server');

let emulator;

beforeAll(async () => {
	require('nock').enableNetConnect('127.0.0.1');
	emulator = await startEmulator();
});

afterAll(() => emulator.close());

async function send(body) {
	const response = await fetch(`${emulator.url}/waInstance${ID_INSTANCE}/sendMessage/${API_TOKEN_INSTANCE}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	await response.text();
	return response.status;
}

async function accepted() {
	return await (await fetch(`${emulator.url}/__control/accepted`)).json();
}

test('counts accepted sends per method, distinct bodies, and every body accepted more than once', async () => {
	const first = { chatId: SEED.personalChatId, message: 'one' };
	const second = { chatId: SEED.personalChatId, message: 'two' };
	expect(await send(first)).toBe(200);
	expect(await send(second)).toBe(200);
	expect(await send(first)).toBe(200);
	expect(await send(first)).toBe(200);
	// refused calls are not accepted ones
	expect(await send({ chatId: 'not-a-chat', message: 'three' })).toBe(400);
	expect(await accepted()).toEqual({ sendMessage: { accepted: 4, distinct: 2, repeated: [{ body: first, times: 3 }] } });
});

test('nothing accepted after a reset', async () => {
	await fetch(`${emulator.url}/__control/reset`, { method: 'POST' });
	expect(await accepted()).toEqual({});
});

test('a fault after handling: the send takes effect, its answer is replaced or dropped, and it still counts', async () => {
	await fetch(`${emulator.url}/__control/reset`, { method: 'POST' });
	const addFault = (rule) => fetch(`${emulator.url}/__control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
	await addFault({ method: 'sendMessage', status: 504, afterHandling: true });
	const first = { chatId: SEED.personalChatId, message: 'answered 504' };
	expect(await send(first)).toBe(504);
	await addFault({ method: 'sendMessage', drop: true, afterHandling: true });
	const second = { chatId: SEED.personalChatId, message: 'socket dropped' };
	await expect(send(second)).rejects.toThrow();
	// a plain fault refuses the call: nothing took effect
	await addFault({ method: 'sendMessage', status: 500 });
	expect(await send({ chatId: SEED.personalChatId, message: 'refused' })).toBe(500);
	expect(await accepted()).toEqual({ sendMessage: { accepted: 2, distinct: 2, repeated: [] } });
	const history = await fetch(`${emulator.url}/waInstance${ID_INSTANCE}/getChatHistory/${API_TOKEN_INSTANCE}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ chatId: SEED.personalChatId, count: 3 }),
	});
	expect((await history.json()).slice(0, 2).map((message) => message.textMessage)).toEqual(['socket dropped', 'answered 504']);
});
