'use strict';
// No delivered item is hidden, in the real n8n 2.41.1 against the emulator: 10 sends, the first refused after
// 400 ms while the 9 others are delivered. Without an On Error setting the execution fails and its error names the
// 9 delivered items; with "continue (using error output)" the 9 go out of the success output and only the refused
// one out of the error output; with "continue" all 10 go out of the one output. And nodes of version 1 and 2 saved
// without resource and operation (as the editor saves defaults) do what their version's defaults say.
const path = require('node:path');

const { parse } = require('flatted');

const { startStack } = require('./stack');

let stack;

const control = (...args) => stack.control(...args);
const CHAT_IDS = Array.from({ length: 10 }, (_, index) => `7900555${String(index).padStart(4, '0')}@c.us`);
const REFUSED = 'GREEN-API sendMessage failed (HTTP 400): Bad Request';

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'items-workflows') });
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

const refuseFirstSend = async () => {
	await control('DELETE', 'log');
	// the first send (item 0: the transport paces sends, so it reaches the emulator first) is refused after 400 ms
	await control('POST', 'faults', { method: 'sendMessage', times: 1, status: 400, body: 'Bad Request', delayMs: 400 });
};

/** The sendMessage requests the emulator saw: [chatId, status], by chat id (the log is in order of answers). */
async function sends() {
	const log = await control('GET', 'log');
	const seen = log.filter((entry) => entry.method === 'sendMessage').map((entry) => [entry.body.chatId, entry.status]);
	return seen.sort(([a], [b]) => a.localeCompare(b));
}

/** The run of node `name` in the newest execution of a workflow: its outputs' items, and its error. */
async function lastRunOf(workflowId, name) {
	const [execution] = await stack.executionsOf(workflowId);
	const details = await stack.rest.get(`/executions/${execution.id}`);
	const data = parse(details.data);
	const [run] = data.resultData.runData[name];
	return { status: execution.status, outputs: run.data?.main ?? [], error: run.error, text: details.data };
}

const delivered = CHAT_IDS.slice(1);

describe('no delivered item is hidden (n8n 2.41.1)', () => {
	beforeEach(refuseFirstSend);

	it('without an On Error setting, the failed execution names every delivered item with its idMessage', async () => {
		const { status } = await stack.runWebhook('e2e-items-stop', { items: CHAT_IDS.map((chatId) => ({ chatId })) });
		expect(status).toBe(500);
		expect(await sends()).toEqual([[CHAT_IDS[0], 400], ...delivered.map((chatId) => [chatId, 200])]);
		const run = await lastRunOf('e2eItemsStop0001', 'Send');
		expect(run.status).toBe('error');
		expect(run.outputs).toEqual([]);
		expect(run.error.message).toBe(REFUSED);
		const listed = run.error.description.split('\n\n').at(-1);
		const match = /^Already done before the node stopped \(do not send these again\): (.*)\.$/.exec(listed);
		expect(match).not.toBeNull();
		const entries = match[1].split('; ').map((entry) => /^item (\d+) \(chatId (\S+), idMessage (\S+)\)$/.exec(entry));
		expect(entries.map((entry) => [Number(entry[1]), entry[2]])).toEqual(delivered.map((chatId, index) => [index + 1, chatId]));
		const ids = entries.map((entry) => entry[3]);
		expect(new Set(ids).size).toBe(9);
		for (const id of ids) expect(id).toMatch(/^BAE5/);
		expect(run.text).not.toContain(stack.emulator.credential.apiTokenInstance);
	}, 60000);

	it('with "continue (using error output)", only the refused item goes out of the error output', async () => {
		const { status } = await stack.runWebhook('e2e-items-error-output', { items: CHAT_IDS.map((chatId) => ({ chatId })) });
		expect(status).toBe(200);
		expect(await sends()).toEqual([[CHAT_IDS[0], 400], ...delivered.map((chatId) => [chatId, 200])]);
		const run = await lastRunOf('e2eItemsErrOut01', 'Send');
		expect(run.status).toBe('success');
		const [success, failure] = run.outputs;
		expect(success.map((item) => [item.json.chatId, item.pairedItem])).toEqual(delivered.map((chatId, index) => [chatId, { item: index + 1 }]));
		for (const item of success) expect(item.json.idMessage).toMatch(/^BAE5/);
		// n8n puts the input item's fields beside the error on the error output
		expect(failure.map((item) => ({ json: item.json, pairedItem: item.pairedItem }))).toEqual([
			{
				json: { chatId: CHAT_IDS[0], error: REFUSED, details: { description: expect.any(String), httpCode: '400' } },
				pairedItem: { item: 0 },
			},
		]);
		const failed = await lastRunOf('e2eItemsErrOut01', 'Failed');
		expect(failed.outputs[0]).toHaveLength(1);
		const ok = await lastRunOf('e2eItemsErrOut01', 'Delivered');
		expect(ok.outputs[0]).toHaveLength(9);
	}, 60000);

	it('with "continue", all ten go out of the one output, the refused one as an error item', async () => {
		const { status, body } = await stack.runWebhook('e2e-items-regular', { items: CHAT_IDS.map((chatId) => ({ chatId })) });
		expect(status).toBe(200);
		expect(body).toEqual([
			{ error: REFUSED, description: expect.any(String), httpCode: '400' },
			...delivered.map((chatId) => ({ chatId, idMessage: expect.stringMatching(/^BAE5/) })),
		]);
	}, 60000);
});

describe('saved defaults of each node version (n8n 2.41.1)', () => {
	beforeEach(async () => {
		await control('DELETE', 'faults');
		await control('DELETE', 'log');
	});

	it('a version-1 node saved without resource and operation still archives its chat', async () => {
		const { status, body } = await stack.runWebhook('e2e-items-defaults-v1', { chatId: '79001234567@c.us' });
		expect(status).toBe(200);
		expect(body).toEqual([{ chatId: '79001234567@c.us', archived: true, changed: expect.any(Boolean) }]);
		const log = await control('GET', 'log');
		expect(log.map((entry) => entry.method)).toEqual(['archiveChat']);
	}, 60000);

	it('a version-2 node saved without resource and operation sends the message', async () => {
		const { status, body } = await stack.runWebhook('e2e-items-defaults-v2', { chatId: '79001234567@c.us', text: 'Hello' });
		expect(status).toBe(200);
		expect(body).toEqual([{ chatId: '79001234567@c.us', idMessage: expect.stringMatching(/^BAE5/) }]);
		const log = await control('GET', 'log');
		expect(log.map((entry) => [entry.method, entry.body])).toEqual([['sendMessage', { chatId: '79001234567@c.us', message: 'Hello' }]]);
	}, 60000);
});
