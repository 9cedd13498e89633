'use strict';
// `npm run bench`: the GREEN-API node and trigger against what a user would pick instead (n8n's HTTP Request and
// Webhook nodes), in one real n8n 2.41.1 against the GREEN-API emulator. Each comparison alternates both sides for
// ROUNDS rounds and reports medians and the ratio. Prints a table and writes BENCHMARKS.md.
const { execFileSync } = require('node:child_process');
const { createHmac } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const { startStack, ROOT } = require('../test/e2e/stack');
const { N8N_VERSION, NODE_VERSION } = require('../test/e2e/runtime');
const { SEED } = require('../test/emulator/server');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BULK_ITEMS = 200;
const ROUNDTRIP_ITEMS = 1000; // archive + unarchive: 2,000 calls
const WEBHOOKS = 2000;
const SENDERS = 8;
const HISTORY = 20000;

/**
 * The trigger comparison runs in n8n as installed (defaults), then in two settings that explain the result: n8n
 * acquires an expression isolate for every webhook request except for its own Webhook node, which it exempts
 * (allowWebhookIsolateSkip); turning the exemption off puts both nodes on equal terms, and lazy acquisition removes
 * the cost for both.
 */
const TRIGGER_SETTINGS = [
	{ label: 'n8n defaults', env: {} },
	{ label: 'N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false', env: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' } },
	{ label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
];

const TRIGGER_NOTE = `Reading the trigger rows: for every webhook request n8n 2.41 acquires an expression-engine isolate before it calls the trigger node, except when the node is its own Webhook node (\`webhookPhaseNeedsIsolate\` in n8n's \`webhooks/live-webhooks.js\`). With the default pool of one isolate and ${SENDERS} senders, most requests create and dispose one, which costs several milliseconds of CPU. No community trigger can avoid it. With the exemption turned off, both nodes pay it and the ratio shows the nodes' own cost; with lazy acquisition neither pays it.`;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

let stack;

async function control(method, route, body) {
	const response = await fetch(`${stack.emulator.url}/__control/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

async function runWebhook(webhookPath, body) {
	const started = performance.now();
	const response = await fetch(`${stack.n8nUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	const ms = performance.now() - started;
	if (!response.ok) throw new Error(`${webhookPath} answered ${response.status}: ${text.slice(0, 500)}`);
	return { ms, items: text ? JSON.parse(text) : [] };
}

/** Chats that can be archived (not archived, with messages): the same list for both sides. */
async function archivableChats(count) {
	const state = await control('GET', 'state');
	const chats = state.chats.filter((chat) => !chat.archive && chat.messages > 0).slice(0, count);
	if (chats.length < count) throw new Error(`the emulator has only ${chats.length} archivable chats`);
	const base = `${stack.emulator.url}/waInstance${stack.emulator.idInstance}`;
	return chats.map(({ id }) => ({
		chatId: id,
		archiveUrl: `${base}/archiveChat/${stack.emulator.apiTokenInstance}`,
		unarchiveUrl: `${base}/unarchiveChat/${stack.emulator.apiTokenInstance}`,
	}));
}

async function bulkAtRateLimit() {
	const results = { greenApi: [], httpRequest: [] };
	for (let round = 1; round <= ROUNDS; round++) {
		for (const [side, webhookPath] of [
			['greenApi', 'bench-ga-archive'],
			['httpRequest', 'bench-http-archive'],
		]) {
			await control('POST', 'reset');
			await control('POST', 'rate-limits', { enabled: true });
			const items = await archivableChats(BULK_ITEMS);
			const { ms, items: output } = await runWebhook(webhookPath, { items });
			const stats = await control('GET', 'stats');
			const failed = output.filter((item) => item.error !== undefined).length;
			results[side].push({ ms, failed, tooMany: stats.byStatus['429'] ?? 0, calls: stats.total });
			log(`bulk round ${round} ${side}: ${(ms / 1000).toFixed(2)} s, ${failed} failed, ${stats.byStatus['429'] ?? 0} × 429`);
		}
	}
	await control('POST', 'rate-limits', { enabled: false });
	return results;
}

/** The same archive/unarchive calls from plain Node over one keep-alive connection: the floor. */
async function rawLoop(items) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const call = (url, chatId) =>
		new Promise((resolve, reject) => {
			const body = JSON.stringify({ chatId });
			const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
				response.resume();
				response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
			});
			request.on('error', reject);
			request.end(body);
		});
	const started = performance.now();
	for (const item of items) await call(item.archiveUrl, item.chatId);
	for (const item of items) await call(item.unarchiveUrl, item.chatId);
	const ms = performance.now() - started;
	agent.destroy();
	return ms;
}

async function perItemOverhead() {
	await control('POST', 'reset');
	const items = await archivableChats(ROUNDTRIP_ITEMS);
	const results = { greenApi: [], httpRequest: [], raw: [] };
	for (let round = 1; round <= ROUNDS; round++) {
		for (const [side, webhookPath] of [
			['greenApi', 'bench-ga-roundtrip'],
			['httpRequest', 'bench-http-roundtrip'],
		]) {
			await control('DELETE', 'log');
			const { ms } = await runWebhook(webhookPath, { items });
			const stats = await control('GET', 'stats');
			if (stats.byStatus['200'] !== 2 * ROUNDTRIP_ITEMS) throw new Error(`${side}: ${JSON.stringify(stats.byStatus)}`);
			results[side].push(ms);
			log(`overhead round ${round} ${side}: ${(ms / 1000).toFixed(2)} s for ${2 * ROUNDTRIP_ITEMS} calls`);
		}
		await control('DELETE', 'log');
		results.raw.push(await rawLoop(items));
	}
	return results;
}

async function executionCount(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return (await stack.rest.get(`/executions?filter=${filter}&limit=1`)).count;
}

async function waitForExecutions(workflowId, expected) {
	const deadline = Date.now() + 120000;
	let count = await executionCount(workflowId);
	while (count < expected && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		count = await executionCount(workflowId);
	}
	await new Promise((resolve) => setTimeout(resolve, 1000));
	return await executionCount(workflowId);
}

async function postAll(url, requests) {
	const latencies = [];
	let next = 0;
	let refused = 0;
	const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
	const send = ({ body, headers }) =>
		new Promise((resolve, reject) => {
			const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode));
			});
			request.on('error', reject);
			request.end(body);
		});
	const started = performance.now();
	await Promise.all(
		Array.from({ length: SENDERS }, async () => {
			while (next < requests.length) {
				const request = requests[next++];
				const sentAt = performance.now();
				const status = await send(request);
				latencies.push(performance.now() - sentAt);
				if (status !== 200) refused++;
			}
		}),
	);
	const ms = performance.now() - started;
	agent.destroy();
	return { ms, latencies, refused };
}

