'use strict';
// The GREEN-API Trigger in a real n8n 2.41.1, one process: an unknown Verification value refuses every request,
// a repeated event starts one execution also after n8n is killed and started again, hostile bodies get 400, HMAC
// timestamps are required and bounded, and an accepted event is answered with a small JSON.
const { createHmac } = require('node:crypto');
const path = require('node:path');

const { incomingTextWebhook } = require('../emulator/webhooks');
const { startStack } = require('./stack');

const TRIGGER = {
	unknown: { workflowId: 'e2eWebhookUnknwn', webhookId: '7d1e5c3a-0101-4b00-9000-000000000101' },
	repeats: { workflowId: 'e2eWebhookRepeat', webhookId: '7d1e5c3a-0102-4b00-9000-000000000102' },
	hmac: { workflowId: 'e2eWebhookHmacTs', webhookId: '7d1e5c3a-0103-4b00-9000-000000000103' },
	concurrent: { workflowId: 'e2eWebhookConcur', webhookId: '7d1e5c3a-0104-4b00-9000-000000000104' },
};
/** Events posted to a fresh trigger all at once, before and after the kill. */
const CONCURRENT = 20;

let stack;

async function post(which, body, headers = {}) {
	const response = await fetch(`${stack.n8nUrl}/webhook/${TRIGGER[which].webhookId}/webhook`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

/** Waits until a workflow has `count` executions, then a moment more to be sure no others follow. */
async function expectExecutions(workflowId, count) {
	const deadline = Date.now() + 15000;
	let executions = await stack.executionsOf(workflowId);
	while (executions.length < count && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		executions = await stack.executionsOf(workflowId);
	}
	await new Promise((resolve) => setTimeout(resolve, 750));
	executions = await stack.executionsOf(workflowId);
	expect(executions).toHaveLength(count);
	return executions;
}

const message = incomingTextWebhook;

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'webhook-trigger-workflows') });
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

describe('GREEN-API Trigger in n8n: fail closed', () => {
	it('refuses every request (401) when the saved Verification is unknown ("bearer"), and says why in the log', async () => {
		const refusal = 'Unknown Verification "bearer": every request is refused. Open the trigger and choose Bearer Token, HMAC Signature or None.';
		for (const headers of [{}, { authorization: `Bearer ${stack.webhookSecret}` }, { authorization: 'Bearer wrong' }]) {
			expect(await post('unknown', message('U1'), headers)).toEqual({ status: 401, body: JSON.stringify({ message: refusal }) });
		}
		await expectExecutions(TRIGGER.unknown.workflowId, 0);
		expect(stack.log()).toContain(`GREEN-API Trigger refused a webhook (401): ${refusal}`);
	});
});

describe('GREEN-API Trigger in n8n: bodies and answers', () => {
	const auth = () => ({ authorization: `Bearer ${stack.webhookSecret}` });

	it('answers an accepted event with a small JSON, not the text "firstEntryJson"', async () => {
		expect(await post('repeats', message('A1'), auth())).toEqual({ status: 200, body: JSON.stringify({ message: 'Event received' }) });
	});

	it('answers 400, not 500, to a body nested 20,000 levels deep, and keeps serving', async () => {
		const deep = JSON.stringify(message('D1')).replace('"hello"', `${'['.repeat(20000)}${']'.repeat(20000)}`);
		const answer = await post('repeats', deep, auth());
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body)).toEqual({ message: 'The body nests objects or arrays deeper than 64 levels' });
		expect((await post('repeats', message('D2'), auth())).status).toBe(200);
	});

	it('refuses HMAC signatures without a timestamp or with one far ahead, and accepts a current one', async () => {
		const body = JSON.stringify({ event: 'chat.archive', session: 'default', payload: { id: '79001234567@c.us', timestamp: 1731000000, archived: true } });
		const hmac = createHmac('sha512', stack.webhookSecret).update(body).digest('hex');
		const noTimestamp = await post('hmac', body, { 'x-webhook-hmac': hmac });
		expect(noTimestamp.status).toBe(401);
		expect(noTimestamp.body).toContain('no X-Webhook-Timestamp');
		const tenYearsAhead = String(Date.now() + 10 * 365 * 24 * 3600 * 1000);
		expect((await post('hmac', body, { 'x-webhook-hmac': hmac, 'x-webhook-timestamp': tenYearsAhead })).status).toBe(401);
		expect((await post('hmac', body, { 'x-webhook-hmac': hmac, 'x-webhook-timestamp': String(Date.now()) })).status).toBe(200);
		await expectExecutions(TRIGGER.hmac.workflowId, 1);
	});
});

describe('GREEN-API Trigger in n8n: repeats', () => {
	const auth = () => ({ authorization: `Bearer ${stack.webhookSecret}` });
	/** Whether an execution ran the node after the trigger. */
	const ranAfterTrigger = async (execution) => (await stack.rest.get(`/executions/${execution.id}`)).data.includes('"After Trigger"');

	const concurrentEvents = () => Array.from({ length: CONCURRENT }, (_, index) => message(`C${index}`));
	const postAllAtOnce = async (bodies) => await Promise.all(bodies.map(async (body) => (await post('concurrent', body, auth())).status));

	it(`runs each of ${CONCURRENT} events posted at once to a fresh trigger (n8n's deduplication store, first used by all of them)`, async () => {
		expect(await postAllAtOnce(concurrentEvents())).toEqual(concurrentEvents().map(() => 200));
		const executions = await expectExecutions(TRIGGER.concurrent.workflowId, CONCURRENT);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		const ran = await Promise.all(executions.map(ranAfterTrigger));
		expect(ran.filter(Boolean)).toHaveLength(CONCURRENT);
	});

	it('runs an event GREEN-API sends again once, also after n8n is killed (SIGKILL) and started again', async () => {
		const before = (await stack.executionsOf(TRIGGER.repeats.workflowId)).length;
		expect((await post('repeats', message('R1'), auth())).status).toBe(200);
		// the same process remembers it: no execution
		expect(await post('repeats', message('R1'), auth())).toEqual({
			status: 200,
			body: JSON.stringify({ message: 'Event received before; not started again' }),
		});
		const [first] = await expectExecutions(TRIGGER.repeats.workflowId, before + 1);
		expect(await ranAfterTrigger(first)).toBe(true);

		await stack.killAndRestart();
		// a new process does not remember it: an execution starts, and n8n's deduplication store stops it at the trigger
		expect((await post('repeats', message('R1'), auth())).status).toBe(200);
		const [repeat] = await expectExecutions(TRIGGER.repeats.workflowId, before + 2);
		expect(repeat.status).toBe('success');
		expect(await ranAfterTrigger(repeat)).toBe(false);
		// a new event runs
		expect((await post('repeats', message('R2'), auth())).status).toBe(200);
		const [fresh] = await expectExecutions(TRIGGER.repeats.workflowId, before + 3);
		expect(await ranAfterTrigger(fresh)).toBe(true);

		// the events posted at once before the kill: each repeat starts an execution that stops at the trigger
		expect(await postAllAtOnce(concurrentEvents())).toEqual(concurrentEvents().map(() => 200));
		const executions = await expectExecutions(TRIGGER.concurrent.workflowId, 2 * CONCURRENT);
		const repeats = executions.slice(0, CONCURRENT);
		expect(repeats.filter((execution) => execution.status !== 'success')).toEqual([]);
		expect((await Promise.all(repeats.map(ranAfterTrigger))).filter(Boolean)).toEqual([]);
	}, 300000);
});
