'use strict';
// A stateful in-memory WAHA emulator (WhatsApp HTTP API, https://waha.devlike.pro) for tests: plain node:http.
// Written from WAHA's Chats page (the seed 001_ec99cb9a7a6db7ca.txt), its Security page and its source:
// - every /api/* request needs `X-Api-Key` when a key is set (401 otherwise, as WAHA's ApiKeyGuard answers);
// - /api/{session}/chats… needs the session to exist (404) and to be WORKING (422, "Session status is not as
//   expected"), as WAHA's WorkingSessionPipe;
// - the NOWEB engine has no archive/unarchive (#445), no chat delete and no "delete all messages": 501 with WAHA's
//   NotImplementedByEngineError text naming the engine; NOWEB reads chats and messages only with its store enabled;
// - ids in paths arrive escaped (`@` as %40); the raw path of every request is logged so tests can check it;
// - WEBJS answers chats with whatsapp-web.js's id object ({server, user, _serialized}), NOWEB with a plain id;
// - media of messages is served from /api/files/{session}/{file}, which also needs the key;
// - a chat.archive webhook (HMAC-SHA512 of the raw body when a key is set) goes out when a chat's archive flag
//   changes.
// Test control: the returned object (in process) or /__control/… over HTTP (see handleControl).
const { createHmac, randomUUID } = require('node:crypto');
const http = require('node:http');

/** The seeded account: a personal chat, a group, and messages (one with an image) in the personal chat. */
const WAHA_SEED = {
	personalChatId: '79001234567@c.us',
	groupId: '120363043968066561@g.us',
	imageFile: 'false_79001234567@c.us_3EB0A1B2C3D4E5F60718.jpeg',
};

/** The bytes of a seeded media file: deterministic, so tests can compare hashes. */
function mediaBytes(size = 256 * 1024) {
	const bytes = Buffer.alloc(size);
	for (let index = 0; index < size; index++) bytes[index] = (index * 31 + 7) & 0xff;
	return bytes;
}

function seedSession(name, engine, chatCount) {
	const chats = new Map();
	const add = (id, name, timestamp) => chats.set(id, { id, name, archived: false, timestamp, messages: [] });
	add(WAHA_SEED.personalChatId, 'Alice', 1700000900);
	add(WAHA_SEED.groupId, 'Team', 1700000800);
	for (let index = 0; index < chatCount; index++) add(`7900200${String(index).padStart(4, '0')}@c.us`, `Contact ${index}`, 1700000700 - index);
	const personal = chats.get(WAHA_SEED.personalChatId);
	personal.messages.push(
		{ id: `false_${personal.id}_3EB0A1B2C3D4E5F60701`, timestamp: 1700000100, fromMe: false, body: 'Hello!' },
		{ id: `true_${personal.id}_3EB0A1B2C3D4E5F60702`, timestamp: 1700000200, fromMe: true, body: 'Hi, how can I help?' },
		{ id: `false_${personal.id}_3EB0A1B2C3D4E5F60718`, timestamp: 1700000300, fromMe: false, body: 'The receipt', media: { file: WAHA_SEED.imageFile, mimetype: 'image/jpeg', filename: 'receipt.jpeg' } },
	);
	return { name, engine, status: 'WORKING', store: true, chats, files: new Map([[WAHA_SEED.imageFile, mediaBytes()]]) };
}

function send(res, status, body, headers = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(''));
	});
}

const notFound = (message) => ({ statusCode: 404, message, error: 'Not Found' });
const notImplemented = (engine) => ({
	statusCode: 501,
	message: `The method is not implemented by '${engine}' engine. Check the docs and try another engine: https://waha.devlike.pro/`,
	error: 'Not Implemented',
});

/** What the engine answers for a chat in GET /chats. */
function chatView(session, chat) {
	if (session.engine === 'WEBJS') {
		const [user, server] = chat.id.split('@');
		return { id: { server, user, _serialized: chat.id }, name: chat.name, isGroup: server === 'g.us', archived: chat.archived, timestamp: chat.timestamp, unreadCount: 0 };
	}
	return { id: chat.id, name: chat.name, conversationTimestamp: chat.timestamp, archived: chat.archived };
}

