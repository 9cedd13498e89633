'use strict';
// Message › Send and Wait for Response in the real n8n 2.41.1 against the emulator: the execution waits, the test
// reads the links from what the emulator received, opens the page as a person would, answers, and the execution
// goes on with the answer (approve, decline, free text, a form); a robot's GET and a forged link change nothing; a
// wait limit that passes; a restart of n8n (kill -9) while waiting.
const path = require('node:path');

const { parse } = require('flatted');

const { SEED } = require('../emulator/server');
const { startStack } = require('./stack');

let stack;

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'send-and-wait-workflows') });
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something, or fails after `ms`. */
async function eventually(check, ms, what) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(300);
	}
}

/** Starts the workflow, waits until its execution waits, and returns the execution id and the question the emulator got. */
async function ask(workflowId, webhookPath, body) {
	const before = (await stack.control('GET', 'log')).length;
	const { status } = await stack.runWebhook(webhookPath, body);
	expect(status).toBe(200);
	const execution = await eventually(async () => (await stack.executionsOf(workflowId, { status: ['waiting'] }))[0], 60000, 'a waiting execution');
	const sent = (await stack.control('GET', 'log')).slice(before).filter((entry) => ['sendInteractiveButtons', 'sendMessage'].includes(entry.method));
	expect(sent).toHaveLength(1);
	return { executionId: execution.id, request: sent[0] };
}