function wahaRequests(count, key) {
	return Array.from({ length: count }, (_, index) => {
		const body = JSON.stringify({
			id: `evt_bench_${index}`,
			timestamp: Date.now(),
			event: 'chat.archive',
			session: 'default',
			payload: { id: SEED.personalChatId, timestamp: Math.floor(Date.now() / 1000), archived: index % 2 === 0 },
		});
		const headers = key
			? { 'x-webhook-hmac': createHmac('sha512', key).update(body).digest('hex'), 'x-webhook-hmac-algorithm': 'sha512', 'x-webhook-timestamp': String(Date.now()) }
			: {};
		return { body, headers };
	});
}

async function triggerThroughput() {
	const sides = [
		['greenApiTrigger', 'benchTriggerGa01', `${stack.n8nUrl}/webhook/b0000000-0000-4000-8000-000000000001/webhook`, stack.webhookSecret],
		['webhookNode', 'benchTriggerWh01', `${stack.n8nUrl}/webhook/bench-webhook-node`, undefined],
	];
	const results = { greenApiTrigger: [], webhookNode: [] };
	for (let round = 1; round <= ROUNDS; round++) {
		for (const [side, workflowId, url, key] of sides) {
			const before = await executionCount(workflowId);
			const requests = wahaRequests(WEBHOOKS, key);
			const { ms, latencies, refused } = await postAll(url, requests);
			const executions = (await waitForExecutions(workflowId, before + WEBHOOKS)) - before;
			const perSecond = (WEBHOOKS / ms) * 1000;
			results[side].push({ perSecond, p50: percentile(latencies, 50), p99: percentile(latencies, 99), refused, executions });
			log(`trigger round ${round} ${side}: ${perSecond.toFixed(0)}/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${executions} executions, ${refused} refused`);
		}
	}
	return results;
}

