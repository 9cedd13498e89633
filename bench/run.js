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
const { median, percentile, log, ROUNDS, tableOf } = require('./common');

const BULK_ITEMS = 200;
const ROUNDTRIP_ITEMS = 1000; // archive + unarchive: 2,000 calls
const WEBHOOKS = 2000;
const SENDERS = 8;
/** The Webhook node's way of checking a sender: a header compared with an n8n credential (httpHeaderAuth). */
const HEADER_AUTH = { name: 'Authorization', value: 'Bearer bench-header-auth-secret-0123456789' };
const HISTORY = 20000;

/**
 * The trigger comparison runs in n8n as installed (defaults), then in two settings that explain the result: n8n
 * acquires an expression isolate for every webhook request except for its own Webhook node, which it exempts
 * (allowWebhookIsolateSkip); turning the exemption off puts both nodes on equal terms, and lazy acquisition removes
 * the cost for both.
 */
const TRIGGER_LABELS = {
	greenApiTrigger: 'GREEN-API Trigger, HMAC',
	greenApiTriggerNoVerification: 'GREEN-API Trigger, no verification',
	webhookNode: 'Webhook node, no verification',
	webhookNodeHeaderAuth: 'Webhook node, Header Auth credential',
};
const TRIGGER_SIDES = ['greenApiTrigger', 'webhookNode', 'webhookNodeHeaderAuth'];
const TRIGGER_SETTINGS = [
	{ label: 'n8n defaults', env: {}, sides: TRIGGER_SIDES },
	{ label: 'N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false', env: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' }, sides: TRIGGER_SIDES },
	// where no isolate is in the way, also the trigger without verification: the nodes' own cost, like for like
	{ label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, sides: [...TRIGGER_SIDES, 'greenApiTriggerNoVerification'] },
];

const TRIGGER_NOTE = `Reading the trigger rows: for each webhook request n8n 2.41 acquires an expression-engine isolate before it calls the trigger node, and skips that only for its own Webhook node with static parameters (\`webhookPhaseNeedsIsolate\` in n8n's \`webhooks/live-webhooks.js\` answers true for every other node type). With n8n's default pool of one isolate and ${SENDERS} senders, most requests create and dispose one, which costs tens of milliseconds of CPU per event (the n8n CPU column). No community trigger can avoid it. The Webhook node that checks its sender against a credential (Header Auth) is no faster than the GREEN-API Trigger with these settings, and slower in the other two. With the exemption turned off (ALLOW_WEBHOOK_ISOLATE_SKIP=false) every node pays the same and the ratio shows the nodes' own cost; with lazy acquisition (LAZY_ACQUIRE=true) none pays it, and the trigger without verification compares the nodes' own work like for like.`;

const HISTORY_NOTE = `Reading the history rows: the GREEN-API node reads an answer that can be long (Get History, Get Many) as it arrives and parses its elements in batches of at most 32K characters (nodes/GreenApi/transport/readJson.ts), so it never holds the whole answer as one buffer or one string: the batches die young in V8's young generation, and what stays is the bytes the socket read and the parsed messages. The HTTP Request node (like this node before) holds the bytes read, their joined copy and the text at once before JSON.parse, each the size of the answer. Parsing in batches costs some CPU and more young-generation garbage collection: the time rows show it.`;


let stack;

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) the n8n process has used so far, in ms. */
function n8nCpuMs() {
	const fields = fs.readFileSync(`/proc/${stack.pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
}

/**
 * Runs `measure(side)` for every side: once each as a warm-up (not kept: the first run after n8n starts pays for
 * compiling; `warmUp: false` when every run starts its own n8n), then ROUNDS rounds, the order reversed every other
 * round (A B, B A, …) so that drift favours neither.
 */
async function alternate(sides, measure, { warmUp = true } = {}) {
	const results = Object.fromEntries(sides.map((side) => [side, []]));
	if (warmUp) for (const side of sides) await measure(side, 'warm-up');
	for (let round = 1; round <= ROUNDS; round++) {
		for (const side of round % 2 ? sides : [...sides].reverse()) results[side].push(await measure(side, round));
	}
	return results;
}

const control = (...args) => stack.control(...args);

async function runWebhook(webhookPath, body) {
	const { status, body: items, ms } = await stack.runWebhook(webhookPath, body);
	if (status !== 200) throw new Error(`${webhookPath} answered ${status}: ${JSON.stringify(items).slice(0, 500)}`);
	return { ms, items: items ?? [] };
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
	const paths = { greenApi: 'bench-ga-archive', httpRequest: 'bench-http-archive' };
	const results = await alternate(Object.keys(paths), async (side, round) => {
		await control('POST', 'reset');
		await control('POST', 'rate-limits', { enabled: true });
		const items = await archivableChats(BULK_ITEMS);
		const { ms, items: output } = await runWebhook(paths[side], { items });
		const stats = await control('GET', 'stats');
		const failed = output.filter((item) => item.error !== undefined).length;
		log(`bulk round ${round} ${side}: ${(ms / 1000).toFixed(2)} s, ${failed} failed, ${stats.byStatus['429'] ?? 0} × 429`);
		return { ms, failed, tooMany: stats.byStatus['429'] ?? 0, calls: stats.total };
	});
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
	const paths = { greenApi: 'bench-ga-roundtrip', httpRequest: 'bench-http-roundtrip' };
	const results = await alternate([...Object.keys(paths), 'raw'], async (side, round) => {
		await control('DELETE', 'log');
		if (side === 'raw') return { ms: await rawLoop(items) };
		const cpuBefore = n8nCpuMs();
		const { ms } = await runWebhook(paths[side], { items });
		const cpuMs = n8nCpuMs() - cpuBefore;
		const stats = await control('GET', 'stats');
		if (stats.byStatus['200'] !== 2 * ROUNDTRIP_ITEMS) throw new Error(`${side}: ${JSON.stringify(stats.byStatus)}`);
		log(`overhead round ${round} ${side}: ${(ms / 1000).toFixed(2)} s, n8n CPU ${(cpuMs / 1000).toFixed(2)} s for ${2 * ROUNDTRIP_ITEMS} calls`);
		return { ms, cpuMs };
	});
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

/** The published workflows the trigger benchmark posts to (bench/workflows/trigger-*.json). */
function triggerSide(side) {
	const webhook = (id) => `${stack.n8nUrl}/webhook/b0000000-0000-4000-8000-00000000000${id}/webhook`;
	return {
		greenApiTrigger: { workflowId: 'benchTriggerGa01', url: webhook(1), key: stack.webhookSecret },
		greenApiTriggerNoVerification: { workflowId: 'benchTriggerGa02', url: webhook(4) },
		webhookNode: { workflowId: 'benchTriggerWh01', url: `${stack.n8nUrl}/webhook/bench-webhook-node` },
		webhookNodeHeaderAuth: {
			workflowId: 'benchTriggerWh02',
			url: `${stack.n8nUrl}/webhook/bench-webhook-header-auth`,
			headers: { [HEADER_AUTH.name.toLowerCase()]: HEADER_AUTH.value },
		},
	}[side];
}

async function triggerThroughput(sides) {
	return await alternate(sides, async (side, round) => {
		const { workflowId, url, key, headers } = triggerSide(side);
		const count = round === 'warm-up' ? WEBHOOKS / 4 : WEBHOOKS;
		const before = await executionCount(workflowId);
		const requests = wahaRequests(count, key).map((request) => ({ ...request, headers: { ...request.headers, ...headers } }));
		const cpuBefore = n8nCpuMs();
		const { ms, latencies, refused } = await postAll(url, requests);
		const executions = (await waitForExecutions(workflowId, before + count)) - before;
		const cpuMs = n8nCpuMs() - cpuBefore;
		const perSecond = (count / ms) * 1000;
		const result = { perSecond, p50: percentile(latencies, 50), p99: percentile(latencies, 99), refused, executions, cpuMsPerEvent: cpuMs / count };
		log(`trigger round ${round} ${side}: ${perSecond.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, n8n CPU ${result.cpuMsPerEvent.toFixed(2)} ms/event, ${executions} executions, ${refused} refused`);
		return result;
	});
}

function verificationMicrobenchmark() {
	const { verifyHmac } = require(path.join(ROOT, 'dist/nodes/GreenApi/trigger/verification.js'));
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

function memoryKb(pid, field) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]);
}

/**
 * Get History of HISTORY messages through the GREEN-API node, and the same call through the HTTP Request node, each
 * followed by a Limit node that keeps the oldest message (a consumer that copies nothing, so the figure is the
 * call's own). Every run is in a fresh n8n (a process that ran other work keeps freed pages and hides growth): warm
 * up with a small call, reset the peak RSS (/proc/<pid>/clear_refs), run, read the peak (VmHWM).
 */
async function historySize() {
	const paths = { greenApi: 'bench-ga-history', httpRequest: 'bench-http-history' };
	let jsonBytes;
	const results = await alternate(Object.keys(paths), (side, round) =>
		withStack({}, async () => {
			const url = `${stack.emulator.url}/waInstance${stack.emulator.idInstance}/getChatHistory/${stack.emulator.apiTokenInstance}`;
			const direct = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ chatId: SEED.bigHistoryChatId, count: HISTORY }),
			});
			const json = await direct.text();
			jsonBytes = Buffer.byteLength(json);
			const oldest = JSON.parse(json).at(-1);
			const body = { url, chatId: SEED.bigHistoryChatId };
			await runWebhook(paths[side], { ...body, limit: 10 });
			await new Promise((resolve) => setTimeout(resolve, 1100)); // the node paces getChatHistory at 1 per second
			fs.writeFileSync(`/proc/${stack.pid}/clear_refs`, '5');
			const baseline = memoryKb(stack.pid, 'VmRSS');
			const { ms, items } = await runWebhook(paths[side], { ...body, limit: HISTORY });
			const growth = (memoryKb(stack.pid, 'VmHWM') - baseline) * 1024;
			if (JSON.stringify(items) !== JSON.stringify(oldest)) {
				throw new Error(`${side}: the last of ${HISTORY} messages is ${JSON.stringify(items)}, not ${JSON.stringify(oldest)}`);
			}
			log(`history round ${round} ${side}: ${(ms / 1000).toFixed(2)} s, peak RSS growth ${(growth / 1048576).toFixed(1)} MB (${(growth / jsonBytes).toFixed(2)} × the JSON)`);
			return { ms, growth, ratio: growth / jsonBytes };
		}),
		{ warmUp: false },
	);
	return { jsonBytes, ...results };
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
		['  GREEN-API node', `${(m(overhead.greenApi, 'ms') / 1000).toFixed(2)} s`, `${((m(overhead.greenApi, 'ms') / 2000) * 1000).toFixed(0)} µs/call; n8n CPU ${((m(overhead.greenApi, 'cpuMs') / 2000) * 1000).toFixed(0)} µs/call`, ''],
		['  HTTP Request node', `${(m(overhead.httpRequest, 'ms') / 1000).toFixed(2)} s`, `${((m(overhead.httpRequest, 'ms') / 2000) * 1000).toFixed(0)} µs/call; n8n CPU ${((m(overhead.httpRequest, 'cpuMs') / 2000) * 1000).toFixed(0)} µs/call`, ''],
		['  ratio GREEN-API / HTTP Request', (m(overhead.greenApi, 'ms') / m(overhead.httpRequest, 'ms')).toFixed(3), `n8n CPU ratio ${(m(overhead.greenApi, 'cpuMs') / m(overhead.httpRequest, 'cpuMs')).toFixed(3)}`, 'goal ≤ 1.00'],
		['  floor: plain Node, one keep-alive connection, sequential', `${(m(overhead.raw, 'ms') / 1000).toFixed(2)} s`, `${((m(overhead.raw, 'ms') / 2000) * 1000).toFixed(0)} µs/call`, ''],
		[`3. Trigger: ${WEBHOOKS} chat.archive webhooks, ${SENDERS} senders`, '', '', ''],
		...trigger.flatMap(({ label, results }) => {
			const rate = (side) => m(results[side], 'perSecond');
			const ratio = (a, b, note) => (results[a] && results[b] ? [[`    ratio ${TRIGGER_LABELS[a]} / ${TRIGGER_LABELS[b]}`, (rate(a) / rate(b)).toFixed(3), '', note]] : []);
			return [
				[`  ${label}`, '', '', ''],
				...Object.entries(results).map(([side, runs]) => [
					`    ${TRIGGER_LABELS[side]}: accepted/s`,
					rate(side).toFixed(0),
					`p50 ${m(runs, 'p50').toFixed(1)} ms, p99 ${m(runs, 'p99').toFixed(1)} ms; n8n CPU ${m(runs, 'cpuMsPerEvent').toFixed(2)} ms/event`,
					`executions per run: ${runs.map((r) => r.executions).join(', ')}`,
				]),
				...ratio('greenApiTrigger', 'webhookNode', 'goal ≥ 0.95'),
				...ratio('greenApiTrigger', 'webhookNodeHeaderAuth', 'both check the sender against a credential'),
				...ratio('greenApiTriggerNoVerification', 'webhookNode', 'neither checks the sender'),
			];
		}),
		['  verification step alone (HMAC-SHA512, one event)', `${microUs.toFixed(2)} µs`, '', 'goal < 20 µs'],
		[`4. Get History of ${HISTORY} messages (${(history.jsonBytes / 1048576).toFixed(2)} MB of JSON), then Limit (keep the oldest), fresh n8n per run`, '', '', ''],
		['  GREEN-API node: time', `${(m(history.greenApi, 'ms') / 1000).toFixed(2)} s`, 'the oldest message checked against the API\'s answer', ''],
		['  GREEN-API node: n8n peak RSS growth', `${(m(history.greenApi, 'growth') / 1048576).toFixed(1)} MB`, `${m(history.greenApi, 'ratio').toFixed(2)} × the JSON (runs: ${history.greenApi.map((r) => r.ratio.toFixed(2)).join(', ')})`, 'goal < 3 ×'],
		['  HTTP Request node: time', `${(m(history.httpRequest, 'ms') / 1000).toFixed(2)} s`, '', ''],
		['  HTTP Request node: n8n peak RSS growth', `${(m(history.httpRequest, 'growth') / 1048576).toFixed(1)} MB`, `${m(history.httpRequest, 'ratio').toFixed(2)} × the JSON (runs: ${history.httpRequest.map((r) => r.ratio.toFixed(2)).join(', ')})`, ''],
		['5. Footprint', '', '', ''],
		['  packed tarball', `${(size.tarballBytes / 1024).toFixed(1)} KB`, `${size.files} files, ${(size.unpackedBytes / 1024).toFixed(1)} KB unpacked`, 'goal < 60 KB'],
		['  runtime dependencies', String(size.runtimeDependencies), '', 'goal 0'],
		['  require() of the built nodes and credentials (n8n-workflow loaded)', `${size.requireMs.toFixed(1)} ms`, '', 'goal < 30 ms'],
	];
	const table = ['| measure | value | detail | goal / note |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
	const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; bench driver on Node ${process.version}; n8n ${N8N_VERSION} on Node ${NODE_VERSION}; ${ROUNDS} rounds per comparison after one warm-up run of each side (not counted), the order of the sides reversed every other round, medians shown`;
	return { table, machine };
}

async function withStack(env, run) {
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'workflows'),
		emulatorOptions: { chatCount: 1600, historySize: HISTORY, logLimit: 1000000 },
		credentials: [{ id: 'benchHeaderAuth', name: 'Bench header auth', type: 'httpHeaderAuth', data: HEADER_AUTH }],
		beforeStart: (instance) => Object.assign(instance.env, env),
	});
	try {
		return await run();
	} finally {
		await stack.stop();
	}
}

