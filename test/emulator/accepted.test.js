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
