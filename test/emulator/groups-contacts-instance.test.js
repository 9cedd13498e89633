'use strict';
// The emulator's groups, contacts, instance, queues and call journals (./api/groups.js, contacts.js, instance.js,
// queues.js, calls.js), over real HTTP.
const { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE, WID } = require('./server');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let emulator;

beforeAll(async () => {
	require('nock').enableNetConnect('127.0.0.1');
	emulator = await startEmulator();
});

afterAll(() => emulator.close());

beforeEach(() => control('POST', 'reset'));

async function call(url, { method = 'GET', body } = {}) {
	const response = await fetch(url, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

/** POST with a body, GET without (or `verb`). */
function api(method, body, { verb, query = '' } = {}) {
	return call(`${emulator.url}/waInstance${ID_INSTANCE}/${method}/${API_TOKEN_INSTANCE}${query}`, {
		method: verb ?? (body === undefined ? 'GET' : 'POST'),
		body,
	});
}

async function control(method, path, body) {
	return (await call(`${emulator.url}/__control/${path}`, { method, body })).json;
}

const participants = async (groupId) => (await api('getGroupData', { groupId })).json.participants;

describe('groups', () => {
	it('creates a group that the account administers and that appears among the chats', async () => {
		const created = await api('createGroup', { groupName: 'Launch', chatIds: ['79001234567@c.us', '79001234599@c.us'] });
		expect(created.json).toEqual({
			created: true,
			chatId: expect.stringMatching(/^120363\d+@g\.us$/),
			groupInviteLink: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\/\d+$/),
		});
		const groupId = created.json.chatId;
		expect((await api('getGroupData', { groupId })).json).toMatchObject({
			groupId,
			owner: WID,
			subject: 'Launch',
			participants: [
				{ id: WID, isAdmin: true, isSuperAdmin: true },
				{ id: '79001234567@c.us', isAdmin: false, isSuperAdmin: false },
				{ id: '79001234599@c.us', isAdmin: false, isSuperAdmin: false },
			],
		});
		expect((await api('getChats', undefined, { query: '?count=1' })).json[0]).toMatchObject({ id: groupId, name: 'Launch', type: 'group' });
		const bad = await api('createGroup', { groupName: 'x'.repeat(101), chatIds: ['79001234567@c.us'] });
		expect(bad.json.message).toBe("Validation failed. Details: 'groupName' length must be less than or equal to 100 characters long");
		expect((await api('createGroup', { groupName: 'Empty', chatIds: [] })).status).toBe(400);
	});

	it('gains and loses participants and admins', async () => {
		const member = { groupId: SEED.groupId, participantChatId: SEED.nonMemberId };
		expect((await api('setGroupAdmin', member)).json).toEqual({ setGroupAdmin: false });
		expect((await api('addGroupParticipant', member)).json).toEqual({ addParticipant: true });
		expect((await api('setGroupAdmin', member)).json).toEqual({ setGroupAdmin: true });
		expect((await participants(SEED.groupId)).find((p) => p.id === SEED.nonMemberId)).toEqual({
			id: SEED.nonMemberId,
			isAdmin: true,
			isSuperAdmin: false,
		});
		expect((await api('removeAdmin', member)).json).toEqual({ removeAdmin: true });
		expect((await api('removeAdmin', member)).json).toEqual({ removeAdmin: false });
		expect((await api('removeGroupParticipant', member)).json).toEqual({ removeParticipant: true });
		expect((await participants(SEED.groupId)).map((p) => p.id)).not.toContain(SEED.nonMemberId);
		// the owner cannot be demoted or removed
		const owner = { groupId: SEED.groupId, participantChatId: WID };
		expect((await api('removeAdmin', owner)).json).toEqual({ removeAdmin: false });
	});

	it('renames, changes settings, and leaves: a group left is unknown afterwards', async () => {
		expect((await api('updateGroupName', { groupId: SEED.groupId, groupName: 'New Name' })).json).toEqual({ updateGroupName: true });
		expect(
			(await api('updateGroupSettings', { groupId: SEED.groupId, allowParticipantsSendMessages: false })).json,
		).toEqual({ updateGroupSettings: true, reason: '' });
		expect((await api('getGroupData', { groupId: SEED.groupId })).json).toMatchObject({
			subject: 'New Name',
			allowParticipantsEditGroupSettings: true,
			allowParticipantsSendMessages: false,
		});
		expect((await api('updateGroupSettings', { groupId: SEED.groupId, allowParticipantsSendMessages: 'no' })).status).toBe(400);
		// the account is an admin of the seeded group: GREEN-API documents {removeAdmin: true} for an admin leaving
		expect((await api('leaveGroup', { groupId: SEED.groupId })).json).toEqual({ removeAdmin: true });
		expect((await api('leaveGroup', { groupId: SEED.groupId })).json).toEqual({ leaveGroup: false });
		expect(await api('getGroupData', { groupId: SEED.groupId })).toMatchObject({ status: 400, text: 'Error: item-not-found' });
		expect((await api('addGroupParticipant', { groupId: SEED.groupId, participantChatId: SEED.nonMemberId })).json).toEqual({
			addParticipant: false,
		});
	});
});

describe('contacts', () => {
	it('lists contacts with their type, and answers avatars', async () => {
		const contacts = (await api('getContacts')).json;
		expect(contacts).toHaveLength(30);
		expect(contacts[0]).toEqual({ id: SEED.personalChatId, name: 'Anna Petrova', contactName: 'Anna Petrova', type: 'user' });
		expect(contacts.find((c) => c.id === SEED.groupId)).toEqual({ id: SEED.groupId, name: 'Project Team', contactName: '', type: 'group' });
		expect((await api('getAvatar', { chatId: SEED.personalChatId })).json).toEqual({
			urlAvatar: 'https://pps.whatsapp.net/v/79001234567.jpg',
			available: true,
		});
		expect((await api('getAvatar', { chatId: '19999999999@c.us' })).json).toEqual({ urlAvatar: '', available: false });
	});

	it('answers 466 once the checkWhatsapp quota is used up', async () => {
		await control('POST', 'contacts/check-quota', { checkQuota: 1 });
		expect((await api('checkWhatsapp', { phoneNumber: 79001234567 })).json).toEqual({ existsWhatsapp: true });
		const over = await api('checkWhatsapp', { phoneNumber: 79001234567 });
		expect(over.status).toBe(466);
		expect(over.json).toHaveProperty('invokeStatus');
	});
});

describe('instance', () => {
	it('logs out, hands out a QR code PNG and an authorization code, and is linked again by the phone', async () => {
		expect((await api('qr')).json).toEqual({ type: 'alreadyLogged', message: 'instance account already authorized' });
		expect((await api('logout')).json).toEqual({ isLogout: true });
		expect((await api('getStateInstance')).json).toEqual({ stateInstance: 'notAuthorized' });
		const qr = (await api('qr')).json;
		expect(qr.type).toBe('qrCode');
		const png = Buffer.from(qr.message, 'base64');
		expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(png.readUInt32BE(16)).toBe((29 + 8) * 4); // IHDR width
		expect((await api('getAuthorizationCode', { phoneNumber: 79001230000 })).json).toEqual({
			status: true,
			code: expect.stringMatching(/^[0-9A-F]{8}$/),
		});
		expect((await api('getWaSettings')).json).toMatchObject({ phone: '', stateInstance: 'notAuthorized' });
		await control('POST', 'instance/link');
		expect((await api('getWaSettings')).json).toMatchObject({ phone: '79001230000', stateInstance: 'authorized' });
		expect((await api('getAuthorizationCode', { phoneNumber: 79001230000 })).json).toEqual({ status: false, code: '' });
		expect((await api('reboot')).json).toEqual({ isReboot: true });
		expect(await control('GET', 'instance')).toMatchObject({ stateInstance: 'authorized', reboots: 1, qrIssued: 1 });
	});

	it('keeps settings', async () => {
		await api('setSettings', { delaySendMessagesMilliseconds: 1000, keepOnlineStatus: 'yes' });
		expect((await api('getSettings')).json).toMatchObject({ delaySendMessagesMilliseconds: 1000, keepOnlineStatus: 'yes' });
	});
});

describe('queues', () => {
	it('counts, shows and clears the outgoing queue', async () => {
		expect((await api('getMessagesCount')).json).toEqual({ count: 0 });
		await control('POST', 'queues/messages', { messages: [{ chatId: SEED.personalChatId, message: 'Hi' }, { chatId: SEED.groupId, message: 'All' }] });
		expect((await api('getMessagesCount')).json).toEqual({ count: 2 });
		expect((await api('showMessagesQueue')).json).toEqual([
			{ messageID: 'QUEUED0000000001', messagesIDs: [], type: 'textMessage', body: { chatId: SEED.personalChatId, message: 'Hi' } },
			{ messageID: 'QUEUED0000000002', messagesIDs: [], type: 'textMessage', body: { chatId: SEED.groupId, message: 'All' } },
		]);
		expect((await api('clearMessagesQueue')).json).toEqual({ isCleared: true });
		expect((await api('getMessagesCount')).json).toEqual({ count: 0 });
	});

	it('counts and clears the notification queue, at most once a minute', async () => {
		await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
		await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
		expect((await api('getWebhooksCount')).json).toEqual({ count: 2 });
		expect((await api('clearWebhooksQueue', undefined, { verb: 'DELETE' })).json).toEqual({ isCleared: true, reason: '' });
		expect((await api('getWebhooksCount')).json).toEqual({ count: 0 });
		expect((await api('clearWebhooksQueue', undefined, { verb: 'DELETE' })).json).toEqual({
			isCleared: false,
			reason: 'Too many requests',
			leftTime: expect.any(Number),
		});
	});
});

describe('call journals', () => {
	it('answers the seeded calls of the last minutes, newest first', async () => {
		const incoming = (await api('lastIncomingCalls')).json;
		expect(incoming.map((c) => [c.chatId, c.status])).toEqual([
			['79001234567@c.us', 'pickUp'],
			['79001234568@c.us', 'missed'],
		]);
		expect(incoming[0]).toEqual({ type: 'incoming', timestamp: expect.any(Number), idMessage: expect.stringMatching(/^CALL/), chatId: '79001234567@c.us', status: 'pickUp' });
		expect((await api('lastIncomingCalls', undefined, { query: '?minutes=60' })).json).toHaveLength(1);
		expect((await api('lastIncomingCalls', undefined, { query: '?minutes=5000' })).json).toHaveLength(3);
		expect((await api('lastOutgoingCalls', undefined, { query: '?minutes=5000' })).json.map((c) => c.chatId)).toEqual([
			'79001234567@c.us',
			'79001234570@c.us',
		]);
		await control('POST', 'calls', { direction: 'outgoing', chatId: SEED.groupMemberId, status: 'missed' });
		expect((await api('lastOutgoingCalls', undefined, { query: '?minutes=1' })).json.map((c) => c.chatId)).toEqual([SEED.groupMemberId]);
		expect((await api('lastOutgoingCalls', undefined, { query: '?minutes=0' })).status).toBe(400);
	});
});
