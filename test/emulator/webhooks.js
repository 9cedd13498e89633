'use strict';
// Outgoing webhooks: GREEN-API notifications (re-sent until HTTP 200, FIFO) and WAHA `chat.archive` events
// (one attempt, optionally HMAC-signed). Every attempt is recorded in `deliveries`.
const http = require('node:http');
const https = require('node:https');
const { createHmac, randomBytes } = require('node:crypto');

const { SEED } = require('./seed');

const RESPONSE_KEEP_CHARS = 2000;

/** Which setting switches each GREEN-API notification type on ("yes") or off ("no"). */
const TYPE_SETTINGS = {
	incomingMessageReceived: 'incomingWebhook',
	outgoingMessageReceived: 'outgoingMessageWebhook',
	outgoingAPIMessageReceived: 'outgoingAPIMessageWebhook',
	outgoingMessageStatus: 'outgoingWebhook',
	stateInstanceChanged: 'stateWebhook',
	statusInstanceChanged: 'statusInstanceWebhook',
	incomingCall: 'incomingCallWebhook',
	incomingBlock: 'incomingBlockWebhook',
	deviceInfo: 'deviceWebhook',
};

const TEXT_MESSAGE = { typeMessage: 'textMessage', textMessageData: { textMessage: 'Hello from the emulator' } };
const CONTACT = { chatId: SEED.personalChatId, name: 'Anna Petrova' };

/** Type-specific fields of each GREEN-API notification, used where the caller gives none. */
const NOTIFICATION_DEFAULTS = {
	incomingMessageReceived: (n) => ({
		idMessage: n.idMessage,
		senderData: {
			chatId: CONTACT.chatId,
			chatName: CONTACT.name,
			sender: CONTACT.chatId,
			senderName: CONTACT.name,
			senderContactName: CONTACT.name,
		},
		messageData: TEXT_MESSAGE,
	}),
	outgoingMessageReceived: (n) => ({
		idMessage: n.idMessage,
		senderData: { chatId: CONTACT.chatId, chatName: CONTACT.name, sender: n.wid, senderName: '' },
		messageData: TEXT_MESSAGE,
	}),
	outgoingAPIMessageReceived: (n) => ({
		idMessage: n.idMessage,
		senderData: { chatId: CONTACT.chatId, chatName: CONTACT.name, sender: n.wid, senderName: '' },
		messageData: TEXT_MESSAGE,
	}),
	outgoingMessageStatus: (n) => ({ chatId: CONTACT.chatId, idMessage: n.idMessage, status: 'delivered', sendByApi: true }),
	stateInstanceChanged: (n) => ({ stateInstance: n.stateInstance }),
	statusInstanceChanged: () => ({ statusInstance: 'online' }),
	incomingCall: (n) => ({ from: CONTACT.chatId, idMessage: n.idMessage, status: 'offer' }),
	incomingBlock: () => ({ chatId: CONTACT.chatId, status: 'blocked' }),
	quotaExceeded: () => ({
		quotaData: {
			method: 'correspondents',
			used: 3,
			total: 3,
			status: 'CORRESPONDENTS_QUOTA_EXCEEDED',
			description: 'Monthly quota has been exceeded',
		},
	}),
	deviceInfo: () => ({
		deviceData: {
			platform: 'android',
			deviceManufacturer: 'Google',
			deviceModel: 'Pixel 7',
			osVersion: '14',
			waVersion: '2.24.21.8',
			battery: 80,
		},
	}),
};

/**
 * A GREEN-API notification: `fields` (typeWebhook required) over the type's defaults over the envelope.
 * instance: { idInstance, wid, stateInstance }; sequence numbers the generated idMessage.
 */
function greenApiEnvelope(fields, instance, sequence) {
	const defaults = NOTIFICATION_DEFAULTS[fields.typeWebhook];
	const idMessage = `3EB0${sequence.toString(16).toUpperCase().padStart(16, '0')}`;
	return {
		typeWebhook: fields.typeWebhook,
		instanceData: { idInstance: Number(instance.idInstance), wid: instance.wid, typeInstance: 'whatsapp' },
		timestamp: Math.floor(Date.now() / 1000),
		...(defaults ? defaults({ ...instance, idMessage }) : {}),
		...fields,
	};
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 Crockford base32 characters: 48 bits of time, 80 random bits), as WAHA's event ids use. */
function ulid(timeMs) {
	let time = '';
	for (let t = timeMs, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
	const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
	return time + random;
}

/** WAHA's envelope for a `chat.archive` event; `timestamp` in milliseconds, the payload's in seconds. */
function wahaArchiveEvent({ id, timestamp, session, me, chatId, archived }) {
	return {
		id,
		timestamp,
		event: 'chat.archive',
		session,
		metadata: {},
		me,
		engine: 'WEBJS',
		environment: { version: '2024.11.1', engine: 'WEBJS', tier: 'PLUS', browser: '/usr/bin/chromium' },
		payload: { id: chatId, timestamp: Math.floor(timestamp / 1000), archived },
	};
}

/** One POST; resolves { status, response } or { status: null, error } and never rejects. */
function post(url, headers, body, { timeoutMs, signal }) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			resolve({ status: null, error: 'invalid url' });
			return;
		}
		const client = target.protocol === 'https:' ? https : http;
		const request = client.request(
			target,
			{
				method: 'POST',
				headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
				agent: false,
				timeout: timeoutMs,
				signal,
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => {
					if (text.length < RESPONSE_KEEP_CHARS) text += chunk;
				});
				response.on('end', () => resolve({ status: response.statusCode, response: text.slice(0, RESPONSE_KEEP_CHARS) }));
				response.on('error', (error) => resolve({ status: null, error: error.code || error.message }));
			},
		);
		request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		request.on('error', (error) => resolve({ status: null, error: error.code || error.message }));
		request.end(body);
	});
}