function messageView(emu, session, chat, message, downloadMedia) {
	const view = { id: message.id, timestamp: message.timestamp, from: message.fromMe ? 'me@c.us' : chat.id, fromMe: message.fromMe, to: message.fromMe ? chat.id : 'me@c.us', body: message.body, hasMedia: Boolean(message.media), ack: 3, ackName: 'READ' };
	if (message.media) {
		const url = `${emu.baseUrl}/api/files/${session.name}/${message.media.file}`;
		view.media = downloadMedia ? { url, mimetype: message.media.mimetype, filename: message.media.filename, error: null } : null;
		if (downloadMedia) view.mediaUrl = url;
	}
	return view;
}

/** A chat of the session by the (decoded) id in the path, or undefined. */
function findChat(session, chatId) {
	return session.chats.get(chatId);
}

const ROUTES = [
	['GET', /^\/api\/sessions\/([^/]+)$/, 'sessionInfo'],
	['GET', /^\/api\/files\/([^/]+)\/([^/]+)$/, 'file'],
	['GET', /^\/api\/([^/]+)\/chats$/, 'getChats'],
	['POST', /^\/api\/([^/]+)\/chats\/([^/]+)\/(archive|unarchive)$/, 'archive'],
	['DELETE', /^\/api\/([^/]+)\/chats\/([^/]+)$/, 'deleteChat'],
	['GET', /^\/api\/([^/]+)\/chats\/([^/]+)\/messages$/, 'getMessages'],
	['DELETE', /^\/api\/([^/]+)\/chats\/([^/]+)\/messages$/, 'clearMessages'],
	['PUT', /^\/api\/([^/]+)\/chats\/([^/]+)\/messages\/([^/]+)$/, 'editMessage'],
	['DELETE', /^\/api\/([^/]+)\/chats\/([^/]+)\/messages\/([^/]+)$/, 'deleteMessage'],
];

/** Each route's work, on a session that exists (and is WORKING, except sessionInfo and file). */
const HANDLERS = {
	sessionInfo(emu, session) {
		return [200, { name: session.name, status: session.status, config: { webhooks: [] }, me: session.status === 'WORKING' ? { id: '79009998877@c.us', pushName: 'Shop' } : null, engine: { engine: session.engine } }];
	},
	file(emu, session, [, file]) {
		return session.files.has(file) ? ['file', session.files.get(file)] : [404, { error: { code: 404, key: 'FILE_NOT_FOUND', message: 'File not found', details: 'File not found or no longer available' } }];
	},
	getChats(emu, session, _params, url) {
		if (session.engine === 'NOWEB' && !session.store) return [400, { statusCode: 400, message: 'Enable NOWEB store "config.noweb.store.enabled=True" and "config.noweb.store.full_sync=True" when starting a new session. Read more: https://waha.devlike.pro/docs/engines/noweb#store', error: 'Bad Request' }];
		const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : undefined;
		const offset = Number(url.searchParams.get('offset') ?? 0);
		const all = [...session.chats.values()].sort((a, b) => b.timestamp - a.timestamp);
		const page = all.slice(offset, limit === undefined ? undefined : offset + limit);
		return [200, page.map((chat) => chatView(session, chat))];
	},
	archive(emu, session, [, chatId, verb]) {
		if (session.engine === 'NOWEB') return [501, notImplemented('NOWEB')];
		const chat = findChat(session, chatId);
		if (!chat) return [500, { statusCode: 500, exception: { message: 'Chat not found', name: 'Error' } }];
		const archived = verb === 'archive';
		if (chat.archived !== archived) {
			chat.archived = archived;
			emu.emitWebhook(session, 'chat.archive', { id: chat.id, timestamp: Math.floor(Date.now() / 1000), archived });
		}
		return [201, true];
	},
	deleteChat(emu, session, [, chatId]) {
		if (session.engine === 'NOWEB') return [501, notImplemented('NOWEB')];
		if (!findChat(session, chatId)) return [500, { statusCode: 500, exception: { message: 'Chat not found', name: 'Error' } }];
		session.chats.delete(chatId);
		return [200, true];
	},
	getMessages(emu, session, [, chatId], url) {
		if (session.engine === 'NOWEB' && !session.store) return HANDLERS.getChats(emu, session, [], url);
		const chat = findChat(session, chatId);
		if (!chat) return [200, []];
		const limit = Number(url.searchParams.get('limit') ?? 100);
		// WAHA's parseBool: downloadMedia is on unless it says false
		const downloadMedia = !/^(false|0)$/i.test(url.searchParams.get('downloadMedia') ?? 'true');
		const newestFirst = [...chat.messages].sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
		return [200, newestFirst.map((message) => messageView(emu, session, chat, message, downloadMedia))];
	},
	clearMessages(emu, session, [, chatId]) {
		if (session.engine === 'NOWEB') return [501, notImplemented('NOWEB')];
		const chat = findChat(session, chatId);
		if (!chat) return [500, { statusCode: 500, exception: { message: 'Chat not found', name: 'Error' } }];
		chat.messages = [];
		return [200, true];
	},
	editMessage(emu, session, [, chatId, messageId], _url, body) {
		if (typeof body?.text !== 'string' || body.text === '') return [400, { statusCode: 400, message: ['text must be a string', 'text should not be empty'], error: 'Bad Request' }];
		const message = findChat(session, chatId)?.messages.find((entry) => entry.id === messageId);
		if (!message) return [404, notFound(`Message '${messageId}' not found`)];
		if (!message.fromMe) return [500, { statusCode: 500, exception: { message: 'Only messages sent by the account can be edited', name: 'Error' } }];
		message.body = body.text;
		message.edited = true;
		return [200, {}];
	},
	deleteMessage(emu, session, [, chatId, messageId]) {
		const chat = findChat(session, chatId);
		const index = chat ? chat.messages.findIndex((entry) => entry.id === messageId) : -1;
		if (index < 0) return [404, notFound(`Message '${messageId}' not found`)];
		chat.messages.splice(index, 1);
		return [200, {}];
	},
};

