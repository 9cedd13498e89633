'use strict';
// The package inside a real n8n 2.41.1, against the GREEN-API emulator: every operation, success and failure, the
// credential test, and the trigger in published workflows. See test/e2e/stack.js for how it is all started.
const { createHmac } = require('node:crypto');
const path = require('node:path');

const { SEED, API_TOKEN_INSTANCE } = require('../emulator/server');
const { startStack, storedData, GREEN_API_CREDENTIAL_ID } = require('./stack');

const FOREIGN = { webhookUrl: 'https://crm.example.com/whatsapp-hook', webhookUrlToken: 'crm-token-123', incomingWebhook: 'no' };
const TRIGGER = {
	bearer: { workflowId: 'e2eTriggerBearer', webhookId: '7d1e5c3a-0001-4b00-9000-000000000001' },
	hmac: { workflowId: 'e2eTriggerHmac01', webhookId: '7d1e5c3a-0002-4b00-9000-000000000002' },
	register: { workflowId: 'e2eTriggerRegist', webhookId: '7d1e5c3a-0003-4b00-9000-000000000003' },
};

let stack;

const emulatorControl = (...args) => stack.control(...args);
/** Runs a workflow through its Webhook trigger and returns n8n's answer: the last node's items. */
const runWorkflow = (...args) => stack.runWebhook(...args);

