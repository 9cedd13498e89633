'use strict';
// Deterministic seed data for the GREEN-API emulator: the same chats, groups and messages on every run.
// Messages are built on first use: seedMessage(chat, k) computes the k-th newest one (and keeps it), so a chat
// can hold 20,000 messages without building them until getChatHistory asks.
const { createHash } = require('node:crypto');

const ID_INSTANCE = '1101000001';
/** 50 lowercase hex characters, derived from a fixed phrase (not a secret, not random). */
const API_TOKEN_INSTANCE = createHash('sha256')
	.update('n8n-nodes-greenapi emulator instance 1101000001')
	.digest('hex')
	.slice(0, 50);
/** The phone number the emulated instance is logged in with. */
const WID = '79001230000@c.us';
/** Newest seeded message time (unix seconds); everything else is older. */
const SEED_EPOCH = 1731000000;
const CHAT_SPACING_S = 3600;
const MESSAGE_SPACING_S = 60;

const SEED = Object.freeze({
	personalChatId: '79001234567@c.us',
	groupId: '120363043968066561@g.us',
	groupMemberId: '79001234568@c.us',
	/** A valid personal id that is in no group. */
	nonMemberId: '79001234565@c.us',
	lidChatId: '123456789012345@lid',
	bigHistoryChatId: '79001234599@c.us',
	archivedChatId: '79001234570@c.us',
	/** An old-format group id; this group is archived. */
	oldGroupId: '79001234567-1479621234@g.us',
	emptyChatId: '79001234571@c.us',
});

/** The named chats, most recent first; `messages` is how many seeded messages each has. */
const KNOWN_CHATS = [
	{ id: SEED.personalChatId, name: 'Anna Petrova', messages: 7 },
	{ id: SEED.groupId, name: 'Project Team', messages: 6 },
	{ id: SEED.lidChatId, name: 'Lidia (LID)', messages: 3 },
	{ id: SEED.bigHistoryChatId, name: 'History Bot', messages: 'history' },
	{ id: SEED.archivedChatId, name: 'Boris Archived', messages: 4, archive: true },
	{ id: SEED.oldGroupId, name: 'Family (old group)', messages: 3, archive: true },
	{ id: SEED.emptyChatId, name: 'Empty Chat', messages: 0 },
];

const KNOWN_GROUPS = [
	{
		id: SEED.groupId,
		participants: ['79001234567@c.us', '79001234568@c.us', '79001234569@c.us'],
		admins: ['79001234567@c.us'],
	},
	{ id: SEED.oldGroupId, participants: ['79001234567@c.us', '79001234580@c.us'], admins: [] },
];

function pad(number, width) {
	return String(number).padStart(width, '0');
}

/** The j-th generated chat (filler up to chatCount): personal, groups of both formats and LIDs; every third archived. */
function fillerChat(j) {
	const kind = ['personal', 'group', 'lid', 'personal', 'oldGroup'][j % 5];
	const ids = {
		personal: `7900300${pad(j, 4)}@c.us`,
		group: `1203630000000${pad(j, 5)}@g.us`,
		lid: `10000000000${pad(j, 4)}@lid`,
		oldGroup: `79003000000-${1600000000 + j}@g.us`,
	};
	const names = { personal: 'Contact', group: 'Group', lid: 'LID contact', oldGroup: 'Old group' };
	return { id: ids[kind], name: `${names[kind]} ${j + 1}`, messages: 2 + (j % 3), archive: j % 3 === 0 };
}

function fillerGroup(chatId, j) {
	return { id: chatId, participants: [`7900300${pad(j, 4)}@c.us`, `7900300${pad(j + 1, 4)}@c.us`], admins: [] };
}

function chatType(chatId) {
	return chatId.endsWith('@g.us') ? 'group' : 'user';
}

/**
 * A chat record as the emulator keeps it, with no messages. `activity` orders getChats (higher = more recent);
 * `senders` are who wrote its incoming seeded messages (group members other than us, or the contact);
 * `sent` holds messages added at run time (sendMessage), oldest first.
 */
function chatRecord(id, name = '') {
	return {
		id,
		name,
		type: chatType(id),
		archive: false,
		ephemeralExpiration: 0,
		ephemeralSettingTimestamp: 0,
		activity: 0,
		newestTimestamp: SEED_EPOCH,
		seedCount: 0,
		idPrefix: createHash('sha1').update(id).digest('hex').slice(0, 12).toUpperCase(),
		senders: [id],
		/** Seeded messages built so far, by k (see seedMessage). */
		built: [],
		sent: [],
	};
}

function makeChat(spec, rank, total, historySize, senders) {
	const ephemeral = rank % 5 === 1;
	return {
		...chatRecord(spec.id, spec.name),
		archive: Boolean(spec.archive),
		ephemeralExpiration: ephemeral ? 86400 : 0,
		ephemeralSettingTimestamp: ephemeral ? SEED_EPOCH - 10 * 86400 : 0,
		activity: total - rank,
		newestTimestamp: SEED_EPOCH - rank * CHAT_SPACING_S,
		seedCount: spec.messages === 'history' ? historySize : spec.messages,
		senders,
	};
}

function makeGroup(spec) {
	const participants = [WID, ...spec.participants].map((id) => ({
		id,
		isAdmin: id === WID || spec.admins.includes(id),
		isSuperAdmin: id === WID,
	}));
	return { id: spec.id, owner: WID, creation: SEED_EPOCH - 400 * 86400, participants };
}

