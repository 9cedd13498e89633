'use strict';
// Benchmarks for sending (issue: messages and files), in the real n8n 2.41.1 against the emulator, beside what a
// user would pick instead (n8n's HTTP Request node):
//   sends: 1,000 Message › Send items at GREEN-API's 50 per second (emulator limits on): floor 20 s.
//   files: a 100 MB file sent from binary data and downloaded into binary data, n8n in `filesystem` binary mode:
//          n8n's peak memory growth against the file size (each measured run right after an unmeasured run of the
//          same node), and the node's own time against plain Node streaming the same bytes to the same emulator.
// Run: `npm run bench -- --only sends` / `--only files` (both: `--only messages`). Returns { rows, raw }.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const { startStack } = require('../test/e2e/stack');
const { SEED } = require('../test/emulator/server');
const { generatedBytes } = require('../test/emulator/api/files');
const { median, log, ROUNDS, runAlone } = require('./common');

const SENDS = 1000;
const FILE_BYTES = 100 * 1024 * 1024;
const MB = 1024 * 1024;

let stack;

const control = (...args) => stack.control(...args);

async function runWebhook(webhookPath, body) {
	const { status, body: items, ms } = await stack.runWebhook(webhookPath, body);
	if (status !== 200) throw new Error(`${webhookPath} answered ${status}: ${JSON.stringify(items).slice(0, 500)}`);
	return { ms, items: items ?? [] };
}

/** Runs every side once as a warm-up, then ROUNDS rounds, the order reversed every other round. */
async function alternate(sides, measure) {
	const results = Object.fromEntries(sides.map((side) => [side, []]));
	for (const side of sides) await measure(side, 'warm-up');
	for (let round = 1; round <= ROUNDS; round++) {
		for (const side of round % 2 ? sides : [...sides].reverse()) results[side].push(await measure(side, round));
	}
	return results;
}

