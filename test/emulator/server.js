'use strict';
// A stateful in-memory GREEN-API emulator for tests and benchmarks: plain node:http, no dependencies.
// API requests: {url}/waInstance{idInstance}/{method}/{apiTokenInstance}
// Test control: {url}/__control/… (control.js). See README.md.
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const { ID_INSTANCE, API_TOKEN_INSTANCE, WID, SEED, buildSeed } = require('./seed');
const { METHODS_BY_KEY, ValidationError, results, initAreaState } = require('./methods');
const { Webhooks } = require('./webhooks');
const { handleControl } = require('./control');
const { serveFile } = require('./api/files');

const API_PATH = /^\/waInstance(\d+)\/([^/]+)\/([^/]+)(?:\/([^/]*))?\/?$/;
const MALFORMED_JSON = '{"broken":';
/** 400 texts GREEN-API gives while the instance cannot work (common errors); anything else: not authorized. */
const STATE_ERRORS = {
	starting: 'instance in starting process try later',
	notAuthorized: 'instance account not authorized',
};

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	rateLimits: false,
	webhookRetryDelayMs: 60000,
	webhookMaxAttempts: 5,
	webhookTimeoutMs: 10000,
	logLimit: 100000,
	chatCount: 30,
	historySize: 200,
};

/** The instance's live data, fresh from the seed. */
function seedState(options) {
	const seed = buildSeed(options);
	return initAreaState({
		idInstance: ID_INSTANCE,
		apiTokenInstance: API_TOKEN_INSTANCE,
		wid: WID,
		stateInstance: seed.stateInstance,
		settings: seed.settings,
		chats: new Map(seed.chats.map((chat) => [chat.id, chat])),
		groups: new Map(seed.groups.map((group) => [group.id, group])),
		activityCounter: seed.chats.length,
		messageCounter: 0,
	});
}

function readBytes(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', () => resolve(Buffer.alloc(0)));
	});
}

