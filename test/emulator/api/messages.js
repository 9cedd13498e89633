'use strict';
// Messages: every kind of send (they land in the chat's history and the outgoing journal), forward, typing, edit,
// delete, get, read marks, the journals, and disappearing messages. Stateful, in the chats of ../seed.js.

const MESSAGE_ID = /^[A-Za-z0-9_.:-]{4,128}$/;

module.exports = (lib) => {
	const { ValidationError, results, requireField, chatIdField, messageField, ensureChat, chatsByActivity, history } = lib;

	function nextMessageId(state) {
		state.messageCounter += 1;
		return `BAE5${state.messageCounter.toString(16).toUpperCase().padStart(16, '0')}`;
	}

	/** A message the instance sent, added to the chat's history (the outgoing journal reads the histories). */
	function recordOutgoing(state, chatId, fields) {
		const chat = ensureChat(state, chatId);
		const message = {
			type: 'outgoing',
			timestamp: Math.floor(Date.now() / 1000),
			idMessage: nextMessageId(state),
			statusMessage: 'sent',
			chatId,
			sendByApi: true,
			isForwarded: false,
			forwardingScore: 0,
			...fields,
		};
		chat.sent.push(message);
		state.activityCounter += 1;
		chat.activity = state.activityCounter;
		return message;
	}

	function findMessage(state, chatId, idMessage) {
		const chat = state.chats.get(chatId);
		if (!chat) return undefined;
		return history(chat, Infinity).find((message) => message.idMessage === idMessage);
	}

	function messageIdField(body, field = 'idMessage') {
		const value = requireField(body, field);
		if (typeof value !== 'string' || !MESSAGE_ID.test(value)) throw new ValidationError(`'${field}' must be a message id`);
		return value;
	}

	const send = (build) => ({ state, body }) => {
		const chatId = chatIdField(body);
		const message = recordOutgoing(state, chatId, build(body));
		if (body.quotedMessageId !== undefined) message.quotedMessageId = messageIdField(body, 'quotedMessageId');
		return results.json({ idMessage: message.idMessage });
	};

	const sendPoll = send((body) => {
		const message = messageField(body);
		const { options } = body;
		if (!Array.isArray(options) || options.length < 2 || options.length > 12) {
			throw new ValidationError("'options' must contain from 2 to 12 items");
		}
		const names = options.map((option) => option?.optionName);
		if (names.some((name) => typeof name !== 'string' || name === '') || new Set(names).size !== names.length) {
			throw new ValidationError("'options' must be unique non-empty optionName values");
		}
		return { typeMessage: 'pollMessage', pollMessageData: { name: message, options, multipleAnswers: Boolean(body.multipleAnswers) } };
	});

	const sendLocation = send((body) => {
		const { latitude, longitude } = body;
		if (typeof latitude !== 'number' || Math.abs(latitude) > 90) throw new ValidationError("'latitude' must be between -90 and 90");
		if (typeof longitude !== 'number' || Math.abs(longitude) > 180) throw new ValidationError("'longitude' must be between -180 and 180");
		return { typeMessage: 'locationMessage', location: { latitude, longitude, nameLocation: body.nameLocation ?? '', address: body.address ?? '' } };
	});

	const sendContact = send((body) => {
		const contact = requireField(body, 'contact');
		if (!Number.isInteger(contact.phoneContact)) throw new ValidationError("'contact.phoneContact' must be a number");
		return { typeMessage: 'contactMessage', contact };
	});

	const buttons = (reply) =>
		send((body) => {
			requireField(body, 'body');
			const list = body.buttons;
			if (!Array.isArray(list) || list.length < 1 || list.length > 3) throw new ValidationError("'buttons' must contain from 1 to 3 items");
			for (const button of list) {
				if (!button.buttonId || !button.buttonText || button.buttonText.length > 25) throw new ValidationError("'buttonText' must be 1 to 25 characters");
				if (!reply && !['copy', 'call', 'url'].includes(button.type)) throw new ValidationError("'type' must be one of [copy, call, url]");
				// the emulator only records a URL button's link: it never fetches it
				if (button.type === 'url' && !/^https?:\/\/\S+$/.test(button.url ?? '')) throw new ValidationError("'url' must be an http or https URL");
			}
			const typeMessage = reply ? 'interactiveButtonsReply' : 'interactiveButtons';
			return { typeMessage, [typeMessage]: { header: body.header ?? '', body: body.body, footer: body.footer ?? '', buttons: list } };
		});

	function forwardMessages({ state, body }) {
		const chatId = chatIdField(body);
		const chatIdFrom = chatIdField(body, 'chatIdFrom');
		const { messages } = body;
		if (!Array.isArray(messages) || messages.length === 0) throw new ValidationError("'messages' must not be empty");
		const forwarded = [];
		for (const idMessage of messages) {
			const original = findMessage(state, chatIdFrom, idMessage);
			if (!original) continue;
			const { type: _type, idMessage: _id, timestamp: _time, chatId: _chat, statusMessage: _status, ...content } = original;
			forwarded.push(recordOutgoing(state, chatId, { ...content, isForwarded: true, forwardingScore: (original.forwardingScore ?? 0) + 1 }).idMessage);
		}
		return results.json({ messages: forwarded });
	}

	function sendTyping({ state, body }) {
		const chatId = chatIdField(body);
		const { typingTime } = body;
		if (typingTime !== undefined && (!Number.isInteger(typingTime) || typingTime < 1000 || typingTime > 20000)) {
			throw new ValidationError("'typingTime' must be from 1000 to 20000");
		}
		if (body.typingType !== undefined && body.typingType !== 'recording') throw new ValidationError("'typingType' must be 'recording'");
		state.typing.push({ chatId, typingTime, typingType: body.typingType ?? 'typing' });
		return results.empty();
	}

	function editMessage({ state, body }) {
		const chatId = chatIdField(body);
		const idMessage = messageIdField(body);
		const text = messageField(body);
		const message = findMessage(state, chatId, idMessage);
		if (!message || message.type !== 'outgoing' || message.deleted) return results.text(`message ${idMessage} not found`, 400);
		if (!['textMessage', 'extendedTextMessage'].includes(message.typeMessage)) return results.text('only text messages can be edited', 400);
		message.textMessage = text;
		message.isEdited = true;
		return results.json({ idMessage });
	}

	function deleteMessage({ state, body }) {
		const chatId = chatIdField(body);
		const idMessage = messageIdField(body);
		const message = findMessage(state, chatId, idMessage);
		if (!message || message.deleted) return results.text(`message ${idMessage} not found`, 400);
		message.deleted = true;
		message.isDeleted = true;
		message.onlySenderDelete = body.onlySenderDelete === true;
		return results.empty();
	}

	function getMessage({ state, body }) {
		const chatId = chatIdField(body);
		const idMessage = messageIdField(body);
		const message = findMessage(state, chatId, idMessage);
		if (!message) return results.text(`message ${idMessage} not found`, 400);
		return results.json(message);
	}

	function readChat({ state, body }) {
		const chatId = chatIdField(body);
		const idMessage = body.idMessage === undefined ? undefined : messageIdField(body);
		// GREEN-API answers {setRead: false} (HTTP 200) when there is nothing to mark: an unknown chat or message
		const chat = state.chats.get(chatId);
		if (!chat || (idMessage !== undefined && !findMessage(state, chatId, idMessage))) return results.json({ setRead: false });
		chat.readUpTo = idMessage ?? 'all';
		return results.json({ setRead: true });
	}

	/** The messages of every chat in one direction, sent within the last `minutes`, newest first. */
	const journal = (type) => ({ state, query }) => {
		const minutes = Number(query.get('minutes') ?? 1440);
		if (!Number.isInteger(minutes) || minutes < 1) throw new ValidationError("'minutes' must be a positive integer");
		const since = Math.floor(Date.now() / 1000) - minutes * 60;
		const messages = chatsByActivity(state)
			.flatMap((chat) => chat.sent.filter((message) => message.type === type && message.timestamp >= since))
			.sort((a, b) => b.timestamp - a.timestamp);
		return results.json(messages);
	};

	function setDisappearingChat({ state, body }) {
		const chatId = chatIdField(body);
		const expiration = body.ephemeralExpiration;
		if (![0, 86400, 604800, 7776000].includes(expiration)) {
			throw new ValidationError("'ephemeralExpiration' must be one of [0, 86400, 604800, 7776000]");
		}
		const chat = ensureChat(state, chatId);
		chat.ephemeralExpiration = expiration;
		chat.ephemeralSettingTimestamp = Math.floor(Date.now() / 1000);
		return results.json({ chatId, disappearingMessagesInChat: expiration > 0, ephemeralExpiration: expiration });
	}

	return {
		methods: {
			sendPoll: { verb: 'POST', limit: 50, handle: sendPoll },
			sendLocation: { verb: 'POST', limit: 50, handle: sendLocation },
			sendContact: { verb: 'POST', limit: 50, handle: sendContact },
			sendInteractiveButtons: { verb: 'POST', limit: 1, handle: buttons(false) },
			sendInteractiveButtonsReply: { verb: 'POST', limit: 1, handle: buttons(true) },
			forwardMessages: { verb: 'POST', limit: 50, handle: forwardMessages },
			sendTyping: { verb: 'POST', limit: 1, handle: sendTyping },
			editMessage: { verb: 'POST', limit: 1, handle: editMessage },
			deleteMessage: { verb: 'POST', limit: 10, handle: deleteMessage },
			getMessage: { verb: 'POST', limit: 10, handle: getMessage },
			readChat: { verb: 'POST', limit: 10, handle: readChat },
			lastIncomingMessages: { verb: 'GET', limit: 1, handle: journal('incoming') },
			lastOutgoingMessages: { verb: 'GET', limit: 1, handle: journal('outgoing') },
			setDisappearingChat: { verb: 'POST', limit: 1, handle: setDisappearingChat },
		},
		initState(state) {
			state.typing = [];
		},
		controlRoutes: {
			/** An incoming text message, now: { chatId, text } → the message. */
			'POST /__control/messages/incoming': (emu, body) => {
				const chatId = chatIdField(body);
				const chat = ensureChat(emu.state, chatId);
				const message = {
					type: 'incoming',
					timestamp: Math.floor(Date.now() / 1000),
					idMessage: nextMessageId(emu.state),
					typeMessage: 'textMessage',
					chatId,
					senderId: chatId,
					senderName: chat.name,
					textMessage: String(body.text ?? 'Hello'),
					isForwarded: false,
					forwardingScore: 0,
				};
				chat.sent.push(message);
				return message;
			},
		},
	};
};
