'use strict';
// The package in n8n's queue mode (issues 17 and 18): n8n 2.41.1 main + 2 workers (concurrency 5) + a webhook
// processor, Redis and Postgres, n8n's defaults otherwise (no N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED), the package
// installed through n8n's Community Nodes installer (test/e2e/queue-stack.js). One stack for the three suites.
const { createHash } = require('node:crypto');
const path = require('node:path');

const { SEED, ID_INSTANCE, WID } = require('../emulator/server');
const { greenApiEnvelope } = require('../emulator/webhooks');
const { startQueueStack, allExecutions, endedCount } = require('./queue-stack');

const SENDS = { workflowId: 'e2eQueueSends001', path: 'queue-sends', executions: 4, items: 500 };
const DRAIN = { workflowId: 'e2eQueueDrain001', node: 'GREEN-API Queue Trigger', notifications: 300, rounds: 3 };
const HOOKS = { workflowId: 'e2eQueueHooks001', webhookId: '7d1e5c3a-0009-4b00-9000-000000000001', originals: 100, repeats: 20 };
/** No new execution for this long means the stack has stalled: the suite fails and says where. */
const STALL_MS = 60000;

let stack;
let flatted;
const log = (message) => process.stderr.write(`[queue mode] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const control = (...args) => stack.control(...args);

const executions = (workflowId) => allExecutions(stack.rest, workflowId);

/**
 * Polls (every 500 ms) until `extra()` holds and the workflow has `target` ended executions (one count query), then
 * returns the list of them all. Fails when `progress()` (by default: the count) did not change for STALL_MS, or
 * after `timeoutMs`, with `describe()` saying what was seen.
 */
async function untilEnded(workflowId, target, { timeoutMs, describe, extra = async () => true, progress }) {
	const started = Date.now();
	let seen;
	let lastProgress = Date.now();
	const count = () => endedCount(stack.rest, workflowId);
	for (;;) {
		if ((await extra()) && (await count()) >= target) return await executions(workflowId);
		const now = progress ? await progress() : await count();
		if (now !== seen) [seen, lastProgress] = [now, Date.now()];
		if (Date.now() - lastProgress > STALL_MS || Date.now() - started > timeoutMs) {
			throw new Error(`stalled: ${await count()} of ${target} executions ended after ${Math.round((Date.now() - started) / 1000)} s; ${await describe()}`);
		}
		await sleep(500);
	}
}

async function executionData(id) {
	const execution = await stack.rest.get(`/executions/${id}`);
	return { status: execution.status, data: typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data };
}

/** Runs `work` over `values`, `width` at a time, in order of the results. */
async function mapLimited(values, width, work) {
	const results = new Array(values.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < values.length) {
				const index = next++;
				results[index] = await work(values[index]);
			}
		}),
	);
	return results;
}

beforeAll(async () => {
	stack = await startQueueStack({ workflowsDir: path.join(__dirname, 'queue-mode-workflows'), emulatorOptions: { logLimit: 1000000 } });
	flatted = require(path.join(stack.runtime.runtimeDir, 'node_modules', 'flatted'));
	log(`stack up in ${(stack.timings.published / 1000).toFixed(1)} s: ${JSON.stringify(stack.timings)}`);
}, 480000);

afterAll(async () => {
	if (stack) await stack.stop();
});

test('4 executions × 500 Message › Send over 2 workers, GREEN-API rate limit on: every item sent, none twice', async () => {
	await control('POST', 'reset');
	await control('POST', 'rate-limits', { enabled: true });
	const chats = [SEED.personalChatId, SEED.groupId, SEED.lidChatId];
	const bodies = Array.from({ length: SENDS.executions }, (_, run) => ({
		items: Array.from({ length: SENDS.items }, (_, i) => ({ chatId: chats[i % chats.length], message: `queue run ${run} message ${i}` })),
	}));
	const before = stack.workerExecutions();
	const started = performance.now();
	const answers = await Promise.all(
		bodies.map((body) =>
			fetch(`${stack.webhookUrl}/webhook/${SENDS.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
		),
	);
	expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
	const list = await untilEnded(SENDS.workflowId, SENDS.executions, {
		timeoutMs: 240000,
		describe: async () => `the emulator saw ${JSON.stringify((await control('GET', 'stats')).byMethod.sendMessage)}`,
	});
	const wallMs = performance.now() - started;
	await control('POST', 'rate-limits', { enabled: false });

	const results = await Promise.all(list.map(({ id }) => executionData(id)));
	const items = results.flatMap(({ data }) => data.resultData.runData.Send?.[0]?.data?.main?.[0] ?? []);
	const failed = items.filter((item) => item.json.error !== undefined);
	const stats = await control('GET', 'stats');
	const accepted = (await control('GET', 'accepted')).sendMessage;
	const requests = stats.byMethod.sendMessage?.total ?? 0;
	const after = stack.workerExecutions();
	const perWorker = Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - before[name]]));
	log(
		`sends: ${SENDS.executions} × ${SENDS.items} in ${(wallMs / 1000).toFixed(1)} s (floor 40 s); ${requests} sendMessage requests, ` +
			`${(requests / (SENDS.executions * SENDS.items)).toFixed(3)} per message, ${stats.byMethod.sendMessage?.['429'] ?? 0} × 429; ` +
			`${failed.length} failed items${failed.length ? ` (first: ${JSON.stringify(failed[0].json).slice(0, 300)})` : ''}; executions per worker ${JSON.stringify(perWorker)}`,
	);

	expect(results.map(({ status }) => status)).toEqual(['success', 'success', 'success', 'success']);
	// the executions ran on the workers (both of them), not on main
	expect(Object.values(perWorker).reduce((a, b) => a + b, 0)).toBe(SENDS.executions);
	expect(Object.values(perWorker).filter((count) => count === 0)).toEqual([]);
	expect(items).toHaveLength(SENDS.executions * SENDS.items);
	expect(failed).toHaveLength(0);
	expect(items.every((item) => typeof item.json.idMessage === 'string')).toBe(true);
	// each of the 2,000 messages accepted exactly once at GREEN-API
	expect(accepted).toMatchObject({ accepted: SENDS.executions * SENDS.items, distinct: SENDS.executions * SENDS.items, repeated: [] });
	const sentTexts = new Set((await control('GET', 'log')).filter((entry) => entry.method === 'sendMessage' && entry.status === 200).map((entry) => entry.body.message));
	expect(bodies.flatMap((body) => body.items.map((item) => item.message)).filter((text) => !sentTexts.has(text))).toEqual([]);
}, 300000);

