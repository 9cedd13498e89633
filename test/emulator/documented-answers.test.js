'use strict';
// The emulator answers as GREEN-API documents: seeded picture messages can be downloaded, Mark as Read is refused
// for a chat the account does not have, an admin leaves with {removeAdmin: true}, and the contact methods.
const { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE } = require('./server');
const { generatedBytes } = require('./api/files');

let emulator;

beforeAll(async () => {
	require('nock').enableNetConnect('127.0.0.1');
	emulator = await startEmulator();
});

afterAll(() => emulator.close());

beforeEach(async () => {
	await fetch(`${emulator.url}/__control/reset`, { method: 'POST' });
});

async function api(method, body) {
	const response = await fetch(`${emulator.url}/waInstance${ID_INSTANCE}/${method}/${API_TOKEN_INSTANCE}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: /^[[{]/.test(text) ? JSON.parse(text) : text };
}

describe('emulator: documented answers', () => {
	it('lets a seeded picture message of Get History be downloaded, and serves its file', async () => {
		const history = (await api('getChatHistory', { chatId: SEED.personalChatId, count: 10 })).json;
		const picture = history.find((message) => message.typeMessage === 'imageMessage');
		expect(picture).toMatchObject({ fileName: `${picture.idMessage}.jpg`, mimeType: 'image/jpeg' });
		const answer = await api('downloadFile', { chatId: SEED.personalChatId, idMessage: picture.idMessage });
		expect(answer.status).toBe(200);
		expect(answer.json.downloadUrl.startsWith(`${emulator.url}/__files/`)).toBe(true);
		const served = await fetch(answer.json.downloadUrl);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		const bytes = Buffer.from(await served.arrayBuffer());
		expect(bytes.equals(generatedBytes(11, 0, 4096))).toBe(true);
		// Get History now shows the same link
		const again = (await api('getChatHistory', { chatId: SEED.personalChatId, count: 10 })).json;
		expect(again.find((message) => message.idMessage === picture.idMessage).downloadUrl).toBe(answer.json.downloadUrl);
		// a text message still has no file
		const text = history.find((message) => message.typeMessage === 'textMessage');
		expect((await api('downloadFile', { chatId: SEED.personalChatId, idMessage: text.idMessage })).status).toBe(400);
	});

	it('answers readChat with setRead: false for a chat or message the account does not have', async () => {
		expect((await api('readChat', { chatId: SEED.personalChatId })).json).toEqual({ setRead: true });
		expect((await api('readChat', { chatId: '79009999999@c.us' })).json).toEqual({ setRead: false });
		expect((await api('readChat', { chatId: SEED.personalChatId, idMessage: 'BAE5FFFFFFFFFFFF' })).json).toEqual({ setRead: false });
	});

	it('answers leaveGroup with {removeAdmin: true} for an admin leaving, and {leaveGroup: false} once gone', async () => {
		const created = (await api('createGroup', { groupName: 'Members', chatIds: [SEED.groupMemberId] })).json;
		expect((await api('leaveGroup', { groupId: created.chatId })).json).toEqual({ removeAdmin: true });
		expect((await api('leaveGroup', { groupId: created.chatId })).json).toEqual({ leaveGroup: false });
	});

	it('adds, edits and deletes a contact, with the documented failures', async () => {
		const contact = { chatId: SEED.groupMemberId, firstName: 'Maria', lastName: 'Ivanova' };
		expect((await api('addContact', contact)).json).toEqual({ addContact: true });
		expect(await api('addContact', contact)).toEqual({ status: 400, json: { message: `Contact ${SEED.groupMemberId} already exists` } });
		expect((await api('editContact', { chatId: SEED.groupMemberId, firstName: 'Masha' })).json).toEqual({ editContact: true });
		expect((await api('deleteContact', { chatId: SEED.groupMemberId })).json).toEqual({ deleteContact: true });
		expect(await api('addContact', { chatId: '79009999999@c.us', firstName: 'Nobody' })).toEqual({
			status: 404,
			json: { message: '79009999999@c.us is not on WhatsApp' },
		});
		expect((await api('addContact', { chatId: SEED.groupMemberId })).status).toBe(400);
	});
});