function verificationMicrobenchmark() {
	const { verifyHmac } = require(path.join(ROOT, 'dist/nodes/GreenApi/GreenApiTriggerHelpers.js'));
	const key = 'bench-key-0123456789abcdef';
	const [{ body, headers }] = wahaRequests(1, key);
	const raw = Buffer.from(body);
	const now = Date.now();
	const runs = 100000;
	for (let i = 0; i < 10000; i++) verifyHmac(raw, headers, key, now);
	const started = process.hrtime.bigint();
	for (let i = 0; i < runs; i++) if (!verifyHmac(raw, headers, key, now).ok) throw new Error('verification failed');
	return Number(process.hrtime.bigint() - started) / 1000 / runs;
}

function rssKb(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

async function historySize() {
	await control('POST', 'reset');
	const direct = await fetch(`${stack.emulator.url}/waInstance${stack.emulator.idInstance}/getChatHistory/${stack.emulator.apiTokenInstance}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ chatId: SEED.bigHistoryChatId, count: HISTORY }),
	});
	const jsonBytes = Buffer.byteLength(await direct.text());
	const results = [];
	for (let round = 1; round <= ROUNDS; round++) {
		await new Promise((resolve) => setTimeout(resolve, 2000)); // getChatHistory: 1 per second
		if (global.gc) global.gc();
		const baseline = rssKb(stack.pid);
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, rssKb(stack.pid));
		}, 5);
		const { ms } = await runWebhook('bench-ga-history', { chatId: SEED.bigHistoryChatId, limit: HISTORY });
		clearInterval(sampler);
		peak = Math.max(peak, rssKb(stack.pid));
		const growth = (peak - baseline) * 1024;
		results.push({ ms, growth, ratio: growth / jsonBytes });
		log(`history round ${round}: ${(ms / 1000).toFixed(2)} s, RSS growth ${(growth / 1048576).toFixed(1)} MB (${(growth / jsonBytes).toFixed(2)} × the JSON)`);
	}
	return { jsonBytes, results };
}

function footprint() {
	const { packed } = stack;
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const requireTimes = Array.from({ length: 7 }, () =>
		Number(
			execFileSync(
				stack.runtime.nodeBin,
				[
					'-e',
					`require('n8n-workflow');const t=process.hrtime.bigint();for(const f of ${JSON.stringify(manifest.n8n.nodes.concat(manifest.n8n.credentials))})require(${JSON.stringify(ROOT)}+'/'+f);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
				],
				{ cwd: ROOT, encoding: 'utf8' },
			),
		),
	);
	return {
		tarballBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		files: packed.entryCount,
		runtimeDependencies: Object.keys(manifest.dependencies ?? {}).length,
		requireMs: median(requireTimes),
	};
}

