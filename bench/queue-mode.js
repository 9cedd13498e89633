'use strict';
// Benchmarks in n8n's queue mode (issues 17 and 18), beside one n8n process running the same workflows
// (test/e2e/queue-mode-workflows):
//   - 4 executions × 500 Message › Send at once, the emulator's GREEN-API limits on (sendMessage 50/s, so 2,000
//     messages take at least 40 s): failed items, sendMessage requests per message, wall time against the floor;
//   - 300 notifications through the GREEN-API Queue Trigger (n8n's defaults): time to drain, executions/s.
// Queue mode: main + 2 workers (concurrency 5) + webhook processor, Redis, Postgres (test/e2e/queue-stack.js).
// Run: `npm run bench -- --only queueMode`. Returns { rows, raw }.
const path = require('node:path');

const { startStack } = require('../test/e2e/stack');
const { startQueueStack, allExecutions, endedCount } = require('../test/e2e/queue-stack');
const { SEED } = require('../test/emulator/server');
const { median, log, sleep, ROUNDS, runAlone } = require('./common');

const WORKFLOWS = path.join(__dirname, '..', 'test', 'e2e', 'queue-mode-workflows');
const SENDS = { workflowId: 'e2eQueueSends001', path: 'queue-sends', executions: 4, items: 500 };
const DRAIN = { workflowId: 'e2eQueueDrain001', notifications: 300 };
const FLOOR_MS = ((SENDS.executions * SENDS.items) / 50) * 1000;

/** No new execution for this long: the run has stalled (recorded as such, not waited out). */
const STALL_MS = 60000;

/**
 * Polls until `extra()` holds (asked first: the emulator is cheaper to ask than n8n's main) and the workflow has
 * `target.count` ended executions. Returns { stalled }: true when nothing new ended for STALL_MS.
 */
async function reach(target, workflowId, extra = async () => true) {
	let seen = -1;
	let progressAt = Date.now();
	for (;;) {
		const ready = await extra();
		const count = await endedCount(target.rest, workflowId);
		if (ready && count >= target.count) return { stalled: false };
		if (count !== seen) [seen, progressAt] = [count, Date.now()];
		if (Date.now() - progressAt > STALL_MS) return { stalled: true };
		await sleep(250);
	}
}

