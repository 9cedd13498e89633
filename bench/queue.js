'use strict';
// Benchmarks for the GREEN-API Queue Trigger (issue 13), in the real n8n 2.41.1 against the emulator:
//   - 2,000 notifications through the HTTP API queue, against the same 2,000 delivered as webhooks to the GREEN-API
//     Trigger the way GREEN-API delivers them (one at a time, each after the previous was answered): executions/s;
//   - latency from enqueue to execution start when idle (each trigger waiting), p50 and p90;
//   - getChats calls per hour at the default period (one minute), measured in the same n8n over the whole run, and
//     the most calls seen in any one second (GREEN-API's limit: 1).
// Run: `npm run bench -- --only queue`, or `node bench/queue.js` to print the table without writing BENCHMARKS.md.
// Returns { rows, raw }.
const path = require('node:path');

const { startStack, freePort } = require('../test/e2e/stack');
const { median, percentile, log, sleep, ROUNDS, runAlone } = require('./common');

const NOTIFICATIONS = 2000;
const LATENCY_SAMPLES = 20;
const QUEUE = { workflowId: 'benchQueueTrig01' };
const WEBHOOK = { workflowId: 'benchQueueWebh01', webhookId: 'b0000000-0000-4000-8000-0000000000a1' };

let stack;

const control = (...args) => stack.control(...args);

