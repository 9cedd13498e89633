'use strict';
// The HTTP API queue: GREEN-API keeps every notification in a FIFO queue while the instance has no webhook URL, and
// hands out its head by long poll until the receiver deletes it. Fed by the same notification builder as the
// webhooks (../webhooks.js greenApiEnvelope), through the control API (../control.js).

/** receiveTimeout's bounds and default, in seconds (GREEN-API's). */
const RECEIVE_TIMEOUT = { min: 5, max: 60, default: 5 };

function initState(state) {
	state.notifications = {
		queue: [],
		nextReceiptId: 1,
		/** Long polls waiting for a notification: each is woken (to look again) when one arrives. */
		waiters: new Set(),
		/** Every receipt handed out and deleted, in order (for tests). */
		received: [],
		deleted: [],
		/** Long polls wait receiveTimeout × this (tests shorten the idle wait); set through the control API. */
		longPollScale: 1,
	};
}

/** Adds a notification (a webhook envelope) to the queue's tail; returns its receipt id. */
function enqueueNotification(state, body) {
	const queue = state.notifications;
	const receiptId = queue.nextReceiptId++;
	queue.queue.push({ receiptId, body });
	for (const wake of [...queue.waiters]) wake();
	return receiptId;
}

/** Sets a chat's archive state as the phone would (GREEN-API sends no notification for it; getChats shows it). */
function setChatArchive(state, chatId, archived) {
	const chat = state.chats.get(chatId);
	if (!chat) return false;
	chat.archive = archived;
	return true;
}

module.exports = (lib) => {
	const { results, ValidationError } = lib;

	function receiveTimeoutOf(query) {
		const raw = query.get('receiveTimeout');
		if (raw === null || raw === '') return RECEIVE_TIMEOUT.default;
		const seconds = Number(raw);
		if (!Number.isInteger(seconds) || seconds < RECEIVE_TIMEOUT.min || seconds > RECEIVE_TIMEOUT.max) {
			throw new ValidationError(`'receiveTimeout' must be from ${RECEIVE_TIMEOUT.min} to ${RECEIVE_TIMEOUT.max}`);
		}
		return seconds;
	}

	/** The queue's head, or null once receiveTimeout passed without one (always null while a webhook URL is set). */
	async function receiveNotification({ state, query }) {
		const seconds = receiveTimeoutOf(query);
		const queue = state.notifications;
		const deadline = Date.now() + seconds * 1000 * queue.longPollScale;
		for (;;) {
			const head = state.settings.webhookUrl ? undefined : queue.queue[0];
			if (head) {
				queue.received.push(head.receiptId);
				return results.json({ receiptId: head.receiptId, body: head.body });
			}
			const left = deadline - Date.now();
			if (left <= 0) return results.json(null);
			await new Promise((resolve) => {
				const wake = () => {
					clearTimeout(timer);
					queue.waiters.delete(wake);
					resolve();
				};
				const timer = setTimeout(wake, left);
				timer.unref();
				queue.waiters.add(wake);
			});
			if (state.notifications !== queue) return results.json(null); // the instance was reset meanwhile
		}
	}

	function deleteNotification({ state, pathArg }) {
		const receiptId = Number(pathArg);
		if (!pathArg || !Number.isInteger(receiptId)) throw new ValidationError("'receiptId' must be an integer");
		const queue = state.notifications;
		const index = queue.queue.findIndex((item) => item.receiptId === receiptId);
		if (index < 0) return results.json({ result: false, reason: 'Notification not found' });
		queue.queue.splice(index, 1);
		queue.deleted.push(receiptId);
		return results.json({ result: true });
	}

	return {
		initState,
		methods: {
			receiveNotification: { verb: 'GET', limit: 100, handle: receiveNotification },
			deleteNotification: { verb: 'DELETE', limit: 100, handle: deleteNotification },
		},
	};
};

module.exports.enqueueNotification = enqueueNotification;
module.exports.setChatArchive = setChatArchive;
module.exports.RECEIVE_TIMEOUT = RECEIVE_TIMEOUT;