function linksOf(request) {
	if (request.method === 'sendInteractiveButtons') return request.body.buttons.map((button) => button.url);
	return [...request.body.message.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
}

async function statusOf(executionId) {
	return (await stack.rest.get(`/executions/${executionId}`)).status;
}

/** The items a node put out in a finished execution. */
async function outputOf(executionId, nodeName) {
	const details = await eventually(async () => {
		const execution = await stack.rest.get(`/executions/${executionId}`);
		return execution.status === 'success' ? execution : undefined;
	}, 100000, `execution ${executionId} to succeed`);
	const data = parse(details.data);
	return data.resultData.runData[nodeName].at(-1).data.main[0].map((item) => item.json);
}

async function post(url, fields, { multipart = false } = {}) {
	if (multipart) {
		// what a browser sends for the form page (its enctype), the only kind n8n accepts for a custom form
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		return await fetch(url, { method: 'POST', body: form });
	}
	return await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
}

describe('Send and Wait for Response in n8n', () => {
	it('asks with URL buttons; a robot’s GET and a forged link change nothing; the page’s POST approves', async () => {
		const { executionId, request } = await ask('e2eAskApproval1', 'e2e-ask-approval', { chatId: '+7 900 123-45-67', question: 'Refund order 42?' });
		const [approve, decline] = linksOf(request);
		expect(request.body).toEqual({
			chatId: SEED.personalChatId,
			body: 'Refund order 42?',
			buttons: [
				{ type: 'url', buttonId: '1', buttonText: 'Refund', url: approve },
				{ type: 'url', buttonId: '2', buttonText: 'Keep', url: decline },
			],
		});
		expect(approve).toMatch(new RegExp(`^${stack.n8nUrl}/webhook-waiting/${executionId}/e2eAskApproval1-ask\\?answer=approve&nonce=[0-9a-f]{24}&signature=`));

		// WhatsApp's preview robot fetches the link: it gets the page, nothing is recorded
		const preview = await fetch(approve, { headers: { 'user-agent': 'WhatsApp/2.23.20.0 A' } });
		expect(preview.status).toBe(200);
		const page = await preview.text();
		expect(page).toContain('Refund order 42?');
		expect(page).toContain('>Refund</button>');
		// a forged link (the decline link turned into an approval) is refused by n8n's signature check
		const forged = new URL(decline);
		forged.searchParams.set('answer', 'approve');
		expect((await post(forged.toString(), {})).status).toBe(401);
		await sleep(1000);
		expect(await statusOf(executionId)).toBe('waiting');

		const answered = await post(approve, { answer: 'approve' });
		expect(answered.status).toBe(200);
		expect(await answered.text()).toContain('Thank you, your answer is recorded');
		expect(await outputOf(executionId, 'Done')).toEqual([
			{ data: { approved: true, respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }, chatId: SEED.personalChatId, idMessage: expect.stringMatching(/^BAE5/) },
		]);
		// a second answer, once the execution has gone on, is refused politely
		const again = await post(decline, { answer: 'decline' });
		expect(again.status).toBeLessThan(500);
		expect(await again.text()).not.toContain('Thank you');
	}, 180000);

	it('declines', async () => {
		const { executionId, request } = await ask('e2eAskApproval1', 'e2e-ask-approval', { chatId: SEED.personalChatId, question: 'Refund order 43?' });
		const [, decline] = linksOf(request);
		expect((await post(decline, {})).status).toBe(200);
		const [item] = await outputOf(executionId, 'Done');
		expect(item).toEqual({ data: { approved: false, respondedAt: expect.any(String) }, chatId: SEED.personalChatId, idMessage: expect.stringMatching(/^BAE5/) });
	}, 180000);

	it('asks a group in a text message with the link (previews off) and takes a free-text answer', async () => {
		const { executionId, request } = await ask('e2eAskFreeText1', 'e2e-ask-free-text', { chatId: SEED.groupId, question: 'Who takes the night shift?' });
		const [link] = linksOf(request);
		expect(request.method).toBe('sendMessage');
		expect(request.body).toEqual({ chatId: SEED.groupId, message: `Who takes the night shift?\n\nAnswer: ${link}`, linkPreview: false });
		expect(await (await fetch(link)).text()).toContain('<textarea');
		const empty = await post(link, { text: '   ' });
		expect(empty.status).toBe(422);
		expect(await statusOf(executionId)).toBe('waiting');
		expect((await post(link, { text: 'Anna' })).status).toBe(200);
		expect(await outputOf(executionId, 'Done')).toEqual([{ data: { text: 'Anna', respondedAt: expect.any(String) }, chatId: SEED.groupId, idMessage: expect.stringMatching(/^BAE5/) }]);
	}, 180000);

	it('takes a form: text, number, dropdown and date', async () => {
		const { executionId, request } = await ask('e2eAskForm00001', 'e2e-ask-form', { chatId: SEED.personalChatId, question: 'Book a table' });
		const [link] = linksOf(request);
		expect(request.body.buttons.map((button) => button.buttonText)).toEqual(['Respond']);
		const page = await (await fetch(link)).text();
		expect(page).toContain('name="field-3" type="date"');
		expect(page).toContain('enctype="multipart/form-data"');
		const refused = await post(link, { 'field-0': 'Ann', 'field-1': 'four' }, { multipart: true });
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain('“Seats” must be a number.');
		expect((await post(link, { 'field-0': 'Ann', 'field-1': '4', 'field-2': 'Terrace', 'field-3': '2026-12-24' }, { multipart: true })).status).toBe(200);
		expect(await outputOf(executionId, 'Done')).toEqual([
			{ data: { Name: 'Ann', Seats: 4, Room: 'Terrace', Day: '2026-12-24', respondedAt: expect.any(String) }, chatId: SEED.personalChatId, idMessage: expect.stringMatching(/^BAE5/) },
		]);
	}, 180000);

	it('goes on with a "no answer" item when the wait limit passes', async () => {
		const { executionId, request } = await ask('e2eAskTimeout01', 'e2e-ask-wait-limit', { chatId: SEED.personalChatId, question: 'Still interested?' });
		// n8n looks for executions whose wait is over once a minute
		const [item] = await outputOf(executionId, 'Done');
		expect(item).toEqual({
			headers: expect.any(Object),
			params: {},
			query: {},
			body: { chatId: SEED.personalChatId, question: 'Still interested?' },
			webhookUrl: expect.any(String),
			executionMode: 'production',
			noAnswer: true,
			waitedUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			chatId: SEED.personalChatId,
			idMessage: expect.stringMatching(/^BAE5/),
		});
		// the link no longer answers
		const late = await post(linksOf(request)[0], {});
		expect(await late.text()).not.toContain('Thank you');
	}, 180000);

	it('resumes with the answer after n8n was killed (kill -9) and started again while waiting', async () => {
		const { executionId, request } = await ask('e2eAskApproval1', 'e2e-ask-approval', { chatId: SEED.personalChatId, question: 'Ship order 44?' });
		await stack.killAndRestart();
		expect(await statusOf(executionId)).toBe('waiting');
		const [approve] = linksOf(request);
		expect((await post(approve, {})).status).toBe(200);
		expect(await outputOf(executionId, 'Done')).toEqual([{ data: { approved: true, respondedAt: expect.any(String) }, chatId: SEED.personalChatId, idMessage: expect.stringMatching(/^BAE5/) }]);
	}, 300000);
});
