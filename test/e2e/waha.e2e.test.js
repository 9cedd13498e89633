'use strict';
// WAHA's Chats API through the real n8n 2.41.1 (in `filesystem` binary mode) against the WAHA emulator
// (test/emulator/waha): the WAHA credential's test, Chat › Get Many paging, Archive then Unarchive, Get History
// (with media into binary data), Message › Edit and Delete, Delete All Messages, Delete Chat, and a signed
// chat.archive webhook from the emulator starting the GREEN-API Trigger; the HTTP Request node with the WAHA
// credential; the key in no execution, log or stored data.
const net = require('node:net');
const path = require('node:path');

const { mediaBytes, WAHA_SEED } = require('../emulator/waha/server');
const { startStack, storedData } = require('./stack');

const API_KEY = 'waha-e2e-api-key-7c41d09e';
const PERSONAL = WAHA_SEED.personalChatId;
const TRIGGER = { workflowId: 'e2eWahaTrigger01', webhookId: '9a7e0c11-0099-4c00-9000-000000000099' };
let stack;

const run = (slug, body) => stack.runWebhook(`e2e-waha-${slug}`, body);
const requests = () => stack.waha.emu.log.map(({ method, path: requestPath, query }) => ({ method, path: requestPath, query }));
const session = () => stack.waha.emu.sessions.get('default');

beforeAll(async () => {
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'waha-workflows'),
		waha: { apiKey: API_KEY, sessions: { default: 'WEBJS', light: 'NOWEB' }, chatCount: 148 },
	});
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

beforeEach(() => {
	stack.waha.emu.log.length = 0;
});

describe('the WAHA credential test in n8n', () => {
	const test = async (change) =>
		await stack.rest.post('/credentials/test', {
			credentials: { id: 'wahaEmulator', name: 'WAHA emulator', type: 'wahaApi', data: { ...stack.waha.credential, ...change } },
		});

	it('passes for a working session, reading it with the key', async () => {
		expect(await test({})).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(stack.waha.emu.log.map((entry) => [entry.path, entry.headers['x-api-key']])).toEqual([['/api/sessions/default', API_KEY]]);
	});

	it('explains a wrong key, an unknown session, a stopped session and a wrong URL', async () => {
		expect(await test({ apiKey: 'wrong-key' })).toEqual({ status: 'Error', message: expect.stringMatching(/^WAHA refused the API key \(HTTP 401\)/) });
		expect(await test({ session: 'nope' })).toEqual({ status: 'Error', message: expect.stringMatching(/^WAHA has no such session at this address \(HTTP 404\)/) });
		session().status = 'STOPPED';
		try {
			expect(await test({})).toEqual({ status: 'Error', message: expect.stringMatching(/^The WAHA session is stopped \(status "STOPPED"\)/) });
		} finally {
			session().status = 'WORKING';
		}
		const port = await closedPort();
		const unreachable = await test({ baseUrl: `http://127.0.0.1:${port}` });
		expect(unreachable.status).toBe('Error');
		expect(unreachable.message).toMatch(/ECONNREFUSED|refused/i);
		expect(JSON.stringify(unreachable)).not.toContain(API_KEY);
	});
});