async function postToTrigger(which, body, headers = {}) {
	const response = await fetch(`${stack.n8nUrl}/webhook/${TRIGGER[which].webhookId}/webhook`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

const executionsOf = (workflowId) => stack.executionsOf(workflowId);

/** Waits until a workflow has `count` executions, then a moment more to be sure no others follow. */
async function expectExecutions(workflowId, count) {
	const deadline = Date.now() + 15000;
	let executions = await executionsOf(workflowId);
	while (executions.length < count && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		executions = await executionsOf(workflowId);
	}
	await new Promise((resolve) => setTimeout(resolve, 750));
	executions = await executionsOf(workflowId);
	expect(executions).toHaveLength(count);
	return executions;
}

const greenApiEvent = (typeWebhook, fields) => ({
	typeWebhook,
	instanceData: { idInstance: 1101000001, wid: '79001230000@c.us', typeInstance: 'whatsapp' },
	timestamp: 1731000000,
	...fields,
});

beforeAll(async () => {
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'workflows'),
		// another system owns the instance's webhook before n8n starts; the self-registering trigger replaces it
		beforeStart: async ({ emulator }) => {
			await fetch(`${emulator.url}/waInstance${emulator.idInstance}/setSettings/${emulator.apiTokenInstance}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(FOREIGN),
			});
		},
	});
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

describe('GREEN-API node in n8n', () => {
	it('Chat › Get Many returns the chats with the API fields, filtered before the limit', async () => {
		const limited = await runWorkflow('e2e-chat-get-many', { limit: 3 });
		expect(limited.status).toBe(200);
		expect(limited.body).toHaveLength(3);
		expect(Object.keys(limited.body[0]).sort()).toEqual(
			['archive', 'ephemeralExpiration', 'ephemeralSettingTimestamp', 'id', 'name', 'type'].sort(),
		);
		const all = await runWorkflow('e2e-chat-get-many', { returnAll: true });
		expect(all.body).toHaveLength(30);
		const archivedPersonal = await runWorkflow('e2e-chat-get-many', { limit: 2, chatType: 'personal', archiveState: 'archived' });
		expect(archivedPersonal.body).toHaveLength(2);
		for (const chat of archivedPersonal.body) expect(chat).toMatchObject({ type: 'user', archive: true });
	});

	it('Chat › Archive archives, reports unchanged chats, and fails bad items on their own', async () => {
		await emulatorControl('DELETE', 'log');
		const { status, body } = await runWorkflow('e2e-chat-archive', {
			items: [
				{ chatId: '+7 (900) 123-45-67' },
				{ chatId: SEED.archivedChatId },
				{ chatId: 'not a chat' },
				{ chatId: SEED.emptyChatId },
			],
		});
		expect(status).toBe(200);
		expect(body).toEqual([
			{ chatId: SEED.personalChatId, archived: true, changed: true },
			{ chatId: SEED.archivedChatId, archived: true, changed: false },
			{
				error: expect.stringMatching(/^Invalid Chat ID "not a chat" in item 2: expected a chat id/),
				description: 'Change the "Chat ID" field (or the expression that fills it) for this item',
			},
			{
				error: `Cannot archive chat ${SEED.emptyChatId}: it has no messages, or the chat id is wrong`,
				description: expect.stringContaining('WhatsApp archives only chats with at least one message'),
				httpCode: '400',
			},
		]);
		const state = await emulatorControl('GET', 'state');
		expect(state.chats.find((chat) => chat.id === SEED.personalChatId).archive).toBe(true);
		const log = await emulatorControl('GET', 'log');
		expect(log.filter((entry) => entry.method === 'archiveChat').map((entry) => entry.body.chatId)).toEqual([
			SEED.personalChatId,
			SEED.archivedChatId,
			SEED.emptyChatId,
		]);
	});

	it('Chat › Unarchive unarchives', async () => {
		const { body } = await runWorkflow('e2e-chat-unarchive', { items: [{ chatId: SEED.personalChatId }, { chatId: SEED.personalChatId }] });
		expect(body).toEqual([
			{ chatId: SEED.personalChatId, archived: false, changed: true },
			{ chatId: SEED.personalChatId, archived: false, changed: false },
		]);
	});

	it('Chat › Get History returns the messages newest first, within Since', async () => {
		const { body } = await runWorkflow('e2e-chat-get-history', { chatId: SEED.personalChatId, limit: 3 });
		expect(body).toHaveLength(3);
		expect(body.map((message) => message.timestamp)).toEqual([...body.map((message) => message.timestamp)].sort((a, b) => b - a));
		expect(body[0]).toMatchObject({ chatId: SEED.personalChatId, idMessage: expect.any(String), typeMessage: expect.any(String) });
		const since = new Date(body[1].timestamp * 1000).toISOString();
		const windowed = await runWorkflow('e2e-chat-get-history', { chatId: SEED.personalChatId, limit: 3, since });
		expect(windowed.body.map((message) => message.idMessage)).toEqual(body.slice(0, 2).map((message) => message.idMessage));
	});

	it('Group › Remove Participant removes a member and fails for a non-member', async () => {
		const { body } = await runWorkflow('e2e-group-remove-participant', {
			items: [
				{ groupId: SEED.groupId, participantChatId: SEED.groupMemberId },
				{ groupId: SEED.groupId, participantChatId: SEED.nonMemberId },
			],
		});
		expect(body).toEqual([
			{ groupId: SEED.groupId, participantChatId: SEED.groupMemberId, removed: true },
			{
				error: `${SEED.nonMemberId} was not removed from group ${SEED.groupId}: it is not a member, or an id is wrong`,
				description: expect.any(String),
			},
		]);
	});

	it("shows the API's own error text, without the token it echoes", async () => {
		await emulatorControl('POST', 'faults', {
			method: 'archiveChat',
			status: 400,
			body: {
				timestamp: '2026-11-21T10:00:00.000+00:00',
				status: 400,
				error: 'Bad Request',
				message: "Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'",
				path: `/waInstance1101000001/archiveChat/${API_TOKEN_INSTANCE}`,
			},
		});
		const { body } = await runWorkflow('e2e-chat-archive', { items: [{ chatId: SEED.lidChatId }] });
		expect(body).toEqual([
			{
				error: "GREEN-API archiveChat failed (HTTP 400): Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'",
				description: 'GREEN-API refused the request as invalid: check the fields the message names',
				httpCode: '400',
			},
		]);
	});

	it('stops the workflow on an error when Continue On Fail is off', async () => {
		await emulatorControl('POST', 'faults', { method: 'archiveChat', status: 401, body: 'Unauthorized' });
		const { status } = await runWorkflow('e2e-chat-archive-strict', { chatId: SEED.lidChatId });
		expect(status).toBe(500);
		const [execution] = await expectExecutions('e2eArchiveStrict', 1);
		expect(execution.status).toBe('error');
		const details = await stack.rest.get(`/executions/${execution.id}`);
		expect(details.data).toContain('GREEN-API archiveChat failed (HTTP 401): Unauthorized');
	});

	it('runs the credential test against the instance state', async () => {
		const credentials = { id: GREEN_API_CREDENTIAL_ID, name: 'GREEN-API emulator', type: 'greenApi', data: stack.emulator.credential };
		expect(await stack.rest.post('/credentials/test', { credentials })).toEqual({ status: 'OK', message: 'Connection successful!' });
		await emulatorControl('POST', 'state', { stateInstance: 'notAuthorized' });
		const result = await stack.rest.post('/credentials/test', { credentials });
		await emulatorControl('POST', 'state', { stateInstance: 'authorized' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('(state "notAuthorized")');
	});
});

describe('GREEN-API Trigger in n8n', () => {
	it('starts one execution per accepted GREEN-API event, and none for refused or filtered ones', async () => {
		const auth = { authorization: `Bearer ${stack.webhookSecret}` };
		const personal = greenApiEvent('incomingMessageReceived', { senderData: { chatId: SEED.personalChatId } });
		expect((await postToTrigger('bearer', personal, auth)).status).toBe(200);
		expect((await postToTrigger('bearer', greenApiEvent('stateInstanceChanged', { stateInstance: 'authorized' }), auth)).status).toBe(200);
		expect((await postToTrigger('bearer', personal, { authorization: 'Bearer wrong' })).status).toBe(401);
		expect((await postToTrigger('bearer', personal)).status).toBe(401);
		const group = greenApiEvent('incomingMessageReceived', { senderData: { chatId: SEED.groupId } });
		expect((await postToTrigger('bearer', group, auth)).status).toBe(200);
		expect((await postToTrigger('bearer', '[1,2]', auth)).status).toBe(400);
		const executions = await expectExecutions(TRIGGER.bearer.workflowId, 2);
		const details = await stack.rest.get(`/executions/${executions[executions.length - 1].id}`);
		expect(details.data).toContain('"incomingMessageReceived"');
	});

	it('verifies WAHA chat.archive signatures and applies the archive filter', async () => {
		const url = `${stack.n8nUrl}/webhook/${TRIGGER.hmac.webhookId}/webhook`;
		const send = async (fields) => await emulatorControl('POST', 'webhooks/waha', { url, chatId: SEED.personalChatId, ...fields });
		expect((await send({ archived: true, hmacKey: stack.webhookSecret })).status).toBe(200);
		expect((await send({ archived: false, hmacKey: stack.webhookSecret })).status).toBe(200);
		expect((await send({ archived: true, hmacKey: 'another key' })).status).toBe(401);
		expect((await send({ archived: true })).status).toBe(401);
		// a body n8n does not parse (not JSON, text or form by its content type): the node reads the signed bytes itself
		const raw = JSON.stringify({ event: 'chat.archive', session: 'default', payload: { id: SEED.personalChatId, timestamp: 1731000000, archived: true } });
		const signature = createHmac('sha512', stack.webhookSecret).update(raw).digest('hex');
		expect((await postToTrigger('hmac', raw, { 'content-type': 'application/octet-stream', 'x-webhook-hmac': signature, 'x-webhook-timestamp': String(Date.now()) })).status).toBe(200);
		await expectExecutions(TRIGGER.hmac.workflowId, 2);
	});

	it('registered itself on activation, receives the instance\'s events, and restores the previous webhook on deactivation', async () => {
		const registered = (await emulatorControl('GET', 'state')).settings;
		expect(registered).toMatchObject({
			webhookUrl: `${stack.n8nUrl}/webhook/${TRIGGER.register.webhookId}/webhook`,
			webhookUrlToken: expect.stringMatching(/^[0-9a-f]{64}$/),
			incomingWebhook: 'yes',
			stateWebhook: 'yes',
		});
		const delivery = await emulatorControl('POST', 'webhooks/green-api', {
			typeWebhook: 'incomingMessageReceived',
			senderData: { chatId: SEED.personalChatId, sender: SEED.personalChatId },
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'hello' } },
		});
		expect(delivery).toMatchObject({ delivered: true, status: 200 });
		await expectExecutions(TRIGGER.register.workflowId, 1);

		await stack.rest.post(`/workflows/${TRIGGER.register.workflowId}/deactivate`, {});
		const restored = (await emulatorControl('GET', 'state')).settings;
		expect(restored).toMatchObject(FOREIGN);
	});
});

describe('secrets', () => {
	it('never stores or logs the API token or the webhook secret', async () => {
		const stored = storedData(stack.userFolder);
		expect(stored.length).toBeGreaterThan(0);
		expect(stored.includes(API_TOKEN_INSTANCE)).toBe(false);
		expect(stored.includes(stack.webhookSecret)).toBe(false);
		expect(stack.log().includes(API_TOKEN_INSTANCE)).toBe(false);
	});
});
