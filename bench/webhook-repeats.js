'use strict';
// The GREEN-API Trigger's repeat check under load, in the real n8n 2.41.1 (one process, SQLite):
//   - rounds of 1,000 distinct webhooks from 8 senders at once: webhooks accepted per second, executions ended per
//     second, and how long after the last webhook was answered the last execution ended (what the trigger's turns at
//     n8n's deduplication store cost: executions waiting for the store fall behind the webhooks);
//   - after a kill -9 and a restart (nothing in memory), the last round's 1,000 sent again: how many ran past the
//     trigger (each must stop there: the store kept them all).
// Run: `npm run bench -- --only webhookRepeats`, or `node bench/webhook-repeats.js` to print the table only.
// Returns { rows, raw }.
const path = require('node:path');

const { startStack } = require('../test/e2e/stack');
const { incomingTextWebhook } = require('../test/emulator/webhooks');
const { allExecutions, endedCount } = require('../test/e2e/queue-stack');
const { median, log, sleep, ROUNDS, runAlone } = require('./common');

const EVENTS = 1000;
const SENDERS = 8;
const WORKFLOW = { workflowId: 'e2eWebhookConcur', webhookId: '7d1e5c3a-0104-4b00-9000-000000000104' };

let stack;

/** Posts every body, SENDERS at a time; fails on any answer but 200. */
async function postAll(bodies) {
	const url = `${stack.n8nUrl}/webhook/${WORKFLOW.webhookId}/webhook`;
	let next = 0;
	await Promise.all(
		Array.from({ length: SENDERS }, async () => {
			while (next < bodies.length) {
				const body = bodies[next++];
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.webhookSecret}` }, body });
				await response.text();
				if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
			}
		}),
	);
}

async function untilEnded(target) {
	const deadline = Date.now() + 300000;
	while ((await endedCount(stack.rest, WORKFLOW.workflowId)) < target) {
		if (Date.now() > deadline) throw new Error(`fewer than ${target} executions ended in 5 minutes`);
		await sleep(100);
	}
	return performance.now();
}

async function round(label, count) {
	const before = await endedCount(stack.rest, WORKFLOW.workflowId);
	const bodies = Array.from({ length: count }, (_, index) => JSON.stringify(incomingTextWebhook(`${label}-${index}`)));
	const started = performance.now();
	await postAll(bodies);
	const accepted = performance.now();
	const ended = await untilEnded(before + count);
	const result = { acceptedPerSecond: (count / (accepted - started)) * 1000, endedPerSecond: (count / (ended - started)) * 1000, lagMs: ended - accepted, bodies };
	log(`webhook repeats ${label}: ${result.acceptedPerSecond.toFixed(1)} accepted/s, ${result.endedPerSecond.toFixed(1)} executions/s, last execution ended ${result.lagMs.toFixed(0)} ms after the last answer`);
	return result;
}

/** Whether an execution ran the node after the trigger. */
async function ranOn(id) {
	return (await stack.rest.get(`/executions/${id}`)).data.includes('"After Trigger"');
}

async function run() {
	stack = await startStack({ workflowsDir: path.join(__dirname, '..', 'test', 'e2e', 'webhook-trigger-workflows') });
	try {
		await round('warm-up', EVENTS / 10);
		const rounds = [];
		for (let index = 1; index <= ROUNDS; index++) rounds.push(await round(`round ${index}`, EVENTS));
		await stack.killAndRestart();
		const before = await endedCount(stack.rest, WORKFLOW.workflowId);
		await postAll(rounds.at(-1).bodies);
		await untilEnded(before + EVENTS);
		// newest first: the repeats
		const repeats = (await allExecutions(stack.rest, WORKFLOW.workflowId)).slice(0, EVENTS);
		let ran = 0;
		for (let index = 0; index < EVENTS; index += SENDERS) {
			ran += (await Promise.all(repeats.slice(index, index + SENDERS).map(({ id }) => ranOn(id)))).filter(Boolean).length;
		}
		log(`webhook repeats after kill -9: ${EVENTS} repeats, ${ran} ran past the trigger`);
		const raw = { rounds: rounds.map(({ bodies, ...figures }) => figures), repeats: { sent: EVENTS, ranPastTrigger: ran } };
		const figure = (key, digits = 1) => median(raw.rounds.map((r) => r[key])).toFixed(digits);
		const rows = [
			[`GREEN-API Trigger: ${EVENTS} distinct webhooks, ${SENDERS} senders at once, one n8n process`, '', '', ''],
			['  webhooks answered', `${figure('acceptedPerSecond')}/s`, `runs: ${raw.rounds.map((r) => r.acceptedPerSecond.toFixed(1)).join(', ')}`, ''],
			['  executions ended', `${figure('endedPerSecond')}/s`, `runs: ${raw.rounds.map((r) => r.endedPerSecond.toFixed(1)).join(', ')}`, ''],
			['  last execution ended after the last answer', `${figure('lagMs', 0)} ms`, `runs: ${raw.rounds.map((r) => r.lagMs.toFixed(0)).join(', ')} ms`, "what waiting for n8n's deduplication store costs"],
			[`  after kill -9 and restart: the last ${EVENTS} sent again`, `${ran} ran past the trigger`, `${EVENTS} executions started`, 'goal 0'],
		];
		return { rows, raw };
	} finally {
		await stack.stop();
	}
}

module.exports = { run };

if (require.main === module) runAlone(run);
