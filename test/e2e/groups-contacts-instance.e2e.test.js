'use strict';
// Groups, the instance and contacts inside a real n8n 2.41.1, against the emulator: a group's life (create → add a
// participant → promote → get → leave), a QR code that arrives as a PNG the next node reads, and a contact check
// with GREEN-API's plan quota; and one run through every other operation of these resources.
const path = require('node:path');

const { SEED, WID } = require('../emulator/server');
const { startStack } = require('./stack');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let stack;

const control = (...args) => stack.control(...args);
const runWorkflow = (...args) => stack.runWebhook(...args);

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'groups-contacts-instance-workflows') });
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

beforeEach(async () => {
	await control('POST', 'reset');
});

describe('groups, instance and contacts in n8n', () => {
	it('creates a group, adds a participant, promotes them, reads the group and leaves it', async () => {
		const { status, body } = await runWorkflow('e2e-group-lifecycle', {
			name: 'Launch Team',
			participants: '+7 900 123-45-67, 79001234568@c.us',
			newMember: '+7 900 123-45-65',
		});
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		const [result] = body;
		const groupId = result.created.groupId;
		expect(groupId).toMatch(/^120363\d+@g\.us$/);
		expect(result.created).toEqual({
			groupId,
			created: true,
			inviteLink: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\//),
			chatId: groupId,
			groupInviteLink: result.created.inviteLink,
		});
		expect(result.added).toEqual({ groupId, participantChatId: SEED.nonMemberId, added: true });
		expect(result.promoted).toEqual({ groupId, participantChatId: SEED.nonMemberId, isAdmin: true });
		expect(result.group).toMatchObject({ groupId, subject: 'Launch Team', owner: WID });
		expect(result.group.participants).toEqual([
			{ id: WID, isAdmin: true, isSuperAdmin: true },
			{ id: SEED.personalChatId, isAdmin: false, isSuperAdmin: false },
			{ id: SEED.groupMemberId, isAdmin: false, isSuperAdmin: false },
			{ id: SEED.nonMemberId, isAdmin: true, isSuperAdmin: false },
		]);
		expect(result.left).toEqual({ groupId, left: true });
		const log = await control('GET', 'log');
		expect(log.map((entry) => entry.method)).toEqual(['createGroup', 'addGroupParticipant', 'setGroupAdmin', 'getGroupData', 'leaveGroup']);
		const state = await control('GET', 'state');
		expect(state.groups.find((group) => group.id === groupId).participants.map((p) => p.id)).not.toContain(WID);
	});

	it('logs out and hands the QR code as a PNG to the next node', async () => {
		const { status, body } = await runWorkflow('e2e-instance-qr', {});
		expect(status).toBe(200);
		expect(body).toEqual([{ type: 'qrCode', png: expect.any(String) }]);
		const png = Buffer.from(body[0].png, 'base64');
		expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
		expect(png.readUInt32BE(16)).toBeGreaterThan(100);
		expect((await control('GET', 'instance')).stateInstance).toBe('notAuthorized');
		await control('POST', 'instance/link');
	});

	it('checks phone numbers, fails a bad one on its own, and shows the quota error', async () => {
		await control('POST', 'contacts/check-quota', { checkQuota: 2 });
		const { status, body } = await runWorkflow('e2e-contact-check', {
			items: [{ phoneNumber: '+7 (900) 123-45-67' }, { phoneNumber: '1 999 999 99 99' }, { phoneNumber: 'call me' }, { phoneNumber: '79001234568' }],
		});
		expect(status).toBe(200);
		expect(body).toEqual([
			{ phoneNumber: 79001234567, existsWhatsapp: true, chatId: SEED.personalChatId },
			{ phoneNumber: 19999999999, existsWhatsapp: false },
			{
				error: 'Invalid Phone Number "call me" in item 2: expected a phone number with country code, e.g. +7 900 123-45-67 or 79001234567',
				description: 'Change the "Phone Number" field (or the expression that fills it) for this item',
			},
			{
				error: expect.stringMatching(/^GREEN-API checkWhatsapp failed \(HTTP 466\)/),
				description: expect.stringMatching(/^The instance's quota is used up/),
				httpCode: '466',
			},
		]);
	});

	it('runs every other operation of the instance, contacts, groups, queues and calls', async () => {
		await control('POST', 'queues/messages', { messages: [{ chatId: SEED.personalChatId, message: 'Hi' }, { chatId: SEED.groupId, message: 'All' }] });
		await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
		const { status, body } = await runWorkflow('e2e-account-tour', {});
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		const [tour] = body;
		expect(tour.getState).toEqual({
			stateInstance: 'authorized',
			authorized: true,
			advice: 'The instance is authorized (state "authorized"): it can send and receive messages',
		});
		expect(tour.getSettings).toMatchObject({ wid: WID, webhookUrl: '', webhookUrlToken: '', incomingWebhook: 'yes' });
		expect(tour.updateSettings).toEqual({ saveSettings: true, delaySendMessagesMilliseconds: 1000, keepOnlineStatus: 'yes' });
		expect(tour.getWhatsAppSettings).toMatchObject({ phone: '79001230000', stateInstance: 'authorized' });
		expect(tour.reboot).toEqual({ rebooted: true });
		expect(tour.getContacts).toHaveLength(2);
		for (const contact of tour.getContacts) expect(contact.type).toBe('group');
		expect(tour.getContact).toMatchObject({ chatId: SEED.personalChatId, name: 'Anna Petrova' });
		expect(tour.getAvatar).toEqual({ chatId: SEED.personalChatId, urlAvatar: 'https://pps.whatsapp.net/v/79001234567.jpg', available: true });
		expect(tour.renameGroup).toEqual({ groupId: SEED.groupId, name: 'Renamed Team', renamed: true });
		expect(tour.groupSettings).toEqual({ groupId: SEED.groupId, allowParticipantsSendMessages: false, updated: true });
		expect(tour.demote).toEqual({ groupId: SEED.groupId, participantChatId: SEED.personalChatId, isAdmin: false });
		expect(tour.messagesCount).toEqual({ count: 2 });
		expect(tour.queuedMessages.map((message) => message.body)).toEqual([
			{ chatId: SEED.personalChatId, message: 'Hi' },
			{ chatId: SEED.groupId, message: 'All' },
		]);
		expect(tour.clearMessages).toEqual({ cleared: true });
		expect(tour.webhooksCount).toEqual({ count: 1 });
		expect(tour.clearWebhooks).toEqual({ cleared: true });
		expect(tour.calls.map((call) => [call.chatId, call.status])).toEqual([
			[SEED.personalChatId, 'pickUp'],
			[SEED.groupMemberId, 'missed'],
		]);
		const state = await control('GET', 'state');
		expect(state.settings).toMatchObject({ delaySendMessagesMilliseconds: 1000, keepOnlineStatus: 'yes' });
		const group = state.groups.find((entry) => entry.id === SEED.groupId);
		expect(group.subject).toBe('Renamed Team');
		expect(group.participants.find((p) => p.id === SEED.personalChatId).isAdmin).toBe(false);
		expect((await control('GET', 'queue')).length).toBe(0);
	});
});
