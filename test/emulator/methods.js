'use strict';
// The emulated GREEN-API methods: one entry per method with its HTTP verb, its per-second rate limit
// (GREEN-API's published table) and its handler. Handlers get { state, body, query } and return a result
// (see results below) or throw a ValidationError, which the server turns into the Spring-style 400 body.
const fs = require('node:fs');
const path = require('node:path');

const { chatRecord, seedMessage } = require('./seed');

class ValidationError extends Error {}

const CHAT_ID = /^(\d+@c\.us|\d+(-\d+)?@g\.us|\d+@lid)$/;
const CHAT_ID_FORMATS = "must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'";
const MAX_MESSAGE_LENGTH = 20000;

const results = {
	json: (value, status = 200) => ({
		status,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(value),
	}),
	text: (text, status) => ({ status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text }),
	empty: () => ({ status: 200, headers: {}, body: '' }),
};

// ---- validation ----

function requireField(body, field) {
	const value = body[field];
	if (value === undefined || value === null || value === '') throw new ValidationError(`'${field}' is required`);
	return value;
}

function chatIdField(body, field = 'chatId') {
	const value = requireField(body, field);
	if (typeof value !== 'string' || !CHAT_ID.test(value)) throw new ValidationError(`'${field}' ${CHAT_ID_FORMATS}`);
	return value;
}

function countField(value, fallback) {
	if (value === undefined || value === null || value === '') return fallback;
	const count = Number(value);
	if (!Number.isInteger(count) || count < 1) throw new ValidationError("'count' must be a positive integer");
	return count;
}

function messageField(body) {
	const message = requireField(body, 'message');
	if (typeof message !== 'string') throw new ValidationError("'message' must be a string");
	if (message.length > MAX_MESSAGE_LENGTH) {
		throw new ValidationError(`'message' length must be less than or equal to ${MAX_MESSAGE_LENGTH} characters long`);
	}
	return message;
}

/** A new value for an existing setting must keep its kind: "yes"/"no" flags, integers or strings. */
function checkSetting(key, current, value) {
	const isFlag = current === 'yes' || current === 'no';
	if (isFlag && value !== 'yes' && value !== 'no') throw new ValidationError(`'${key}' must be one of [yes, no]`);
	if (typeof current === 'number' && !(Number.isInteger(value) && value >= 0)) {
		throw new ValidationError(`'${key}' must be a non-negative integer`);
	}
	if (typeof current === 'string' && typeof value !== 'string') throw new ValidationError(`'${key}' must be a string`);
}

// ---- state helpers ----

function chatsByActivity(state) {
	return [...state.chats.values()].sort((a, b) => b.activity - a.activity);
}

function chatSummary(chat) {
	const { archive, id, ephemeralExpiration, ephemeralSettingTimestamp, name, type } = chat;
	return { archive, id, ephemeralExpiration, ephemeralSettingTimestamp, name, type };
}

function messageCount(chat) {
	return chat.sent.length + chat.seedCount;
}

/** Up to `count` messages of `chat`, newest first: those sent at run time, then the seeded ones. */
function history(chat, count) {
	const messages = [];
	for (let i = chat.sent.length - 1; i >= 0 && messages.length < count; i--) messages.push(chat.sent[i]);
	for (let k = 0; k < chat.seedCount && messages.length < count; k++) messages.push(seedMessage(chat, k));
	return messages;
}

function ensureChat(state, chatId) {
	if (!state.chats.has(chatId)) state.chats.set(chatId, chatRecord(chatId));
	return state.chats.get(chatId);
}

function isKnownContact(state, chatId) {
	if (state.chats.has(chatId)) return true;
	for (const group of state.groups.values()) {
		if (group.participants.some((p) => p.id === chatId)) return true;
	}
	return false;
}

// ---- handlers ----

function getChats({ state, query }) {
	const count = countField(query.get('count'), Infinity);
	return results.json(chatsByActivity(state).slice(0, count).map(chatSummary));
}

