'use strict';
// The test control API under /__control/: request log and stats, rate limits, fault injection, instance state,
// reset, and webhook sending (GREEN-API notifications and WAHA chat.archive events). JSON in and out.
const { METHODS_BY_KEY, chatsByActivity, chatSummary, messageCount, AREA_CONTROL_ROUTES, ValidationError } = require('./methods');
const { TYPE_SETTINGS, greenApiEnvelope } = require('./webhooks');
const { enqueueNotification, setChatArchive } = require('./api/notifications');
const { acceptedByMethod } = require('./accepted');

const INSTANCE_STATES = ['notAuthorized', 'authorized', 'blocked', 'sleepMode', 'starting', 'yellowCard'];

class ControlError extends Error {
	constructor(message, status = 400) {
		super(message);
		this.status = status;
	}
}

function check(condition, message) {
	if (!condition) throw new ControlError(message);
}

function isNonNegativeInteger(value) {
	return Number.isInteger(value) && value >= 0;
}

function stats(log) {
	const byStatus = {};
	const byMethod = {};
	for (const entry of log) {
		const status = String(entry.status);
		const name = METHODS_BY_KEY.get(String(entry.method).toLowerCase())?.name ?? String(entry.method);
		byStatus[status] = (byStatus[status] ?? 0) + 1;
		byMethod[name] ??= { total: 0 };
		byMethod[name].total += 1;
		byMethod[name][status] = (byMethod[name][status] ?? 0) + 1;
	}
	return { total: log.length, byStatus, byMethod };
}

/** A fault rule from the control request, checked and normalised. */
function faultRule(body) {
	const { method = '*', times = 1, status, body: answer, headers = {}, delayMs = 0, malformed, drop, afterHandling } = body;
	check(typeof method === 'string' && method !== '', "'method' must be an API method name or \"*\"");
	check(times === -1 || (Number.isInteger(times) && times >= 1), "'times' must be a positive integer or -1 (forever)");
	const isStatus = Number.isInteger(status) && status >= 100 && status <= 599;
	check(status === undefined || isStatus, "'status' must be an HTTP status");
	check(isNonNegativeInteger(delayMs), "'delayMs' must be a non-negative integer");
	check(headers !== null && typeof headers === 'object', "'headers' must be an object");
	return {
		method: method.toLowerCase(),
		times,
		status,
		body: answer === undefined || typeof answer === 'string' ? answer : JSON.stringify(answer),
		headers,
		delayMs,
		malformed: Boolean(malformed),
		drop: Boolean(drop),
		afterHandling: Boolean(afterHandling),
	};
}

function stateView({ state, rateLimits }) {
	return {
		stateInstance: state.stateInstance,
		settings: state.settings,
		rateLimits: rateLimits.enabled,
		chats: chatsByActivity(state).map((chat) => ({ ...chatSummary(chat), messages: messageCount(chat) })),
		groups: [...state.groups.values()].map(({ id, subject, owner, participants }) => ({
			id,
			subject,
			owner,
			participants,
		})),
	};
}

function sendGreenApiWebhook(emu, body) {
	const { force = false, ...fields } = body;
	check(typeof fields.typeWebhook === 'string' && fields.typeWebhook !== '', "'typeWebhook' is required");
	const { settings, stateInstance, idInstance, wid } = emu.state;
	const setting = TYPE_SETTINGS[fields.typeWebhook];
	if (!force && setting && settings[setting] !== 'yes') {
		return { id: null, delivered: false, status: null, skipped: `${setting} is "${settings[setting]}"` };
	}
	const instance = { idInstance, wid, stateInstance };
	// without a webhook URL GREEN-API keeps the notification in the HTTP API queue
	if (!settings.webhookUrl) {
		const id = emu.webhooks.nextSequence();
		return { id, queued: true, receiptId: enqueueNotification(emu.state, greenApiEnvelope(fields, instance, id)) };
	}
	return emu.webhooks.sendGreenApi(settings.webhookUrl, settings.webhookUrlToken, fields, instance);
}

/** Many notifications at once ({notifications: [fields, …]}), each as sendGreenApiWebhook would; in order. */
async function sendGreenApiBatch(emu, body) {
	check(Array.isArray(body.notifications), "'notifications' must be an array of notifications");
	const sent = [];
	for (const fields of body.notifications) sent.push(await sendGreenApiWebhook(emu, fields));
	return sent;
}

function queueView(emu) {
	const { queue, received, deleted, longPollScale } = emu.state.notifications;
	return { length: queue.length, receiptIds: queue.map((item) => item.receiptId), received, deleted, longPollScale };
}