/** { value } for JSON (undefined when empty) or { error } with JSON.parse's message. */
function parseJson(raw) {
	if (raw.trim() === '') return { value: undefined };
	try {
		return { value: JSON.parse(raw) };
	} catch (error) {
		return { error: error.message };
	}
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The request path for the log, the token segment replaced by ***. */
function redactedPath(url, match) {
	if (!match) return url.pathname + url.search;
	const [, idInstance, method, token] = match;
	const rest = url.pathname.slice(`/waInstance${idInstance}/${method}/${token}`.length);
	return `/waInstance${idInstance}/${method}/***${rest}${url.search}`;
}

/** The Spring-style body GREEN-API sends for validation failures; it echoes the path, token included. */
function validationFailure(pathname, detail) {
	return results.json(
		{
			timestamp: new Date().toISOString().replace('Z', '+00:00'),
			status: 400,
			error: 'Bad Request',
			message: `Validation failed. Details: ${detail}`,
			path: pathname,
		},
		400,
	);
}

function tooManyRequests() {
	return {
		status: 429,
		headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
		body: JSON.stringify({ message: 'Too Many Requests' }),
	};
}

/**
 * Counts a call in the method's current window (one second; for limits under 1 per second, as long as one call
 * may take: 10 s for 0.1); true when that goes over the limit.
 */
function overLimit(windows, name, limit) {
	const windowMs = limit >= 1 ? 1000 : Math.round(1000 / limit);
	const slot = Math.floor(Date.now() / windowMs);
	let window = windows.get(name);
	if (!window || window.slot !== slot) {
		window = { slot, count: 0 };
		windows.set(name, window);
	}
	window.count += 1;
	return window.count > Math.max(1, Math.floor(limit));
}

/** Removes one use of the first fault rule for `methodName` (or "*") and returns it. */
function takeFault(faults, methodName) {
	const key = methodName.toLowerCase();
	const index = faults.findIndex((fault) => fault.method === '*' || fault.method === key);
	if (index < 0) return undefined;
	const fault = faults[index];
	if (fault.times > 0) {
		fault.times -= 1;
		if (fault.times === 0) faults.splice(index, 1);
	}
	return fault;
}

/** The answer a fault forces, or undefined when it only delays the normal answer. */
async function applyFault(emu, fault) {
	if (fault.delayMs > 0) await emu.sleep(fault.delayMs);
	if (fault.drop) return { drop: true };
	if (fault.malformed) {
		const headers = { 'Content-Type': 'application/json', ...fault.headers };
		return { status: fault.status ?? 200, headers, body: MALFORMED_JSON };
	}
	if (fault.status === undefined && fault.body === undefined) return undefined;
	const status = fault.status ?? 200;
	const body = fault.body ?? http.STATUS_CODES[status] ?? '';
	const type = /^\s*[{[]/.test(body) ? 'application/json' : 'text/plain; charset=utf-8';
	return { status, headers: { 'Content-Type': type, ...fault.headers }, body };
}

/** The answer to one API request, in GREEN-API's order of checks. */
async function dispatch(emu, req, url, match, parsed, raw) {
	if (!match) return results.text('Not Found', 404);
	const [, idInstance, methodName, token] = match;
	const { state } = emu;
	if (idInstance !== state.idInstance) return results.text('Forbidden', 403);
	if (token !== state.apiTokenInstance) return results.text('Unauthorized', 401);
	const fault = takeFault(emu.faults, methodName);
	if (fault?.afterHandling) {
		// the call takes effect, then the answer is lost or replaced: a send the client cannot know went through
		const handled = await handleMethod(emu, req, url, match, parsed, raw);
		const forced = await applyFault(emu, fault);
		return forced ? { ...forced, accepted: handled.accepted } : handled;
	}
	const forced = fault && (await applyFault(emu, fault));
	if (forced) return forced;
	return await handleMethod(emu, req, url, match, parsed, raw);
}

/** The method's own checks and handler; `accepted` when it answered 200 (the call took effect). */
async function handleMethod(emu, req, url, match, parsed, raw) {
	const [, , methodName] = match;
	const { state } = emu;
	const method = METHODS_BY_KEY.get(methodName.toLowerCase());
	if (!method || method.verb !== req.method) return results.text('Not Found', 404);
	if (emu.rateLimits.enabled && overLimit(emu.rateLimits.windows, method.name, method.limit)) return tooManyRequests();
	if (method.verb === 'POST' && !method.raw && parsed.error) return results.text(parsed.error, 400);
	if (!method.anyState && state.stateInstance !== 'authorized') {
		return results.text(STATE_ERRORS[state.stateInstance] ?? STATE_ERRORS.notAuthorized, 400);
	}
	const body = isPlainObject(parsed.value) ? parsed.value : {};
	try {
		// pathArg: a segment after the token, e.g. deleteNotification's receipt id
		const result = await method.handle({
			state,
			body,
			query: url.searchParams,
			raw,
			headers: req.headers,
			baseUrl: emu.baseUrl,
			pathArg: match[4],
		});
		return { ...result, accepted: result.status === 200 };
	} catch (error) {
		if (error instanceof ValidationError) return validationFailure(url.pathname, error.message);
		throw error;
	}
}

/** Appends to the request log; when full, the oldest tenth goes (in one step, to keep appends cheap). */
function record(emu, entry) {
	const { logLimit } = emu.options;
	if (emu.log.length >= logLimit) emu.log.splice(0, Math.max(1, Math.ceil(logLimit / 10)));
	emu.log.push(entry);
}

async function handleApi(emu, req, res, url) {
	const time = Date.now();
	const started = performance.now();
	const bytes = await readBytes(req);
	const match = API_PATH.exec(url.pathname);
	// uploads (multipart or raw files) reach their handler as bytes; everything else is JSON text
	const isRaw = Boolean(match && METHODS_BY_KEY.get(match[2].toLowerCase())?.raw);
	const raw = isRaw ? '' : bytes.toString('utf8');
	const parsed = isRaw ? { value: undefined } : parseJson(raw);
	let result;
	try {
		result = await dispatch(emu, req, url, match, parsed, bytes);
	} catch {
		result = results.text('Internal Server Error', 500);
	}
	if (result.drop) req.socket.destroy();
	else {
		res.writeHead(result.status, result.headers);
		res.end(result.body);
	}
	record(emu, {
		time,
		method: match ? match[2] : null,
		httpMethod: req.method,
		path: redactedPath(url, match),
		status: result.drop ? null : result.status,
		accepted: Boolean(result.accepted),
		body: isRaw ? { bytes: bytes.length, contentType: req.headers['content-type'] ?? null } : parsed.error ? raw : (parsed.value ?? null),
		durationMs: Math.round((performance.now() - started) * 1000) / 1000,
	});
}

function createEmulator(options) {
	const timers = new Set();
	const emu = {
		options,
		state: seedState(options),
		log: [],
		faults: [],
		rateLimits: { enabled: options.rateLimits, windows: new Map() },
		webhooks: new Webhooks({
			retryDelayMs: options.webhookRetryDelayMs,
			maxAttempts: options.webhookMaxAttempts,
			timeoutMs: options.webhookTimeoutMs,
		}),
		/** A delay that close() cancels. */
		sleep: (ms) =>
			new Promise((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, ms);
				timers.add(timer);
			}),
		/** Back to the seed and the start options: state, log, faults, rate limits, webhook queue and deliveries. */
		reset() {
			Object.assign(emu.state, seedState(options));
			emu.log.length = 0;
			emu.faults.length = 0;
			emu.rateLimits.enabled = options.rateLimits;
			emu.rateLimits.windows.clear();
			emu.webhooks.clear();
			emu.webhooks.configure({
				retryDelayMs: options.webhookRetryDelayMs,
				maxAttempts: options.webhookMaxAttempts,
				timeoutMs: options.webhookTimeoutMs,
			});
		},
		cancelTimers() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
		},
	};
	return emu;
}

/**
 * Starts the emulator. Options: port (0 = a free one), host, rateLimits, webhookRetryDelayMs, webhookMaxAttempts,
 * webhookTimeoutMs, logLimit, chatCount, historySize (messages in SEED.bigHistoryChatId). See README.md.
 */
async function startEmulator(userOptions = {}) {
	const options = { ...DEFAULTS, ...userOptions };
	const emu = createEmulator(options);
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://emulator');
		const handler = url.pathname.startsWith('/__control/')
			? handleControl
			: url.pathname.startsWith('/__files/')
				? serveFile
				: handleApi;
		handler(emu, req, res, url);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, resolve);
	});
	const { port } = server.address();
	const url = `http://${options.host}:${port}`;
	emu.baseUrl = url;
	let closing;
	return {
		url,
		port,
		idInstance: ID_INSTANCE,
		apiTokenInstance: API_TOKEN_INSTANCE,
		credential: { apiUrl: url, mediaUrl: url, idInstance: ID_INSTANCE, apiTokenInstance: API_TOKEN_INSTANCE },
		state: emu.state,
		log: emu.log,
		close() {
			closing ??= new Promise((resolve) => {
				emu.webhooks.close();
				emu.cancelTimers();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

module.exports = { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE, WID };