function archiveChat({ state, body }) {
	const chatId = chatIdField(body);
	const chat = state.chats.get(chatId);
	if (!chat || messageCount(chat) === 0) {
		return results.text('ArchiveChatError: cannot archive chat cause last message not found in chat', 400);
	}
	if (chat.archive) return results.text(`ArchiveChatError: chat with id ${chatId} already archive=true`, 400);
	chat.archive = true;
	return results.empty();
}

function unarchiveChat({ state, body }) {
	const chatId = chatIdField(body);
	const chat = state.chats.get(chatId);
	if (!chat) return results.text(`UnarchiveChatError: chat with id ${chatId} not found`, 400);
	if (!chat.archive) return results.text(`UnarchiveChatError: chat with id ${chatId} already archive=false`, 400);
	chat.archive = false;
	return results.empty();
}

function getChatHistory({ state, body }) {
	const chatId = chatIdField(body);
	const count = countField(body.count, 100);
	const chat = state.chats.get(chatId);
	return results.json(chat ? history(chat, count) : []);
}

function sendMessage({ state, body }) {
	const chatId = chatIdField(body);
	const message = messageField(body);
	const chat = ensureChat(state, chatId);
	state.messageCounter += 1;
	const idMessage = `BAE5${state.messageCounter.toString(16).toUpperCase().padStart(16, '0')}`;
	chat.sent.push({
		type: 'outgoing',
		timestamp: Math.floor(Date.now() / 1000),
		idMessage,
		statusMessage: 'sent',
		typeMessage: 'textMessage',
		chatId,
		textMessage: message,
		sendByApi: true,
		isForwarded: false,
		forwardingScore: 0,
	});
	state.activityCounter += 1;
	chat.activity = state.activityCounter;
	return results.json({ idMessage });
}

/**
 * verb, per-second limit, handler; `anyState` methods also answer when the instance is not authorized. The instance,
 * groups, contacts, queues and calls are in ./api/ (instance.js, groups.js, contacts.js, queues.js, calls.js).
 */
const METHODS = {
	getChats: { verb: 'GET', limit: 1, handle: getChats },
	archiveChat: { verb: 'POST', limit: 10, handle: archiveChat },
	unarchiveChat: { verb: 'POST', limit: 10, handle: unarchiveChat },
	getChatHistory: { verb: 'POST', limit: 1, handle: getChatHistory },
	sendMessage: { verb: 'POST', limit: 50, handle: sendMessage },
};

/** What the method areas in ./api/ get to build their handlers with. */
const LIB = {
	ValidationError,
	results,
	requireField,
	chatIdField,
	countField,
	messageField,
	checkSetting,
	chatsByActivity,
	chatSummary,
	messageCount,
	history,
	ensureChat,
	isKnownContact,
};

/**
 * The method areas: every file in ./api/ exports `(lib) => ({ methods, initState? })`; `methods` are more entries
 * like METHODS above, `initState(state)` adds what the area keeps to a fresh instance state.
 */
const AREAS = fs
	.readdirSync(path.join(__dirname, 'api'))
	.filter((name) => name.endsWith('.js'))
	.sort()
	.map((name) => require(path.join(__dirname, 'api', name))(LIB));
for (const area of AREAS) Object.assign(METHODS, area.methods);

/** The areas' own control routes ("VERB /__control/…" → (emu, body) => answer), added to control.js's. */
const AREA_CONTROL_ROUTES = Object.assign({}, ...AREAS.map((area) => area.controlRoutes ?? {}));

/** Adds each area's own data to a fresh instance state. */
function initAreaState(state) {
	for (const area of AREAS) area.initState?.(state);
	return state;
}

/** Method names are case-insensitive: lowercased name → { name, verb, limit, anyState, handle }. */
const METHODS_BY_KEY = new Map(Object.entries(METHODS).map(([name, spec]) => [name.toLowerCase(), { name, ...spec }]));

module.exports = {
	METHODS_BY_KEY,
	ValidationError,
	results,
	chatsByActivity,
	chatSummary,
	messageCount,
	initAreaState,
	AREA_CONTROL_ROUTES,
};