describe('WAHA Chat operations in n8n', () => {
	it('Get Many: a limit in one request, Return All through offset', async () => {
		const limited = await run('get-many', { limit: 3 });
		expect(limited.status).toBe(200);
		expect(limited.body.map((chat) => chat.chatId)).toEqual([PERSONAL, WAHA_SEED.groupId, '79002000000@c.us']);
		const all = await run('get-many-all', {});
		expect(all.body).toHaveLength(150);
		expect(requests()).toEqual([
			{ method: 'GET', path: '/api/default/chats', query: { limit: '3', offset: '0' } },
			{ method: 'GET', path: '/api/default/chats', query: { limit: '100', offset: '0' } },
			{ method: 'GET', path: '/api/default/chats', query: { limit: '100', offset: '100' } },
		]);
	});

	it('archives then unarchives a chat, and the chat.archive webhook starts the GREEN-API Trigger (HMAC)', async () => {
		stack.waha.emu.webhook = { url: `${stack.n8nUrl}/webhook/${TRIGGER.webhookId}/webhook`, hmacKey: stack.webhookSecret, events: ['chat.archive'] };
		expect((await run('archive', { chatId: '+7 900 123-45-67' })).body).toEqual([{ chatId: PERSONAL, archived: true, changed: null }]);
		expect(session().chats.get(PERSONAL).archived).toBe(true);
		expect((await run('unarchive', { chatId: PERSONAL })).body).toEqual([{ chatId: PERSONAL, archived: false, changed: null }]);
		expect(session().chats.get(PERSONAL).archived).toBe(false);
		expect(requests().map(({ method, path: requestPath }) => `${method} ${requestPath}`)).toEqual([
			'POST /api/default/chats/79001234567%40c.us/archive',
			'POST /api/default/chats/79001234567%40c.us/unarchive',
		]);
		await Promise.all([...stack.waha.emu.pending]);
		// WAHA posts each webhook on its own, so on a busy machine the second can be answered first
		expect(stack.waha.emu.deliveries.map((delivery) => [delivery.status, delivery.body.payload.archived]).sort()).toEqual([
			[200, false],
			[200, true],
		]);
		const executions = await waitForExecutions(TRIGGER.workflowId, 2);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		// a webhook signed with another key starts nothing
		stack.waha.emu.webhook.hmacKey = 'another key';
		await run('archive', { chatId: PERSONAL });
		await Promise.all([...stack.waha.emu.pending]);
		expect(stack.waha.emu.deliveries.at(-1).status).toBe(401);
		expect(await stack.executionsOf(TRIGGER.workflowId)).toHaveLength(2);
		stack.waha.emu.webhook = undefined;
		await run('unarchive', { chatId: PERSONAL });
	});

	it('Get History: the messages, then the newest one’s media as the binary answer', async () => {
		const history = await run('history', { chatId: PERSONAL, limit: 3 });
		expect(history.body.map((message) => [message.id, message.hasMedia])).toEqual([
			[`false_${PERSONAL}_3EB0A1B2C3D4E5F60718`, true],
			[`true_${PERSONAL}_3EB0A1B2C3D4E5F60702`, false],
			[`false_${PERSONAL}_3EB0A1B2C3D4E5F60701`, false],
		]);
		const response = await fetch(`${stack.n8nUrl}/webhook/e2e-waha-history-media`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: PERSONAL }),
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^image\/jpeg/);
		expect(Buffer.from(await response.arrayBuffer()).equals(mediaBytes())).toBe(true);
		const file = stack.waha.emu.log.find((entry) => entry.path.startsWith('/api/files/'));
		expect(file).toMatchObject({ path: `/api/files/default/${WAHA_SEED.imageFile}`, status: 200 });
		expect(file.headers['x-api-key']).toBe(API_KEY);
	});

	it('edits a message and then deletes it', async () => {
		const messageId = `true_${PERSONAL}_3EB0A1B2C3D4E5F60702`;
		const { body } = await run('edit-delete', { chatId: PERSONAL, messageId, text: 'Hello, world!' });
		expect(body).toEqual([{ chatId: PERSONAL, messageId, deleted: true }]);
		expect(stack.waha.emu.log.map(({ method, path: requestPath, body: sent }) => [method, requestPath, sent])).toEqual([
			['PUT', '/api/default/chats/79001234567%40c.us/messages/true_79001234567%40c.us_3EB0A1B2C3D4E5F60702', { text: 'Hello, world!' }],
			['DELETE', '/api/default/chats/79001234567%40c.us/messages/true_79001234567%40c.us_3EB0A1B2C3D4E5F60702', undefined],
		]);
		expect(session().chats.get(PERSONAL).messages.map((message) => message.id)).not.toContain(messageId);
	});

	it('deletes all messages of a chat, then the chat', async () => {
		expect((await run('delete-all-messages', { chatId: PERSONAL })).body).toEqual([{ chatId: PERSONAL, cleared: true }]);
		expect(session().chats.get(PERSONAL).messages).toEqual([]);
		expect((await run('delete-chat', { chatId: PERSONAL })).body).toEqual([{ chatId: PERSONAL, deleted: true }]);
		expect(session().chats.has(PERSONAL)).toBe(false);
		expect(requests().map(({ method, path: requestPath }) => `${method} ${requestPath}`)).toEqual([
			'DELETE /api/default/chats/79001234567%40c.us/messages',
			'DELETE /api/default/chats/79001234567%40c.us',
		]);
	});
});

describe('"Custom API Call": the HTTP Request node with the WAHA credential', () => {
	it('adds the key for the Base URL host, and refuses another host before sending', async () => {
		const sessions = await run('custom-api-call', { url: `${stack.waha.url}/api/sessions/default` });
		expect(sessions.body).toEqual([expect.objectContaining({ name: 'default', status: 'WORKING' })]);
		expect(stack.waha.emu.log.map((entry) => [entry.path, entry.headers['x-api-key']])).toEqual([['/api/sessions/default', API_KEY]]);
		const elsewhere = await run('custom-api-call', { url: 'http://127.0.0.2:9/api/sessions/default' });
		expect(JSON.stringify(elsewhere.body)).toContain('the WAHA API key is only sent there');
		expect(stack.waha.emu.log).toHaveLength(1);
	});
});

describe('the WAHA API key in n8n', () => {
	it('appears in no execution, log or stored data, even when WAHA’s error echoes it', async () => {
		stack.waha.emu.faults.push({ route: 'getChats', times: 1, status: 500, body: { message: `upstream failed, key ${API_KEY}` }, echoHeaders: true });
		const failed = await run('get-many', { limit: 2 });
		expect(failed.status).toBe(500);
		expect(JSON.stringify(failed.body)).not.toContain(API_KEY);
		const [execution] = await stack.executionsOf('e2eWaha01getmany', { status: ['error'] });
		const details = await stack.rest.get(`/executions/${execution.id}`);
		expect(details.data).toContain('WAHA could not list the chats (HTTP 500): upstream failed, key ***');
		expect(JSON.stringify(details)).not.toContain(API_KEY);
		expect(stack.log()).not.toContain(API_KEY);
		expect(storedData(stack.userFolder)).not.toContain(API_KEY);
	});
});

async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function waitForExecutions(workflowId, count, timeoutMs = 30000) {
	const started = Date.now();
	for (;;) {
		const executions = await stack.executionsOf(workflowId);
		if (executions.length >= count && executions.every((execution) => execution.status !== 'running' && execution.status !== 'new')) return executions;
		if (Date.now() - started > timeoutMs) throw new Error(`${executions.length} executions of ${workflowId}, expected ${count}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