function memoryKb(field) {
	const status = fs.readFileSync(`/proc/${stack.pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]);
}

/** The last execution of a workflow, with each node's own time (n8n's runData executionTime, ms). */
async function nodeTimes(workflowId) {
	const { parse } = require(path.join(stack.runtime.runtimeDir, 'node_modules', 'flatted'));
	const [last] = await stack.executionsOf(workflowId);
	const { resultData } = parse((await stack.rest.get(`/executions/${last.id}`)).data);
	return Object.fromEntries(Object.entries(resultData.runData).map(([node, runs]) => [node, runs[0].executionTime]));
}

// ---- 1,000 sends at 50 per second ----

async function sendsAtRateLimit() {
	const url = `${stack.emulator.url}/waInstance${stack.emulator.idInstance}/sendMessage/${stack.emulator.apiTokenInstance}`;
	const chats = [SEED.personalChatId, SEED.groupId, SEED.lidChatId];
	const items = Array.from({ length: SENDS }, (_, i) => ({ chatId: chats[i % chats.length], message: `Order ${i + 1} is ready`, url }));
	const paths = { greenApi: 'bench-ga-send', httpRequest: 'bench-http-send' };
	const results = await alternate(Object.keys(paths), async (side, round) => {
		await control('POST', 'reset');
		await control('POST', 'rate-limits', { enabled: true });
		const { ms, items: output } = await runWebhook(paths[side], { items });
		const stats = await control('GET', 'stats');
		const failed = output.filter((item) => item.error !== undefined).length;
		log(`sends round ${round} ${side}: ${(ms / 1000).toFixed(2)} s, ${failed} failed, ${stats.byStatus['429'] ?? 0} × 429`);
		return { ms, failed, tooMany: stats.byStatus['429'] ?? 0 };
	});
	await control('POST', 'rate-limits', { enabled: false });
	const floorMs = (SENDS / 50) * 1000;
	const m = (side, key) => median(results[side].map((run) => run[key]));
	return {
		raw: results,
		rows: [
			[`Sends: ${SENDS} Message › Send items, emulator limits on (sendMessage 50/s, floor ${floorMs / 1000} s)`, '', '', ''],
			['  GREEN-API node: wall time', `${(m('greenApi', 'ms') / 1000).toFixed(2)} s`, `${(m('greenApi', 'ms') / floorMs).toFixed(3)} × floor`, 'goal ≤ 1.05 × floor'],
			['  GREEN-API node: failed items / 429 answers', `${m('greenApi', 'failed')} / ${m('greenApi', 'tooMany')}`, '', 'goal 0 / 0'],
			['  HTTP Request node: wall time', `${(m('httpRequest', 'ms') / 1000).toFixed(2)} s`, '', ''],
			['  HTTP Request node: failed items / 429 answers', `${m('httpRequest', 'failed')} / ${m('httpRequest', 'tooMany')}`, '', ''],
		],
	};
}

// ---- a 100 MB file, both ways ----

/** Writes the generated file of `seed` to disk, a MB at a time; returns its sha256. */
function writeGeneratedFile(file, seed, size) {
	const hash = createHash('sha256');
	const fd = fs.openSync(file, 'w');
	for (let start = 0; start < size; start += MB) {
		const chunk = generatedBytes(seed, start, Math.min(MB, size - start));
		hash.update(chunk);
		fs.writeSync(fd, chunk);
	}
	fs.closeSync(fd);
	return hash.digest('hex');
}

/** Plain Node: the file from disk as multipart to sendFileByUpload, streamed; the floor for sending. */
function plainUpload(file, chatId) {
	return new Promise((resolve, reject) => {
		const boundary = `----bench${Date.now()}`;
		const head = Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="chatId"\r\n\r\n${chatId}\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: video/mp4\r\n\r\n`,
		);
		const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
		const url = `${stack.emulator.url}/waInstance${stack.emulator.idInstance}/sendFileByUpload/${stack.emulator.apiTokenInstance}`;
		const started = performance.now();
		const request = http.request(url, {
			method: 'POST',
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + fs.statSync(file).size + tail.length },
		}, (response) => {
			response.resume();
			response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${response.statusCode}`))));
		});
		request.on('error', reject);
		request.write(head);
		const stream = fs.createReadStream(file);
		stream.on('end', () => request.end(tail));
		stream.pipe(request, { end: false });
	});
}

/** Plain Node: the file downloaded and written to disk, streamed; the floor for downloading. */
function plainDownload(url, file) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		http.get(url, (response) => {
			const out = fs.createWriteStream(file);
			response.pipe(out);
			out.on('finish', () => resolve(performance.now() - started));
			out.on('error', reject);
		}).on('error', reject);
	});
}

async function largeFiles(dir) {
	const file = path.join(dir, 'bench-100mb.mp4');
	const sha256 = writeGeneratedFile(file, 9, FILE_BYTES);
	const mediaUrl = `${stack.emulator.url}/waInstance${stack.emulator.idInstance}/sendFileByUpload/${stack.emulator.apiTokenInstance}`;
	const sides = {
		send: {
			greenApi: { path: 'bench-ga-file-send', workflowId: 'benchGaFileSend', node: 'Send File' },
			httpRequest: { path: 'bench-http-file-send', workflowId: 'benchHttpFileSend', node: 'Send File' },
		},
		download: {
			greenApi: { path: 'bench-ga-file-download', workflowId: 'benchGaFileDown', node: 'Download File' },
			httpRequest: { path: 'bench-http-file-download', workflowId: 'benchHttpFileDown', node: 'Download File' },
		},
	};
	const results = {};
	for (const direction of ['send', 'download']) {
		results[direction] = await alternate(['greenApi', 'httpRequest', 'plainNode'], async (side, round) => {
			await control('POST', 'reset');
			const received = await control('POST', 'files/incoming', {
				chatId: SEED.personalChatId,
				size: FILE_BYTES,
				fileName: 'bench-100mb.mp4',
				mimeType: 'video/mp4',
				seed: 9,
			});
			if (side === 'plainNode') {
				// like the workflow, whose Read File node has just copied the file into n8n's binary data folder: the
				// upload reads a freshly written copy (its pages still being written back), not a long-cached file
				const copy = path.join(dir, 'plain-copy.mp4');
				if (direction === 'send') fs.copyFileSync(file, copy);
				const ms = direction === 'send' ? await plainUpload(copy, SEED.personalChatId) : await plainDownload(received.downloadUrl, path.join(dir, 'plain-download.bin'));
				fs.rmSync(copy, { force: true });
				log(`file ${direction} round ${round} plain Node: ${(ms / 1000).toFixed(2)} s`);
				return { ms, nodeMs: ms };
			}
			const { path: webhookPath, workflowId, node } = sides[direction][side];
			const body =
				direction === 'send'
					? { path: file, chatId: SEED.personalChatId, url: mediaUrl }
					: { chatId: SEED.personalChatId, messageId: received.idMessage, downloadUrl: received.downloadUrl };
			// the same node runs once unmeasured first: a run's chunk buffers outlive it until n8n's next garbage
			// collection, and whichever run came next would grow by them (BENCHMARKS.md, files)
			await runWebhook(webhookPath, body);
			fs.writeFileSync(`/proc/${stack.pid}/clear_refs`, '5');
			const baseline = memoryKb('VmRSS');
			const { ms, items } = await runWebhook(webhookPath, body);
			const growth = (memoryKb('VmHWM') - baseline) * 1024;
			if (items.some((item) => item.error !== undefined)) throw new Error(`${side} ${direction}: ${JSON.stringify(items).slice(0, 500)}`);
			if (direction === 'send') {
				const upload = await control('GET', 'files/last-upload');
				const sent = upload.parts?.file ?? upload;
				if (sent.sha256 !== sha256) throw new Error(`${side}: the emulator received other bytes (${JSON.stringify(upload).slice(0, 300)})`);
			}
			const nodeMs = (await nodeTimes(workflowId))[node];
			log(`file ${direction} round ${round} ${side}: ${(ms / 1000).toFixed(2)} s (node ${(nodeMs / 1000).toFixed(2)} s), peak RSS growth ${(growth / MB).toFixed(1)} MB`);
			return { ms, nodeMs, growth };
		});
	}
	fs.rmSync(file, { force: true });
	const m = (direction, side, key) => median(results[direction][side].map((run) => run[key]));
	const rows = [[`Files: a ${FILE_BYTES / MB} MB file, n8n in filesystem binary mode (node time from n8n's execution data; peak RSS growth of the n8n process)`, '', '', '']];
	for (const direction of ['send', 'download']) {
		const verb = direction === 'send' ? 'Send File from binary data (multipart upload)' : 'Download File into binary data';
		const plain = m(direction, 'plainNode', 'ms');
		rows.push(
			[
				`  ${verb}: GREEN-API node time`,
				`${(m(direction, 'greenApi', 'nodeMs') / 1000).toFixed(2)} s`,
				`${(m(direction, 'greenApi', 'nodeMs') / plain).toFixed(2)} × plain Node (${(plain / 1000).toFixed(2)} s)` +
					(direction === 'send' ? `, ${(m(direction, 'greenApi', 'nodeMs') / m(direction, 'httpRequest', 'nodeMs')).toFixed(2)} × the HTTP Request node` : ''),
				// issue 17: Send File ≤ 1.0 × the HTTP Request node and ≤ 1.5 × plain Node
				direction === 'send' ? 'goal ≤ 1.0 × the HTTP Request node and ≤ 1.5 × plain Node' : 'goal ≤ 1.2 ×',
			],
			[`  ${verb}: GREEN-API node peak memory growth`, `${(m(direction, 'greenApi', 'growth') / MB).toFixed(1)} MB`, `${(m(direction, 'greenApi', 'growth') / FILE_BYTES).toFixed(3)} × the file (runs: ${results[direction].greenApi.map((r) => (r.growth / FILE_BYTES).toFixed(3)).join(', ')})`, direction === 'send' ? 'goal ≤ 0.25 × in each run' : 'goal ≤ 0.25 ×'],
			[`  ${verb}: HTTP Request node time`, `${(m(direction, 'httpRequest', 'nodeMs') / 1000).toFixed(2)} s`, `${(m(direction, 'httpRequest', 'nodeMs') / plain).toFixed(2)} × plain Node`, ''],
			[`  ${verb}: HTTP Request node peak memory growth`, `${(m(direction, 'httpRequest', 'growth') / MB).toFixed(1)} MB`, `${(m(direction, 'httpRequest', 'growth') / FILE_BYTES).toFixed(3)} × the file (runs: ${results[direction].httpRequest.map((r) => (r.growth / FILE_BYTES).toFixed(3)).join(', ')})`, ''],
		);
	}
	return { raw: results, rows };
}

/** Runs the chosen sections ('sends', 'files') in one n8n; returns { rows, raw }. */
async function run(sections) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-bench-files-'));
	stack = await startStack({
		workflowsDir: path.join(__dirname, 'workflows'),
		emulatorOptions: { logLimit: 1000000 },
		// the Read/Write Files node may read the bench's file
		beforeStart: (instance) => Object.assign(instance.env, { N8N_RESTRICT_FILE_ACCESS_TO: dir }),
	});
	try {
		const rows = [];
		const raw = {};
		if (sections.includes('sends')) {
			const sends = await sendsAtRateLimit();
			rows.push(...sends.rows);
			raw.sends = sends.raw;
		}
		if (sections.includes('files')) {
			const files = await largeFiles(dir);
			rows.push(...files.rows);
			raw.files = files.raw;
		}
		return { rows, raw };
	} finally {
		await stack.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

module.exports = { run };

if (require.main === module) runAlone(() => run(process.argv.slice(2).length ? process.argv.slice(2) : ['sends', 'files']));