function createEmulator(options) {
	const emu = {
		apiKey: options.apiKey,
		sessions: new Map(),
		/** Every API request: {method, path (raw, as sent), query, headers, body, status}. */
		log: [],
		/** Faults for the next requests: {route?, times, status?, body?, headers?, echoHeaders?, reset?, cutAfter? (file)}. */
		faults: [],
		webhook: undefined,
		/** Webhook deliveries: {status, body}. */
		deliveries: [],
		baseUrl: '',
		addSession(name, engine = 'WEBJS') {
			const session = seedSession(name, engine, options.chatCount);
			emu.sessions.set(name, session);
			return session;
		},
		emitWebhook(session, event, payload) {
			const target = emu.webhook;
			if (!target || (target.events && !target.events.includes(event))) return;
			const raw = JSON.stringify({ id: `evt_${randomUUID().replace(/-/g, '')}`, timestamp: Date.now(), event, session: session.name, me: { id: '79009998877@c.us' }, engine: session.engine, payload });
			const headers = { 'content-type': 'application/json', 'x-webhook-request-id': randomUUID(), 'x-webhook-timestamp': String(Date.now()) };
			if (target.hmacKey) Object.assign(headers, { 'x-webhook-hmac': createHmac('sha512', target.hmacKey).update(raw).digest('hex'), 'x-webhook-hmac-algorithm': 'sha512' });
			const delivery = fetch(target.url, { method: 'POST', headers, body: raw })
				.then(async (response) => emu.deliveries.push({ status: response.status, body: JSON.parse(raw), text: await response.text() }))
				.catch((error) => emu.deliveries.push({ status: 0, error: String(error) }));
			emu.pending.add(delivery);
			delivery.finally(() => emu.pending.delete(delivery));
		},
		pending: new Set(),
	};
	for (const [name, engine] of Object.entries(options.sessions)) emu.addSession(name, engine);
	return emu;
}

/** /__control/…: GET log, DELETE log, PUT webhook {url, hmacKey, events}, PUT sessions/{name} {engine, status, store}, POST faults {…}, GET deliveries, POST reset. */
async function handleControl(emu, req, res, url) {
	const route = url.pathname.slice('/__control/'.length);
	const text = await readBody(req);
	const body = text ? JSON.parse(text) : undefined;
	if (route === 'log') {
		if (req.method === 'DELETE') emu.log.length = 0;
		return send(res, 200, emu.log);
	}
	if (route === 'webhook' && req.method === 'PUT') {
		emu.webhook = body;
		return send(res, 200, { ok: true });
	}
	if (route === 'deliveries') {
		await Promise.all([...emu.pending]);
		return send(res, 200, emu.deliveries);
	}
	if (route === 'faults' && req.method === 'POST') {
		emu.faults.push({ times: 1, ...body });
		return send(res, 200, { ok: true });
	}
	const session = /^sessions\/([^/]+)$/.exec(route);
	if (session && req.method === 'PUT') {
		const existing = emu.sessions.get(session[1]) ?? emu.addSession(session[1], body?.engine);
		Object.assign(existing, body);
		return send(res, 200, { name: existing.name, engine: existing.engine, status: existing.status });
	}
	if (route === 'chats' && req.method === 'GET') {
		const name = url.searchParams.get('session') ?? 'default';
		return send(res, 200, [...emu.sessions.get(name).chats.values()].map(({ id, archived, messages }) => ({ id, archived, messages })));
	}
	return send(res, 404, { error: `unknown control route ${req.method} ${route}` });
}