class Webhooks {
	/** config: { retryDelayMs, maxAttempts, timeoutMs }, changeable at run time with configure(). */
	constructor(config) {
		this.config = { ...config };
		this.deliveries = [];
		this.queue = [];
		this.timer = null;
		this.draining = false;
		this.closed = false;
		this.generation = 0;
		this.aborts = new Set();
		this.nextId = 1;
	}

	/** Numbers notifications (and their generated idMessage), whether sent to a webhook or queued. */
	nextSequence() {
		return this.nextId++;
	}

	configure(changes) {
		Object.assign(this.config, changes);
		this.reschedule();
	}

	/**
	 * Sends a GREEN-API notification built by greenApiEnvelope now; when the answer is not HTTP 200 it is queued
	 * for re-sending. Resolves after the first attempt with { id, delivered, status }.
	 */
	async sendGreenApi(url, token, fields, instance) {
		const id = this.nextSequence();
		const headers = { 'Content-Type': 'application/json' };
		if (token) headers.Authorization = `Bearer ${token}`;
		const envelope = greenApiEnvelope(fields, instance, id);
		const body = JSON.stringify(envelope);
		const result = await this.attempt({ id, kind: 'green-api', type: envelope.typeWebhook, url, headers, body, attempts: 0 });
		return { id, delivered: result.status === 200, status: result.status };
	}

	/**
	 * Sends one WAHA `chat.archive` event (no re-sending): `body` replaces the built JSON when given; the HMAC
	 * covers the exact bytes sent; `extraHeaders` go last (they can override the others).
	 */
	async sendWaha(options, me) {
		const { url, hmacKey, session = 'default', timestamp = Date.now(), extraHeaders = {}, body } = options;
		const id = `evt_${ulid(timestamp)}`;
		const raw = body ?? JSON.stringify(wahaArchiveEvent({ ...options, id, session, timestamp, me }));
		const headers = {
			'Content-Type': 'application/json',
			'X-Webhook-Request-Id': id,
			'X-Webhook-Timestamp': String(timestamp),
		};
		if (hmacKey) {
			headers['X-Webhook-Hmac'] = createHmac('sha512', hmacKey).update(Buffer.from(raw, 'utf8')).digest('hex');
			headers['X-Webhook-Hmac-Algorithm'] = 'sha512';
		}
		const result = await this.attempt(
			{ id, kind: 'waha', type: 'chat.archive', url, headers: { ...headers, ...extraHeaders }, body: raw, attempts: 0 },
			{ retry: false },
		);
		const delivered = result.status >= 200 && result.status < 300;
		return { id, status: result.status, delivered, response: result.response };
	}

	async attempt(item, { retry = true } = {}) {
		const generation = this.generation;
		const abort = new AbortController();
		this.aborts.add(abort);
		item.attempts += 1;
		const { timeoutMs } = this.config;
		const result = await post(item.url, item.headers, item.body, { timeoutMs, signal: abort.signal });
		this.aborts.delete(abort);
		if (generation !== this.generation) return result;
		this.deliveries.push({
			id: item.id,
			kind: item.kind,
			type: item.type,
			url: item.url,
			attempt: item.attempts,
			status: result.status,
			...(result.error ? { error: result.error } : {}),
			time: Date.now(),
		});
		if (retry && result.status !== 200 && item.attempts < this.config.maxAttempts) {
			item.failedAt = Date.now();
			this.queue.push(item);
			this.reschedule();
		}
		return result;
	}

	/** Arms one timer for the queue's head: due retryDelayMs after its last failure (current setting). */
	reschedule() {
		clearTimeout(this.timer);
		this.timer = null;
		if (this.closed || this.draining || this.queue.length === 0) return;
		const wait = Math.max(0, this.queue[0].failedAt + this.config.retryDelayMs - Date.now());
		this.timer = setTimeout(() => this.drain(), wait);
	}

	/** Re-sends due notifications one at a time, in the order they failed. */
	async drain() {
		this.timer = null;
		this.draining = true;
		const generation = this.generation;
		while (generation === this.generation && this.queue.length > 0) {
			const head = this.queue[0];
			if (head.failedAt + this.config.retryDelayMs > Date.now()) break;
			this.queue.shift();
			await this.attempt(head);
		}
		if (generation === this.generation) {
			this.draining = false;
			this.reschedule();
		}
	}

	/** Forgets queued re-sends and deliveries, and aborts attempts under way. */
	clear() {
		this.generation += 1;
		this.draining = false;
		this.queue = [];
		this.deliveries.length = 0;
		for (const abort of this.aborts) abort.abort();
		this.aborts.clear();
		this.reschedule();
	}

	close() {
		this.closed = true;
		this.clear();
	}
}

/** A fixed incoming text message webhook as GREEN-API posts it (tests and benchmarks that post webhooks themselves). */
function incomingTextWebhook(idMessage) {
	return {
		typeWebhook: 'incomingMessageReceived',
		instanceData: { idInstance: 1101000001, wid: '79001230000@c.us', typeInstance: 'whatsapp' },
		timestamp: 1731000000,
		idMessage,
		senderData: { chatId: '79001234567@c.us', sender: '79001234567@c.us' },
		messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'hello' } },
	};
}

module.exports = { Webhooks, TYPE_SETTINGS, greenApiEnvelope, incomingTextWebhook };