async function sends(side, round) {
	const { control, rest, webhookUrl, flatted } = side;
	await control('POST', 'reset');
	await control('POST', 'rate-limits', { enabled: true });
	const chats = [SEED.personalChatId, SEED.groupId, SEED.lidChatId];
	const before = (await allExecutions(rest, SENDS.workflowId)).map(({ id }) => id);
	const started = performance.now();
	await Promise.all(
		Array.from({ length: SENDS.executions }, (_, run) => {
			const items = Array.from({ length: SENDS.items }, (_, i) => ({ chatId: chats[i % chats.length], message: `bench ${round} run ${run} message ${i}` }));
			return fetch(`${webhookUrl}/webhook/${SENDS.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
		}),
	);
	const { stalled } = await reach({ rest, count: before.length + SENDS.executions }, SENDS.workflowId);
	if (stalled) throw new Error(`${side.label}: the ${SENDS.executions} send executions stalled`);
	const ms = performance.now() - started;
	const list = await allExecutions(rest, SENDS.workflowId);
	await control('POST', 'rate-limits', { enabled: false });
	let failed = 0;
	for (const { id } of list.filter((execution) => !before.includes(execution.id))) {
		const execution = await rest.get(`/executions/${id}`);
		const items = flatted.parse(execution.data).resultData.runData.Send?.[0]?.data?.main?.[0] ?? [];
		failed += SENDS.items - items.filter((item) => item.json.error === undefined).length;
	}
	const stats = (await control('GET', 'stats')).byMethod.sendMessage ?? { total: 0 };
	const accepted = (await control('GET', 'accepted')).sendMessage ?? { accepted: 0, distinct: 0 };
	const result = {
		ms,
		failed,
		requestsPerMessage: stats.total / (SENDS.executions * SENDS.items),
		tooMany: stats['429'] ?? 0,
		acceptedTwice: accepted.accepted - accepted.distinct,
	};
	log(`${side.label} sends round ${round}: ${(ms / 1000).toFixed(1)} s, ${failed} failed, ${result.requestsPerMessage.toFixed(3)} requests/message, ${result.tooMany} × 429, ${result.acceptedTwice} accepted twice`);
	return result;
}

async function drain(side, round) {
	const { control, rest } = side;
	await control('POST', 'reset');
	const before = await endedCount(rest, DRAIN.workflowId);
	const started = performance.now();
	for (let from = 0; from < DRAIN.notifications; from += 100) {
		const notifications = Array.from({ length: Math.min(100, DRAIN.notifications - from) }, (_, i) => ({ typeWebhook: 'incomingMessageReceived', seq: from + i }));
		await control('POST', 'webhooks/green-api/batch', { notifications });
	}
	const emptied = async () => (await control('GET', 'queue')).length === 0;
	const { stalled } = await reach({ rest, count: before + DRAIN.notifications }, DRAIN.workflowId, emptied);
	const ms = performance.now() - started - (stalled ? STALL_MS : 0);
	await sleep(2000);
	const executions = (await endedCount(rest, DRAIN.workflowId)) - before;
	const result = { ms, perSecond: (executions / ms) * 1000, executions, stalled };
	log(`${side.label} queue trigger round ${round}: ${stalled ? `STALLED after ${executions} of ${DRAIN.notifications}` : `${(ms / 1000).toFixed(1)} s`}, ${result.perSecond.toFixed(1)} executions/s, ${executions} executions`);
	return result;
}

/** Both measures on one kind of stack, ROUNDS rounds after a warm-up of each. */
async function measure(side) {
	await sends(side, 'warm-up');
	await drain(side, 'warm-up');
	const raw = { sends: [], drain: [] };
	for (let round = 1; round <= ROUNDS; round++) {
		raw.sends.push(await sends(side, round));
		raw.drain.push(await drain(side, round));
	}
	return raw;
}

async function onQueueMode() {
	const stack = await startQueueStack({ workflowsDir: WORKFLOWS, emulatorOptions: { logLimit: 1000000 } });
	try {
		const flatted = require(path.join(stack.runtime.runtimeDir, 'node_modules', 'flatted'));
		return await measure({ label: 'queue mode', control: stack.control, rest: stack.rest, webhookUrl: stack.webhookUrl, flatted });
	} finally {
		await stack.stop();
	}
}

async function onOneProcess() {
	const stack = await startStack({ workflowsDir: WORKFLOWS, emulatorOptions: { logLimit: 1000000 } });
	try {
		const flatted = require(path.join(stack.runtime.runtimeDir, 'node_modules', 'flatted'));
		return await measure({ label: 'one process', control: stack.control, rest: stack.rest, webhookUrl: stack.n8nUrl, flatted });
	} finally {
		await stack.stop();
	}
}

async function run() {
	const raw = { queueMode: await onQueueMode(), oneProcess: await onOneProcess() };
	const m = (side, measure, key) => median(raw[side][measure].map((r) => r[key]));
	const runs = (side, measure, key, digits = 0) => raw[side][measure].map((r) => r[key].toFixed(digits)).join(', ');
	/** The median drain time, or how many runs stalled (no new execution for a minute) and after how many. */
	const drained = (side) => {
		const stalls = raw[side].drain.filter((r) => r.stalled);
		if (stalls.length === 0) return `${(m(side, 'drain', 'ms') / 1000).toFixed(1)} s`;
		return `stalled in ${stalls.length} of ${raw[side].drain.length} runs (after ${stalls.map((r) => r.executions).join(', ')})`;
	};
	const rows = [
		[`Queue mode: ${SENDS.executions} executions × ${SENDS.items} Message › Send at once, emulator limits on (sendMessage 50/s, floor ${FLOOR_MS / 1000} s); main + 2 workers (concurrency 5) + webhook processor`, '', '', ''],
		['  failed items', String(m('queueMode', 'sends', 'failed')), `runs: ${runs('queueMode', 'sends', 'failed')}`, 'goal 0'],
		['  sendMessage requests per message', m('queueMode', 'sends', 'requestsPerMessage').toFixed(3), `429 answers: ${runs('queueMode', 'sends', 'tooMany')}; accepted twice: ${runs('queueMode', 'sends', 'acceptedTwice')}`, 'goal ≤ 1.1, none twice'],
		['  wall time', `${(m('queueMode', 'sends', 'ms') / 1000).toFixed(1)} s`, `${(m('queueMode', 'sends', 'ms') / FLOOR_MS).toFixed(3)} × floor`, 'goal ≤ 1.2 × floor'],
		['  beside it, one n8n process: failed items / requests per message', `${m('oneProcess', 'sends', 'failed')} / ${m('oneProcess', 'sends', 'requestsPerMessage').toFixed(3)}`, `429 answers: ${runs('oneProcess', 'sends', 'tooMany')}`, ''],
		['  beside it, one n8n process: wall time', `${(m('oneProcess', 'sends', 'ms') / 1000).toFixed(1)} s`, `${(m('oneProcess', 'sends', 'ms') / FLOOR_MS).toFixed(3)} × floor`, ''],
		[`Queue mode: ${DRAIN.notifications} notifications through the GREEN-API Queue Trigger (n8n's defaults)`, '', '', ''],
		['  time to drain', drained('queueMode'), `${m('queueMode', 'drain', 'perSecond').toFixed(1)} executions/s; executions per run: ${runs('queueMode', 'drain', 'executions')}`, `${DRAIN.notifications} each, never a stall`],
		['  beside it, one n8n process', drained('oneProcess'), `${m('oneProcess', 'drain', 'perSecond').toFixed(1)} executions/s; executions per run: ${runs('oneProcess', 'drain', 'executions')}`, ''],
	];
	return { rows, raw };
}

module.exports = { run };

if (require.main === module) runAlone(run);