/** Benchmarks kept in their own files: `npm run bench -- --only <name>` runs one of them alone. */
const SECTIONS = {
	sends: () => require('./messages').run(['sends']),
	files: () => require('./messages').run(['files']),
	queue: () => require('./queue').run(),
	queueMode: () => require('./queue-mode').run(),
	webhookRepeats: () => require('./webhook-repeats').run(),
};

/** Replaces (or appends) the part of BENCHMARKS.md between the section's markers. */
function writeSection(name, markdown) {
	const file = path.join(ROOT, 'BENCHMARKS.md');
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
	const start = `<!-- section:${name} -->`;
	const end = `<!-- /section:${name} -->`;
	const block = `${start}\n${markdown.trim()}\n${end}`;
	const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
	fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`);
}


async function runSection(name) {
	const { rows, raw } = await SECTIONS[name]();
	const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}); n8n ${N8N_VERSION} on Node ${NODE_VERSION}; ${ROUNDS} rounds after one warm-up run of each side, order reversed every other round, medians shown`;
	const markdown = `## ${name}\n\nCommand: \`npm run bench -- --only ${name}\` (${new Date().toISOString().slice(0, 10)}); ${machine}.\n\n${tableOf(rows)}\n\n<details><summary>raw rounds</summary>\n\n\`\`\`json\n${JSON.stringify(raw, null, 1)}\n\`\`\`\n\n</details>`;
	writeSection(name, markdown);
	process.stdout.write(`\n${tableOf(rows)}\n\nwritten to BENCHMARKS.md (section ${name})\n`);
}