function configureQueue(emu, { longPollScale }) {
	check(typeof longPollScale === 'number' && longPollScale > 0 && longPollScale <= 1, "'longPollScale' must be in (0, 1]");
	emu.state.notifications.longPollScale = longPollScale;
	return queueView(emu);
}

function changeChatArchive(emu, { chatId, archived }) {
	check(typeof chatId === 'string' && chatId !== '', "'chatId' is required");
	check(typeof archived === 'boolean', "'archived' must be true or false");
	if (!setChatArchive(emu.state, chatId, archived)) throw new ControlError(`no chat ${chatId}`, 404);
	return { chatId, archived };
}

function sendWahaWebhook(emu, body) {
	check(typeof body.url === 'string' && body.url !== '', "'url' is required");
	if (body.body === undefined) {
		check(typeof body.chatId === 'string' && body.chatId !== '', "'chatId' is required");
		check(typeof body.archived === 'boolean', "'archived' must be true or false");
	} else {
		check(typeof body.body === 'string', "'body' must be a string (the raw request body)");
	}
	const { timestamp } = body;
	check(timestamp === undefined || isNonNegativeInteger(timestamp), "'timestamp' must be milliseconds since the epoch");
	return emu.webhooks.sendWaha(body, { id: emu.state.wid, pushName: 'GREEN-API Emulator' });
}

function configureWebhooks(emu, { retryDelayMs, maxAttempts, timeoutMs }) {
	const changes = { retryDelayMs, maxAttempts, timeoutMs };
	for (const [key, value] of Object.entries(changes)) {
		if (value === undefined) delete changes[key];
		else check(isNonNegativeInteger(value), `'${key}' must be a non-negative integer`);
	}
	check(changes.maxAttempts !== 0, "'maxAttempts' must be at least 1");
	emu.webhooks.configure(changes);
	return emu.webhooks.config;
}

/** "VERB /path" → (emu, body) => answer (or a promise of it). */
const ROUTES = {
	'GET /__control/log': (emu) => emu.log,
	'DELETE /__control/log': (emu) => {
		emu.log.length = 0;
		return { cleared: true };
	},
	'GET /__control/stats': (emu) => stats(emu.log),
	'GET /__control/accepted': (emu) => acceptedByMethod(emu.log),
	'POST /__control/rate-limits': (emu, body) => {
		check(typeof body.enabled === 'boolean', "'enabled' must be true or false");
		emu.rateLimits.enabled = body.enabled;
		emu.rateLimits.windows.clear();
		return { enabled: body.enabled };
	},
	'GET /__control/faults': (emu) => emu.faults,
	'POST /__control/faults': (emu, body) => {
		emu.faults.push(faultRule(body));
		return { faults: emu.faults.length };
	},
	'DELETE /__control/faults': (emu) => {
		emu.faults.length = 0;
		return { faults: 0 };
	},
	'GET /__control/state': (emu) => stateView(emu),
	'POST /__control/state': (emu, body) => {
		check(INSTANCE_STATES.includes(body.stateInstance), `'stateInstance' must be one of ${INSTANCE_STATES.join(', ')}`);
		emu.state.stateInstance = body.stateInstance;
		return { stateInstance: body.stateInstance };
	},
	'POST /__control/reset': (emu) => {
		emu.reset();
		return { reset: true };
	},
	'POST /__control/webhooks/green-api': sendGreenApiWebhook,
	'POST /__control/webhooks/green-api/batch': sendGreenApiBatch,
	'GET /__control/queue': queueView,
	'POST /__control/queue/config': configureQueue,
	'POST /__control/chats/archive': changeChatArchive,
	'POST /__control/webhooks/waha': sendWahaWebhook,
	'POST /__control/webhooks/config': configureWebhooks,
	'GET /__control/deliveries': (emu) => emu.webhooks.deliveries,
};

function readJson(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('error', reject);
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			try {
				const value = raw.trim() === '' ? {} : JSON.parse(raw);
				check(value !== null && typeof value === 'object' && !Array.isArray(value), 'the body must be a JSON object');
				resolve(value);
			} catch (error) {
				reject(error instanceof ControlError ? error : new ControlError(`invalid JSON: ${error.message}`));
			}
		});
	});
}

function reply(res, status, value) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(value));
}

async function handleControl(emu, req, res, url) {
	const key = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
	const route = ROUTES[key] ?? AREA_CONTROL_ROUTES[key];
	try {
		const body = await readJson(req);
		if (!route) throw new ControlError(`no control route ${req.method} ${url.pathname}`, 404);
		reply(res, 200, await route(emu, body));
	} catch (error) {
		const status = error instanceof ControlError ? error.status : error instanceof ValidationError ? 400 : 500;
		reply(res, status, { error: error.message });
	}
}

module.exports = { handleControl };