/**
 * The seed: chats (most recent first), groups and default settings.
 * chatCount: total chats (at least the named ones); historySize: messages in SEED.bigHistoryChatId.
 */
function buildSeed({ chatCount = 30, historySize = 200 } = {}) {
	const specs = [...KNOWN_CHATS];
	const groupSpecs = [...KNOWN_GROUPS];
	for (let j = 0; specs.length < chatCount; j++) {
		const spec = fillerChat(j);
		specs.push(spec);
		if (chatType(spec.id) === 'group') groupSpecs.push(fillerGroup(spec.id, j));
	}
	const members = new Map(groupSpecs.map((spec) => [spec.id, spec.participants]));
	const chats = specs.map((spec, rank) =>
		makeChat(spec, rank, specs.length, historySize, members.get(spec.id) ?? [spec.id]),
	);
	const subjects = new Map(specs.map((spec) => [spec.id, spec.name]));
	const groups = groupSpecs.map((spec) => ({ ...makeGroup(spec), subject: subjects.get(spec.id) }));
	return { stateInstance: 'authorized', settings: defaultSettings(), chats, groups };
}

function defaultSettings() {
	return {
		wid: WID,
		countryInstance: '',
		typeAccount: '',
		webhookUrl: '',
		webhookUrlToken: '',
		delaySendMessagesMilliseconds: 5000,
		markIncomingMessagesReaded: 'no',
		markIncomingMessagesReadedOnReply: 'no',
		sharedSession: 'no',
		proxyInstance: '',
		outgoingWebhook: 'yes',
		outgoingMessageWebhook: 'yes',
		outgoingAPIMessageWebhook: 'yes',
		incomingWebhook: 'yes',
		deviceWebhook: 'yes',
		statusInstanceWebhook: 'yes',
		stateWebhook: 'yes',
		enableMessagesHistory: 'no',
		keepOnlineStatus: 'no',
		pollMessageWebhook: 'yes',
		incomingBlockWebhook: 'yes',
		incomingCallWebhook: 'yes',
		editedMessageWebhook: 'yes',
		deletedMessageWebhook: 'yes',
	};
}

const MESSAGE_KINDS = [
	(m) => ({ ...m.incoming, typeMessage: 'textMessage', textMessage: `Hello from ${m.chat.name} #${m.k}` }),
	(m) => ({ ...m.outgoing('read'), typeMessage: 'textMessage', textMessage: `Reply #${m.k}` }),
	(m) => ({
		...m.incoming,
		typeMessage: 'imageMessage',
		fileName: `${m.idMessage}.jpg`,
		mimeType: 'image/jpeg',
		// the emulator's own link once the file is asked for with downloadFile (api/files.js)
		downloadUrl: `https://media.emulator.invalid/${ID_INSTANCE}/${m.idMessage}.jpg`,
		caption: `Photo #${m.k}`,
	}),
	(m) => ({
		...m.outgoing('delivered'),
		typeMessage: 'extendedTextMessage',
		extendedTextMessage: {
			text: `Read this https://example.com/article/${m.k}`,
			description: 'An example article',
			title: 'Example',
			previewType: 'None',
			jpegThumbnail: '',
		},
	}),
	(m) => ({
		...m.incoming,
		typeMessage: 'locationMessage',
		location: {
			nameLocation: 'Red Square',
			address: 'Moscow, Russia',
			latitude: 55.7539,
			longitude: 37.6208,
			jpegThumbnail: '',
		},
	}),
	(m) => ({
		...m.incoming,
		typeMessage: 'contactMessage',
		isForwarded: true,
		forwardingScore: 1,
		contact: {
			displayName: 'Ivan Ivanov',
			vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Ivan Ivanov\nTEL;type=CELL;waid=79005554433:+7 900 555 44 33\nEND:VCARD',
		},
	}),
	(m) => ({ ...m.outgoing('sent', true), typeMessage: 'textMessage', textMessage: `Sent by API #${m.k}` }),
];

/** The k-th newest seeded message of `chat` (0 = newest), built once. */
function seedMessage(chat, k) {
	chat.built[k] ??= buildMessage(chat, k);
	return chat.built[k];
}

function buildMessage(chat, k) {
	const timestamp = chat.newestTimestamp - k * MESSAGE_SPACING_S;
	const idMessage = `${chat.idPrefix}${pad(k.toString(16).toUpperCase(), 8)}`;
	const base = { timestamp, idMessage, chatId: chat.id, isForwarded: false, forwardingScore: 0 };
	const senderId = chat.senders[k % chat.senders.length];
	const context = {
		chat,
		k,
		idMessage,
		incoming: {
			type: 'incoming',
			...base,
			senderId,
			senderName: chat.type === 'group' ? `Member ${senderId.split('@')[0].slice(-4)}` : chat.name,
			senderContactName: chat.type === 'group' ? '' : chat.name,
			sendByApi: false,
		},
		outgoing: (statusMessage, sendByApi = false) => ({ type: 'outgoing', ...base, statusMessage, sendByApi }),
	};
	return MESSAGE_KINDS[k % MESSAGE_KINDS.length](context);
}

module.exports = { ID_INSTANCE, API_TOKEN_INSTANCE, WID, SEED_EPOCH, SEED, buildSeed, chatRecord, seedMessage };