async function main() {
	const onlyAt = process.argv.indexOf('--only');
	if (onlyAt >= 0) {
		const name = process.argv[onlyAt + 1];
		if (!SECTIONS[name]) throw new Error(`--only takes one of: ${Object.keys(SECTIONS).join(', ')}`);
		return await runSection(name);
	}
	log('starting the emulator and n8n (first run installs n8n: about 8 minutes)');
	const all = { trigger: [] };
	await withStack({}, async () => {
		all.size = footprint();
		all.microUs = verificationMicrobenchmark();
		all.bulk = await bulkAtRateLimit();
		all.overhead = await perItemOverhead();
		all.trigger.push({ label: TRIGGER_SETTINGS[0].label, results: await triggerThroughput(TRIGGER_SETTINGS[0].sides) });
	});
	all.history = await historySize();
	for (const { label, env, sides } of TRIGGER_SETTINGS.slice(1)) {
		log(`restarting n8n with ${label}`);
		all.trigger.push({ label, results: await withStack(env, () => triggerThroughput(sides)) });
	}
	const { table, machine } = report(all);
	const markdown = `# Benchmarks\n\nCommand: \`npm run bench\` (${new Date().toISOString().slice(0, 10)})\n\nMachine: ${machine}.\n\n${table}\n\n${TRIGGER_NOTE}\n\n${HISTORY_NOTE}\n\nRaw rounds:\n\n\`\`\`json\n${JSON.stringify(all, null, 1)}\n\`\`\`\n`;
	const sections = fs.existsSync(path.join(ROOT, 'BENCHMARKS.md'))
		? (fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8').match(/<!-- section:[\s\S]*?<!-- \/section:[^>]+ -->/g) ?? [])
		: [];
	fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), [markdown.trimEnd(), ...sections].join('\n\n') + '\n');
	process.stdout.write(`\n${machine}\n\n${table}\n\nwritten to BENCHMARKS.md\n`);
	for (const name of Object.keys(SECTIONS)) await runSection(name);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