async function handleApi(emu, req, res, url) {
	const raw = await readBody(req);
	const entry = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: raw ? safeJson(raw) : undefined };
	emu.log.push(entry);
	const done = (status, body, headers) => {
		entry.status = status;
		send(res, status, body, headers);
	};
	const matched = ROUTES.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
	const fault = emu.faults.find((candidate) => candidate.times > 0 && (!candidate.route || candidate.route === matched?.[2]));
	if (fault) {
		fault.times -= 1;
		if (fault.reset) {
			entry.status = 'reset';
			return req.socket.destroy();
		}
		if (fault.cutAfter !== undefined) {
			// a media file that stops part-way: the whole length announced, then the connection dropped
			const file = emu.sessions.get(decodeURIComponent(url.pathname.split('/')[3]))?.files.get(decodeURIComponent(url.pathname.split('/')[4]));
			entry.status = 'cut';
			res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': file.length });
			res.write(file.subarray(0, fault.cutAfter));
			return setTimeout(() => req.socket.destroy(), 20);
		}
		let body = fault.body;
		// a server that echoes the request's headers in its error (a proxy, a debug build): what must never leak
		if (fault.echoHeaders) body = { ...body, request: { headers: req.headers } };
		return done(fault.status, body, fault.headers);
	}
	if (emu.apiKey && req.headers['x-api-key'] !== emu.apiKey) return done(401, { message: 'Unauthorized', statusCode: 401 });
	if (!matched) return done(404, { message: `Cannot ${req.method} ${url.pathname}`, error: 'Not Found', statusCode: 404 });
	const params = matched[1].exec(url.pathname).slice(1).map((part) => decodeURIComponent(part));
	const session = emu.sessions.get(params[0]);
	if (matched[2] === 'sessionInfo' && !session) return done(404, notFound('Session not found'));
	if (!session) return done(404, notFound(`We didn't find a session with name '${params[0]}'.\nPlease start it first by using POST /api/sessions/${params[0]}/start request`));
	if (!['sessionInfo', 'file'].includes(matched[2]) && session.status !== 'WORKING') {
		return done(422, { error: 'Session status is not as expected. Try again later or restart the session', session: session.name, status: session.status, expected: ['WORKING'] });
	}
	const [status, body] = HANDLERS[matched[2]](emu, session, params, url, entry.body);
	if (status === 'file') {
		entry.status = 200;
		res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
		return res.end(body);
	}
	return done(status, body);
}

function safeJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * Starts the emulator on 127.0.0.1 and a free port. options: {apiKey (undefined: WAHA without a key),
 * sessions: {name: engine} (default {default: 'WEBJS'}), chatCount (extra personal chats, default 0)}.
 */
async function startWahaEmulator(userOptions = {}) {
	const options = { sessions: { default: 'WEBJS' }, chatCount: 0, ...userOptions };
	const emu = createEmulator(options);
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://emulator');
		const handler = url.pathname.startsWith('/__control/') ? handleControl : handleApi;
		handler(emu, req, res, url).catch((error) => send(res, 500, { error: String(error) }));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	emu.baseUrl = `http://127.0.0.1:${port}`;
	let closing;
	return {
		url: emu.baseUrl,
		port,
		emu,
		credential: { baseUrl: emu.baseUrl, apiKey: options.apiKey ?? '', session: Object.keys(options.sessions)[0] },
		close() {
			closing ??= Promise.all([...emu.pending]).then(
				() =>
					new Promise((resolve) => {
						server.close(() => resolve());
						server.closeAllConnections();
					}),
			);
			return closing;
		},
	};
}

module.exports = { startWahaEmulator, WAHA_SEED, mediaBytes };
