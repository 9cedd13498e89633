'use strict';
// Queues: the outgoing message queue (messages waiting to be sent) and the incoming notification queue (../api/
// notifications.js keeps it in state.notifications). GREEN-API sends at once in this emulator, so the outgoing queue
// holds only what a test puts there through the control API, or what another area pushes to state.outgoingQueue
// (entries `{chatId, message?, typeMessage?}`). Clearing the notification queue works at most once a minute, as on
// GREEN-API.

const CLEAR_WEBHOOKS_INTERVAL_MS = 60000;

module.exports = (lib) => {
	const { ValidationError, results, chatIdField } = lib;

	/** showMessagesQueue's entries, oldest first. */
	function showMessagesQueue({ state }) {
		return results.json(
			state.outgoingQueue.map((entry, index) => ({
				messageID: entry.messageID ?? `QUEUED${String(index + 1).padStart(10, '0')}`,
				messagesIDs: [],
				type: entry.typeMessage ?? 'textMessage',
				body: { chatId: entry.chatId, message: entry.message ?? '' },
			})),
		);
	}

	function getMessagesCount({ state }) {
		return results.json({ count: state.outgoingQueue.length });
	}

	function clearMessagesQueue({ state }) {
		state.outgoingQueue.length = 0;
		return results.json({ isCleared: true });
	}

	function getWebhooksCount({ state }) {
		return results.json({ count: state.notifications ? state.notifications.queue.length : 0 });
	}

	function clearWebhooksQueue({ state }) {
		const now = Date.now();
		const left = state.queues.lastWebhooksClear + CLEAR_WEBHOOKS_INTERVAL_MS - now;
		if (left > 0) return results.json({ isCleared: false, reason: 'Too many requests', leftTime: Math.ceil(left / 1000) });
		state.queues.lastWebhooksClear = now;
		if (state.notifications) state.notifications.queue.length = 0;
		return results.json({ isCleared: true, reason: '' });
	}

	return {
		methods: {
			showMessagesQueue: { verb: 'GET', limit: 1, handle: showMessagesQueue },
			getMessagesCount: { verb: 'GET', limit: 1, handle: getMessagesCount },
			clearMessagesQueue: { verb: 'GET', limit: 1, handle: clearMessagesQueue },
			getWebhooksCount: { verb: 'GET', limit: 1, handle: getWebhooksCount },
			clearWebhooksQueue: { verb: 'DELETE', limit: 1, handle: clearWebhooksQueue },
		},
		initState(state) {
			// another area (messages) may have created it already
			state.outgoingQueue ??= [];
			state.queues = { lastWebhooksClear: -Infinity };
		},
		controlRoutes: {
			/** Puts messages in the outgoing queue: { messages: [{chatId, message}] }. */
			'POST /__control/queues/messages': (emu, body) => {
				if (!Array.isArray(body.messages)) throw new ValidationError("'messages' must be an array");
				for (const entry of body.messages) {
					chatIdField(entry);
					emu.state.outgoingQueue.push({ chatId: entry.chatId, message: String(entry.message ?? '') });
				}
				return { count: emu.state.outgoingQueue.length };
			},
		},
	};
};
