'use strict';
// The WAHA emulator answers as WAHA's Chats page and source say (see server.js).
const { createHmac } = require('node:crypto');
const http = require('node:http');

const nock = require('nock');

const { startWahaEmulator, WAHA_SEED, mediaBytes } = require('./server');

const KEY = 'waha-emulator-key-0123456789';
let waha;

beforeAll(() => nock.enableNetConnect('127.0.0.1'));

beforeEach(async () => {
	waha = await startWahaEmulator({ apiKey: KEY, sessions: { default: 'WEBJS', light: 'NOWEB' }, chatCount: 5 });
});

afterEach(async () => {
	await waha.close();
});

async function call(method, path, { key = KEY, body } = {}) {
	const response = await fetch(`${waha.url}${path}`, {
		method,
		headers: { ...(key ? { 'x-api-key': key } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const personal = encodeURIComponent(WAHA_SEED.personalChatId);

describe('WAHA emulator', () => {
	it('refuses a missing or wrong X-Api-Key with 401 and answers the right one', async () => {
		expect(await call('GET', '/api/sessions/default', { key: '' })).toEqual({ status: 401, body: { message: 'Unauthorized', statusCode: 401 } });
		expect((await call('GET', '/api/sessions/default', { key: 'wrong' })).status).toBe(401);
		expect(await call('GET', '/api/sessions/default')).toMatchObject({ status: 200, body: { name: 'default', status: 'WORKING', engine: { engine: 'WEBJS' } } });
	});

	it('answers 404 for an unknown session and 422 for one that is not WORKING', async () => {
		expect(await call('GET', '/api/sessions/nope')).toEqual({ status: 404, body: { statusCode: 404, message: 'Session not found', error: 'Not Found' } });
		expect((await call('GET', '/api/nope/chats')).body.message).toMatch(/didn't find a session with name 'nope'/);
		await call('PUT', '/__control/sessions/default', { body: { status: 'STOPPED' } });
		expect(await call('GET', '/api/default/chats')).toEqual({
			status: 422,
			body: { error: 'Session status is not as expected. Try again later or restart the session', session: 'default', status: 'STOPPED', expected: ['WORKING'] },
		});
	});

	it('pages chats with limit and offset, most recent first, ids as the engine gives them', async () => {
		const first = await call('GET', '/api/default/chats?limit=3&offset=0');
		expect(first.body.map((chat) => chat.id._serialized)).toEqual([WAHA_SEED.personalChatId, WAHA_SEED.groupId, '79002000000@c.us']);
		const rest = await call('GET', '/api/default/chats?limit=3&offset=3');
		expect(rest.body.map((chat) => chat.id._serialized)).toEqual(['79002000001@c.us', '79002000002@c.us', '79002000003@c.us']);
		expect((await call('GET', '/api/default/chats?limit=3&offset=6')).body).toHaveLength(1);
		expect((await call('GET', '/api/light/chats?limit=1')).body).toEqual([{ id: WAHA_SEED.personalChatId, name: 'Alice', conversationTimestamp: 1700000900, archived: false }]);
	});

	it('archives with an escaped chat id and sends a signed chat.archive webhook only on a change', async () => {
		const received = [];
		const hook = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
				res.end('ok');
			});
		});
		await new Promise((resolve) => hook.listen(0, '127.0.0.1', resolve));
		try {
			await call('PUT', '/__control/webhook', { body: { url: `http://127.0.0.1:${hook.address().port}/hook`, hmacKey: 'hmac-key' } });
			expect(await call('POST', `/api/default/chats/${personal}/archive`)).toEqual({ status: 201, body: true });
			expect(await call('POST', `/api/default/chats/${personal}/archive`)).toEqual({ status: 201, body: true });
			const deliveries = (await call('GET', '/__control/deliveries')).body;
			expect(deliveries).toHaveLength(1);
			const [{ headers, raw }] = received;
			expect(JSON.parse(raw)).toMatchObject({ event: 'chat.archive', session: 'default', payload: { id: WAHA_SEED.personalChatId, archived: true } });
			expect(headers['x-webhook-hmac']).toBe(createHmac('sha512', 'hmac-key').update(raw).digest('hex'));
			expect(headers['x-webhook-hmac-algorithm']).toBe('sha512');
			expect(waha.emu.log.at(-1).path).toBe(`/api/default/chats/79001234567%40c.us/archive`);
		} finally {
			await new Promise((resolve) => hook.close(resolve));
		}
	});

	it('answers 501 naming the NOWEB engine for archive, delete chat and delete all messages', async () => {
		for (const [method, path] of [
			['POST', `/api/light/chats/${personal}/archive`],
			['POST', `/api/light/chats/${personal}/unarchive`],
			['DELETE', `/api/light/chats/${personal}`],
			['DELETE', `/api/light/chats/${personal}/messages`],
		]) {
			const answer = await call(method, path);
			expect(answer.status).toBe(501);
			expect(answer.body.message).toMatch(/not implemented by 'NOWEB' engine/);
		}
		await call('PUT', '/__control/sessions/light', { body: { store: false } });
		expect((await call('GET', '/api/light/chats')).body.message).toMatch(/Enable NOWEB store/);
	});

	it('gives messages newest first, with media links only when downloadMedia is on, and serves the file with the key', async () => {
		const withMedia = (await call('GET', `/api/default/chats/${personal}/messages?limit=2`)).body;
		expect(withMedia.map((message) => message.id)).toEqual([`false_${WAHA_SEED.personalChatId}_3EB0A1B2C3D4E5F60718`, `true_${WAHA_SEED.personalChatId}_3EB0A1B2C3D4E5F60702`]);
		expect(withMedia[0].media).toEqual({ url: `${waha.url}/api/files/default/${WAHA_SEED.imageFile}`, mimetype: 'image/jpeg', filename: 'receipt.jpeg', error: null });
		const without = (await call('GET', `/api/default/chats/${personal}/messages?limit=1&downloadMedia=false`)).body;
		expect(without[0]).toMatchObject({ hasMedia: true, media: null });
		const path = new URL(withMedia[0].media.url).pathname;
		expect((await fetch(`${waha.url}${path}`)).status).toBe(401);
		const file = await fetch(`${waha.url}${path}`, { headers: { 'x-api-key': KEY } });
		expect(Buffer.from(await file.arrayBuffer()).equals(mediaBytes())).toBe(true);
	});

	it('edits only the account’s own messages, validates the text, deletes messages and clears a chat', async () => {
		const own = encodeURIComponent(`true_${WAHA_SEED.personalChatId}_3EB0A1B2C3D4E5F60702`);
		expect((await call('PUT', `/api/default/chats/${personal}/messages/${own}`, { body: { text: '' } })).status).toBe(400);
		expect(await call('PUT', `/api/default/chats/${personal}/messages/${own}`, { body: { text: 'Edited' } })).toEqual({ status: 200, body: {} });
		expect((await call('PUT', `/api/default/chats/${personal}/messages/${encodeURIComponent(`false_${WAHA_SEED.personalChatId}_3EB0A1B2C3D4E5F60701`)}`, { body: { text: 'x' } })).status).toBe(500);
		expect((await call('DELETE', `/api/default/chats/${personal}/messages/${own}`)).status).toBe(200);
		expect((await call('DELETE', `/api/default/chats/${personal}/messages/${own}`)).status).toBe(404);
		expect(await call('DELETE', `/api/default/chats/${personal}/messages`)).toEqual({ status: 200, body: true });
		expect((await call('GET', `/api/default/chats/${personal}/messages`)).body).toEqual([]);
		expect(await call('DELETE', `/api/default/chats/${personal}`)).toEqual({ status: 200, body: true });
		expect((await call('GET', '/__control/chats')).body.map((chat) => chat.id)).not.toContain(WAHA_SEED.personalChatId);
	});

	it('plays faults: a status for the next matching request, a reset connection', async () => {
		await call('POST', '/__control/faults', { body: { route: 'getChats', status: 503, body: { message: 'busy' } } });
		expect(await call('GET', '/api/default/chats')).toEqual({ status: 503, body: { message: 'busy' } });
		expect((await call('GET', '/api/default/chats')).status).toBe(200);
		await call('POST', '/__control/faults', { body: { route: 'getChats', reset: true } });
		await expect(call('GET', '/api/default/chats')).rejects.toThrow();
	});
});