async function setWebhookUrl(webhookUrl) {
	const { emulator } = stack;
	await fetch(`${emulator.url}/waInstance${emulator.idInstance}/setSettings/${emulator.apiTokenInstance}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ webhookUrl, webhookUrlToken: '' }),
	});
}

async function executions(workflowId, limit = 1) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return await stack.rest.get(`/executions?filter=${filter}&limit=${limit}`);
}

const executionCount = async (workflowId) => (await executions(workflowId)).count;

/** Polls until the workflow has `target` executions; the time it got there, in ms (performance.now()). */
async function reach(workflowId, target, timeoutMs = 600000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const count = await executionCount(workflowId);
		if (count >= target) return { at: performance.now(), count };
		if (Date.now() > deadline) throw new Error(`${workflowId}: ${count} of ${target} executions after ${timeoutMs} ms`);
		await sleep(100);
	}
}

const notifications = (count) => Array.from({ length: count }, () => ({ typeWebhook: 'incomingMessageReceived' }));

/** Hands `count` notifications to the emulator in order: queued, or sent to the webhook one at a time. */
async function deliver(count) {
	for (let sent = 0; sent < count; sent += 100) {
		await control('POST', 'webhooks/green-api/batch', { notifications: notifications(Math.min(100, count - sent)) });
	}
}

const SIDES = {
	queue: { label: 'GREEN-API Queue Trigger (HTTP API queue)', workflowId: QUEUE.workflowId, webhookUrl: () => '' },
	webhook: {
		label: 'GREEN-API Trigger (webhooks, one at a time as GREEN-API sends them)',
		workflowId: WEBHOOK.workflowId,
		webhookUrl: () => `${stack.n8nUrl}/webhook/${WEBHOOK.webhookId}/webhook`,
	},
};

async function throughput(sideName, round) {
	const side = SIDES[sideName];
	const count = round === 'warm-up' ? NOTIFICATIONS / 4 : NOTIFICATIONS;
	await setWebhookUrl(side.webhookUrl());
	const before = await executionCount(side.workflowId);
	const started = performance.now();
	// queued notifications are received while the rest are still being queued, as in real use
	const delivered = deliver(count);
	const { at, count: after } = await reach(side.workflowId, before + count);
	await delivered;
	await sleep(1000);
	const executionsRun = (await executionCount(side.workflowId)) - before;
	const perSecond = (count / (at - started)) * 1000;
	log(`queue bench round ${round} ${sideName}: ${perSecond.toFixed(1)} executions/s, ${executionsRun} executions (${after - before} when counted)`);
	return { perSecond, executions: executionsRun };
}

/** One notification at a time into an idle trigger: ms from handing it over to n8n's execution start. */
async function idleLatency(sideName) {
	const side = SIDES[sideName];
	await setWebhookUrl(side.webhookUrl());
	await sleep(2000);
	const latencies = [];
	for (let i = 0; i < LATENCY_SAMPLES; i++) {
		const before = await executionCount(side.workflowId);
		const sentAt = Date.now();
		await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
		await reach(side.workflowId, before + 1, 60000);
		const [latest] = (await executions(side.workflowId)).results;
		latencies.push(new Date(latest.startedAt).getTime() - sentAt);
		// idle again: the queue trigger back in its long poll
		await sleep(300 + ((i * 137) % 700));
	}
	log(`idle latency ${sideName}: p50 ${median(latencies)} ms`);
	return latencies;
}

async function run() {
	const startedAt = Date.now();
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'queue-workflows'),
		emulatorOptions: { logLimit: 1000000 },
		beforeStart: async (instance) => Object.assign(instance.env, { N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
	});
	try {
		const raw = { queue: [], webhook: [] };
		for (const side of ['queue', 'webhook']) await throughput(side, 'warm-up');
		for (let round = 1; round <= ROUNDS; round++) {
			for (const side of round % 2 ? ['queue', 'webhook'] : ['webhook', 'queue']) raw[side].push(await throughput(side, round));
		}
		raw.latency = { queue: await idleLatency('queue'), webhook: await idleLatency('webhook') };
		await setWebhookUrl('');

		const calls = (await control('GET', 'log')).filter((entry) => entry.method === 'getChats').map((entry) => entry.time);
		const perSecond = new Map();
		for (const time of calls) perSecond.set(Math.floor(time / 1000), (perSecond.get(Math.floor(time / 1000)) ?? 0) + 1);
		const spanHours = (calls.at(-1) - calls[0]) / 3600000;
		raw.getChats = { calls: calls.length, firstAt: calls[0], lastAt: calls.at(-1), runMinutes: (Date.now() - startedAt) / 60000 };
		const perHour = calls.length > 1 ? (calls.length - 1) / spanHours : NaN;

		const queueRate = median(raw.queue.map((r) => r.perSecond));
		const webhookRate = median(raw.webhook.map((r) => r.perSecond));
		const rows = [
			[`Queue: ${NOTIFICATIONS} notifications`, `${queueRate.toFixed(1)} executions/s`, `executions per run: ${raw.queue.map((r) => r.executions).join(', ')}`, 'receive → execution run → delete, one at a time'],
			[`Webhooks: the same ${NOTIFICATIONS}, GREEN-API Trigger`, `${webhookRate.toFixed(1)} executions/s`, `executions per run: ${raw.webhook.map((r) => r.executions).join(', ')}`, 'the emulator posts one at a time, as GREEN-API does'],
			['ratio queue / webhooks', (queueRate / webhookRate).toFixed(3), '', 'goal ≥ 0.9'],
			['idle latency, enqueue → execution start (queue)', `p50 ${median(raw.latency.queue)} ms`, `p90 ${percentile(raw.latency.queue, 90)} ms, ${LATENCY_SAMPLES} samples`, 'goal p50 < 1 s'],
			['idle latency, send → execution start (webhooks)', `p50 ${median(raw.latency.webhook)} ms`, `p90 ${percentile(raw.latency.webhook, 90)} ms`, 'for reference'],
			[
				'getChats calls per hour, default period (1 min)',
				perHour.toFixed(1),
				`measured: ${calls.length} calls in ${(spanHours * 60).toFixed(1)} min of real time; at most ${Math.max(...perSecond.values())} in any second`,
				'goal 60, never above 1/s',
			],
		];
		return { rows, raw };
	} finally {
		await stack.stop();
	}
}

module.exports = { run };

if (require.main === module) runAlone(run);