test('a send whose answer is lost on a worker (504 or a reset after GREEN-API took it, a 500) is never sent twice', async () => {
	await control('POST', 'reset');
	// the first three sendMessage calls, whichever items make them: taken then 504, taken then the socket reset, refused with 500
	await control('POST', 'faults', { method: 'sendMessage', status: 504, afterHandling: true });
	await control('POST', 'faults', { method: 'sendMessage', drop: true, afterHandling: true });
	await control('POST', 'faults', { method: 'sendMessage', status: 500 });
	const items = [0, 1, 2, 3].map((i) => ({ chatId: SEED.personalChatId, message: `queue fault case ${i}` }));
	const before = (await executions(SENDS.workflowId)).map(({ id }) => id);
	const answer = await fetch(`${stack.webhookUrl}/webhook/${SENDS.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
	expect(answer.status).toBe(200);
	const list = await untilEnded(SENDS.workflowId, before.length + 1, { timeoutMs: 180000, describe: async () => 'the fault-case execution' });
	const [{ id }] = list.filter((execution) => !before.includes(execution.id));
	const { status, data } = await executionData(id);
	const output = data.resultData.runData.Send[0].data.main[0].map((item) => item.json);
	const requests = await control('GET', 'log');
	const times = (text) => requests.filter((entry) => entry.method === 'sendMessage' && entry.accepted && entry.body.message === text).length;
	log(`fault cases: ${JSON.stringify(output.map((json, i) => ({ accepted: times(items[i].message), idMessage: json.idMessage, error: json.error })))}`);

	expect(status).toBe('success');
	expect(output).toHaveLength(items.length);
	expect((await control('GET', 'faults')).length).toBe(0);
	expect((await control('GET', 'accepted')).sendMessage.repeated).toEqual([]);
	output.forEach((json, i) => {
		if (json.error === undefined) {
			// reported as sent: GREEN-API has it, once
			expect(typeof json.idMessage).toBe('string');
			expect(times(items[i].message)).toBe(1);
		} else {
			// not known to be sent: the error says it may have been, and nothing was sent twice
			expect(`${json.error} ${json.description ?? ''}`).toMatch(/may have been/i);
			expect(times(items[i].message)).toBeLessThanOrEqual(1);
		}
	});
}, 240000);

test('the Queue Trigger drains 300 of 300 notifications three times in a row, nothing twice (n8n defaults)', async () => {
	await control('POST', 'reset');
	let previous = new Set();
	for (let round = 1; round <= DRAIN.rounds; round++) {
		const expected = Array.from({ length: DRAIN.notifications }, (_, i) => round * 1000 + i);
		const started = performance.now();
		for (let from = 0; from < expected.length; from += 100) {
			const notifications = expected.slice(from, from + 100).map((seq) => ({ typeWebhook: 'incomingMessageReceived', seq }));
			const sent = await control('POST', 'webhooks/green-api/batch', { notifications });
			expect(sent.every((entry) => entry.queued === true)).toBe(true);
		}
		const target = round * DRAIN.notifications;
		const queue = () => control('GET', 'queue');
		const list = await untilEnded(DRAIN.workflowId, target, {
			timeoutMs: 240000,
			// the emulator is asked first: polling n8n's executions would load the main process that runs the trigger
			extra: async () => (await queue()).length === 0,
			progress: async () => (await queue()).deleted.length,
			describe: async () => {
				const { length, received, deleted } = await queue();
				const calls = (await control('GET', 'log')).filter((entry) => ['receiveNotification', 'deleteNotification'].includes(entry.method));
				const last = calls.at(-1);
				return `round ${round}: queue length ${length} (receipts handed out: ${received.length}, deleted: ${deleted.length}); last queue call ${last ? `${last.method} ${Math.round((Date.now() - last.time) / 1000)} s ago` : 'none'}`;
			},
		});
		const drainMs = performance.now() - started;
		// nothing more arrives after the queue is empty
		await sleep(3000);
		const settled = await executions(DRAIN.workflowId);
		const fresh = settled.filter(({ id }) => !previous.has(id));
		const runs = await mapLimited(fresh, 6, async ({ id }) => {
			const { status, data } = await executionData(id);
			const [item] = data.resultData.runData[DRAIN.node]?.[0]?.data?.main?.[0] ?? data.executionData.nodeExecutionStack[0].data.main[0];
			return { status, seq: item.json.body.seq };
		});
		const seqs = runs.map((run) => run.seq).sort((a, b) => a - b);
		log(`queue trigger round ${round}: ${fresh.length} executions, drained in ${(drainMs / 1000).toFixed(1)} s (${((DRAIN.notifications / drainMs) * 1000).toFixed(1)} executions/s)`);
		expect(list.length).toBeGreaterThanOrEqual(target);
		expect(runs.filter((run) => run.status !== 'success')).toEqual([]);
		expect(seqs).toEqual(expected);
		previous = new Set(settled.map(({ id }) => id));
	}
}, 600000);

test('100 webhooks through the webhook processor, then 20 repeats to each process serving /webhook/', async () => {
	const instance = { idInstance: ID_INSTANCE, wid: WID, stateInstance: 'authorized' };
	const bodies = Array.from({ length: HOOKS.originals }, (_, i) => JSON.stringify(greenApiEnvelope({ typeWebhook: 'incomingMessageReceived', seq: i }, instance, 90000 + i)));
	const post = async (baseUrl, body) => {
		const response = await fetch(`${baseUrl}/webhook/${HOOKS.webhookId}/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.webhookSecret}` },
			body,
		});
		await response.text();
		return response.status;
	};
	const count = () => endedCount(stack.rest, HOOKS.workflowId);
	/** Waits until the count has not changed for 3 s (executions run on the workers after the 200). */
	const settledCount = async () => {
		let last = await count();
		for (let still = 0; still < 6; ) {
			await sleep(500);
			const now = await count();
			still = now === last ? still + 1 : 0;
			last = now;
		}
		return last;
	};
	// one at a time, as GREEN-API posts them
	const statuses = [];
	for (const body of bodies) statuses.push(await post(stack.webhookUrl, body));
	expect(statuses.filter((status) => status !== 200)).toEqual([]);
	await untilEnded(HOOKS.workflowId, HOOKS.originals, { timeoutMs: 120000, describe: async () => 'webhook originals' });
	const originals = await settledCount();

	/**
	 * The executions not in `seen`: how many started, their statuses, and the events (seq) of those that ran the node
	 * after the trigger (the event went on).
	 */
	const ranOn = async (seen) => {
		const fresh = (await executions(HOOKS.workflowId)).filter(({ id }) => !seen.has(id));
		const runs = await mapLimited(fresh, 6, async ({ id }) => {
			const { status, data } = await executionData(id);
			return { status, seq: data.resultData.runData['After Trigger']?.[0]?.data?.main?.[0]?.[0]?.json.body.seq };
		});
		const ran = runs.filter((run) => run.seq !== undefined).map((run) => run.seq);
		return { started: fresh.length, ranOn: ran.length, seqs: ran.sort((a, b) => a - b), failed: runs.filter((run) => run.status !== 'success'), ids: fresh.map(({ id }) => id) };
	};
	const original = await ranOn(new Set());
	// what n8n's deduplication store holds for the trigger: n8n keeps the md5 (base64) of each identity the package gives
	const { notificationIdentity } = stack.installedModule('dist/nodes/GreenApi/trigger/identity.js');
	const [row] = (await stack.sql(`SELECT value FROM processed_data WHERE "workflowId" = '${HOOKS.workflowId}'`)).split('\n');
	const stored = new Set(JSON.parse(row).data);
	const recorded = bodies.map((body) => stored.has(createHash('md5').update(notificationIdentity(JSON.parse(body))).digest('base64')));

	const repeatStatuses = [];
	for (const body of bodies.slice(0, HOOKS.repeats)) repeatStatuses.push(await post(stack.webhookUrl, body));
	await settledCount();
	const toWebhookProcessor = await ranOn(new Set(original.ids));
	for (const body of bodies.slice(0, HOOKS.repeats)) repeatStatuses.push(await post(stack.mainUrl, body));
	await settledCount();
	const toMain = await ranOn(new Set([...original.ids, ...toWebhookProcessor.ids]));
	const say = ({ started, ranOn: ran }) => `${started} executions started, ${ran} ran past the trigger`;
	log(
		`webhooks: ${HOOKS.originals} originals → ${say(original)}, ${recorded.filter(Boolean).length} recorded in n8n's deduplication store; ` +
			`${HOOKS.repeats} repeats to the webhook processor → ${say(toWebhookProcessor)}; ${HOOKS.repeats} repeats to main → ${say(toMain)}`,
	);

	expect(repeatStatuses.filter((status) => status !== 200)).toEqual([]);
	expect(originals).toBe(HOOKS.originals);
	// every event ran once, none failed at the trigger's store
	expect(original.failed).toEqual([]);
	expect(original.seqs).toEqual(bodies.map((_body, index) => index));
	// the store kept the events' records (each worker's executions take turns, and each worker writes again what two
	// workers' writes at the same moment lost, a second later: only the last second's events can be missing)
	expect(recorded.filter(Boolean).length).toBeGreaterThanOrEqual(95);
	// repeats to the process that took the originals start nothing
	expect(toWebhookProcessor).toMatchObject({ started: 0, ranOn: 0 });
	// main does not know what the webhook processor accepted and may start an execution for a repeat, but a repeat
	// whose first copy's execution recorded it goes no further than the trigger; one whose record two workers' writes
	// at the same moment lost runs again (README: repeated webhooks in queue mode)
	expect(toMain.started).toBeLessThanOrEqual(HOOKS.repeats);
	expect(toMain.failed).toEqual([]);
	expect(toMain.seqs).toEqual(bodies.slice(0, HOOKS.repeats).map((_body, index) => index).filter((index) => !recorded[index]));
}, 300000);