function report(all) {
	const { bulk, overhead, trigger, microUs, history, size } = all;
	const m = (values, key) => median(values.map((value) => (key ? value[key] : value)));
	const floorMs = (BULK_ITEMS / 10) * 1000;
	const rows = [
		['1. Bulk: 200 Archive items, emulator limits on (archiveChat 10/s, floor 20 s)', '', '', ''],
		['  GREEN-API node: wall time', `${(m(bulk.greenApi, 'ms') / 1000).toFixed(2)} s`, `${(m(bulk.greenApi, 'ms') / floorMs).toFixed(3)} × floor`, 'goal ≤ 1.10 × floor'],
		['  GREEN-API node: failed items / 429 answers', `${m(bulk.greenApi, 'failed')} / ${m(bulk.greenApi, 'tooMany')}`, '', 'goal 0 / 0'],
		['  HTTP Request node: wall time', `${(m(bulk.httpRequest, 'ms') / 1000).toFixed(2)} s`, '', ''],
		['  HTTP Request node: failed items / 429 answers', `${m(bulk.httpRequest, 'failed')} / ${m(bulk.httpRequest, 'tooMany')}`, '', ''],
		['2. Overhead: 2,000 Archive/Unarchive calls, limits off', '', '', ''],
		['  GREEN-API node', `${(m(overhead.greenApi) / 1000).toFixed(2)} s`, `${((m(overhead.greenApi) / 2000) * 1000).toFixed(0)} µs/call`, ''],
		['  HTTP Request node', `${(m(overhead.httpRequest) / 1000).toFixed(2)} s`, `${((m(overhead.httpRequest) / 2000) * 1000).toFixed(0)} µs/call`, ''],
		['  ratio GREEN-API / HTTP Request', (m(overhead.greenApi) / m(overhead.httpRequest)).toFixed(3), '', 'goal ≤ 1.00'],
		['  floor: plain Node, one keep-alive connection, sequential', `${(m(overhead.raw) / 1000).toFixed(2)} s`, `${((m(overhead.raw) / 2000) * 1000).toFixed(0)} µs/call`, ''],
		[`3. Trigger: ${WEBHOOKS} chat.archive webhooks, ${SENDERS} senders`, '', '', ''],
		...trigger.flatMap(({ label, results }) => [
			[`  ${label}`, '', '', ''],
			['    GREEN-API Trigger (HMAC on): accepted/s', m(results.greenApiTrigger, 'perSecond').toFixed(0), `p50 ${m(results.greenApiTrigger, 'p50').toFixed(1)} ms, p99 ${m(results.greenApiTrigger, 'p99').toFixed(1)} ms`, `executions per run: ${results.greenApiTrigger.map((r) => r.executions).join(', ')}`],
			['    Webhook node: accepted/s', m(results.webhookNode, 'perSecond').toFixed(0), `p50 ${m(results.webhookNode, 'p50').toFixed(1)} ms, p99 ${m(results.webhookNode, 'p99').toFixed(1)} ms`, `executions per run: ${results.webhookNode.map((r) => r.executions).join(', ')}`],
			['    ratio GREEN-API Trigger / Webhook node', (m(results.greenApiTrigger, 'perSecond') / m(results.webhookNode, 'perSecond')).toFixed(3), '', 'goal ≥ 0.95'],
		]),
		['  verification step alone (HMAC-SHA512, one event)', `${microUs.toFixed(2)} µs`, '', 'goal < 20 µs'],
		[`4. Get History of ${HISTORY} messages (${(history.jsonBytes / 1048576).toFixed(2)} MB of JSON)`, '', '', ''],
		['  time', `${(m(history.results, 'ms') / 1000).toFixed(2)} s`, '', ''],
		['  n8n peak RSS growth', `${(m(history.results, 'growth') / 1048576).toFixed(1)} MB`, `${m(history.results, 'ratio').toFixed(2)} × the JSON`, 'goal < 3 ×'],
		['5. Footprint', '', '', ''],
		['  packed tarball', `${(size.tarballBytes / 1024).toFixed(1)} KB`, `${size.files} files, ${(size.unpackedBytes / 1024).toFixed(1)} KB unpacked`, 'goal < 60 KB'],
		['  runtime dependencies', String(size.runtimeDependencies), '', 'goal 0'],
		['  require() of the built nodes and credentials (n8n-workflow loaded)', `${size.requireMs.toFixed(1)} ms`, '', 'goal < 30 ms'],
	];
	const table = ['| measure | value | detail | goal / note |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
	const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; bench driver on Node ${process.version}; n8n ${N8N_VERSION} on Node ${NODE_VERSION}; ${ROUNDS} rounds per comparison, alternating sides, medians shown`;
	return { table, machine };
}

async function withStack(env, run) {
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'workflows'),
		emulatorOptions: { chatCount: 1600, historySize: HISTORY, logLimit: 1000000 },
		beforeStart: (instance) => Object.assign(instance.env, env),
	});
	try {
		return await run();
	} finally {
		await stack.stop();
	}
}

async function main() {
	log('starting the emulator and n8n (first run installs n8n: about 8 minutes)');
	const all = { trigger: [] };
	await withStack({}, async () => {
		all.size = footprint();
		all.microUs = verificationMicrobenchmark();
		all.bulk = await bulkAtRateLimit();
		all.overhead = await perItemOverhead();
		all.trigger.push({ label: TRIGGER_SETTINGS[0].label, results: await triggerThroughput() });
		all.history = await historySize();
	});
	for (const { label, env } of TRIGGER_SETTINGS.slice(1)) {
		log(`restarting n8n with ${label}`);
		all.trigger.push({ label, results: await withStack(env, triggerThroughput) });
	}
	const { table, machine } = report(all);
	const markdown = `# Benchmarks\n\nCommand: \`npm run bench\` (${new Date().toISOString().slice(0, 10)})\n\nMachine: ${machine}.\n\n${table}\n\n${TRIGGER_NOTE}\n\nRaw rounds:\n\n\`\`\`json\n${JSON.stringify(all, null, 1)}\n\`\`\`\n`;
	fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), markdown);
	process.stdout.write(`\n${machine}\n\n${table}\n\nwritten to BENCHMARKS.md\n`);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
