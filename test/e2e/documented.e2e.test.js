'use strict';
// GREEN-API as documented (issue 19), inside a real n8n 2.41.1 against the emulator: both picture uploads go to the
// API URL while the credential's Media URL points at a closed port; an admin leaves a group ({removeAdmin: true});
// Mark as Read refused ({setRead: false}) fails its item; the contact methods; API › Call Method for a GET, a POST
// with a body, a DELETE with a segment, a media upload, and an error whose body echoes the token, which is in
// neither the error, the execution data nor n8n's log.
const fs = require('node:fs');
const path = require('node:path');

const { SEED, WID, API_TOKEN_INSTANCE } = require('../emulator/server');
const { startStack, n8nCli, freePort, storedData } = require('./stack');

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600, 0x42), Buffer.from([0xff, 0xd9])]);

let stack;
let closedMediaUrl;

const control = (...args) => stack.control(...args);
const runWorkflow = (...args) => stack.runWebhook(...args);

/** A second GREEN-API credential: the emulator as API URL, and a Media URL where nothing listens. */
async function importMediaElsewhere(instance) {
	closedMediaUrl = `http://127.0.0.1:${await freePort()}`;
	const file = path.join(instance.tmp, 'media-elsewhere.json');
	fs.writeFileSync(
		file,
		JSON.stringify([
			{
				id: 'greenApiMediaElsewhere',
				name: 'GREEN-API emulator, Media URL elsewhere',
				type: 'greenApi',
				data: { ...instance.emulator.credential, mediaUrl: closedMediaUrl },
			},
		]),
	);
	await n8nCli(instance, ['import:credentials', `--input=${file}`]);
}

/** A JPEG the emulator serves, for the HTTP Request node to fetch into binary data. */
async function jpegUrl() {
	const { downloadUrl } = await control('POST', 'files/incoming', {
		chatId: SEED.personalChatId,
		base64: JPEG.toString('base64'),
		fileName: 'team.jpg',
		mimeType: 'image/jpeg',
	});
	return downloadUrl;
}

const apiCalls = async () => (await control('GET', 'log')).filter((entry) => entry.method !== null && entry.method !== 'downloadFile');

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'documented-workflows'), beforeStart: importMediaElsewhere });
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

beforeEach(async () => {
	await control('POST', 'reset');
});

describe('GREEN-API as documented, in n8n', () => {
	it('sets a group picture and the profile picture on the API URL, with the Media URL pointing elsewhere', async () => {
		const group = await runWorkflow('e2e-doc-group-picture', { url: await jpegUrl(), groupId: SEED.groupId });
		expect(group.body).toEqual([{ groupId: SEED.groupId, pictureSet: true, urlAvatar: `https://pps.whatsapp.net/${SEED.groupId}.jpg` }]);
		const profile = await runWorkflow('e2e-doc-profile-picture', { url: await jpegUrl() });
		expect(profile.body).toEqual([{ pictureSet: true, urlAvatar: `https://pps.whatsapp.net/${WID}.jpg` }]);
		const calls = await apiCalls();
		expect(calls.map((entry) => [entry.method, entry.httpMethod, entry.status])).toEqual([
			['setGroupPicture', 'POST', 200],
			['setProfilePicture', 'POST', 200],
		]);
	}, 120000);

	it('leaves a group as its admin (GREEN-API answers {removeAdmin: true}), and fails leaving it again', async () => {
		const { body } = await runWorkflow('e2e-doc-leave', { items: [{ groupId: SEED.groupId }, { groupId: SEED.groupId }] });
		expect(body).toEqual([
			{ groupId: SEED.groupId, left: true },
			{
				error: `The account did not leave group ${SEED.groupId}`,
				description: 'GREEN-API answered leaveGroup: false. Check that the account is still a member of the group.',
			},
		]);
		expect((await apiCalls()).map((entry) => entry.method)).toEqual(['leaveGroup', 'leaveGroup']);
	});

	it('fails Mark as Read where GREEN-API answers {setRead: false}, and only there', async () => {
		const { body } = await runWorkflow('e2e-doc-mark-read', {
			items: [{ chatId: SEED.personalChatId }, { chatId: '+7 900 999-99-99' }],
		});
		expect(body).toEqual([
			{ chatId: SEED.personalChatId, read: true },
			{
				error: 'Chat 79009999999@c.us was not marked as read',
				description:
					'GREEN-API answered setRead: false. Check the chat id (and the message id): GREEN-API marks only incoming messages of a chat the account has.',
			},
		]);
	});

	it('adds, edits and deletes a contact, and shows the documented failures', async () => {
		const { body } = await runWorkflow('e2e-doc-contacts', {
			chatId: '+7 900 123-45-68',
			firstName: 'Maria',
			lastName: 'Ivanova',
			newFirstName: 'Masha',
		});
		expect(body).toEqual([
			{
				added: { chatId: SEED.groupMemberId, firstName: 'Maria', lastName: 'Ivanova', saveInAddressbook: true, added: true },
				edited: { chatId: SEED.groupMemberId, firstName: 'Masha', saveInAddressbook: false, edited: true },
				addedAgain: {
					error: `GREEN-API addContact failed (HTTP 400): Contact ${SEED.groupMemberId} already exists`,
					description: expect.any(String),
					httpCode: '400',
				},
				deleted: { chatId: SEED.groupMemberId, deleted: true },
				unknown: {
					error: 'GREEN-API addContact failed (HTTP 404): 79009999999@c.us is not on WhatsApp',
					description: expect.any(String),
					httpCode: '404',
				},
			},
		]);
		const calls = await apiCalls();
		expect(calls.map((entry) => [entry.method, entry.body])).toEqual([
			['addContact', { chatId: SEED.groupMemberId, firstName: 'Maria', lastName: 'Ivanova', saveInAddressbook: true }],
			['editContact', { chatId: SEED.groupMemberId, firstName: 'Masha', saveInAddressbook: false }],
			['addContact', { chatId: SEED.groupMemberId, firstName: 'Again', saveInAddressbook: true }],
			['deleteContact', { chatId: SEED.groupMemberId }],
			['addContact', { chatId: '79009999999@c.us', firstName: 'Nobody', saveInAddressbook: true }],
		]);
	});

	it('calls any method: a GET, a POST with a body, a DELETE with a segment, and an error echoing the token', async () => {
		await control('POST', 'webhooks/green-api', { typeWebhook: 'incomingMessageReceived' });
		const { body } = await runWorkflow('e2e-doc-call-method', {
			items: [
				{ method: 'getChats', httpMethod: 'GET', query: { count: 2 } },
				{ method: 'getChatHistory', httpMethod: 'POST', body: { chatId: SEED.personalChatId, count: 1 } },
				{ method: 'receiveNotification', httpMethod: 'GET', query: { receiveTimeout: 5 } },
				{ method: 'sendMessage', httpMethod: 'POST', body: { chatId: 'not a chat', message: 'Hi' } },
			],
		});
		expect(body).toHaveLength(5);
		const [chat1, chat2, history, notification, failure] = body;
		expect([chat1, chat2].map((chat) => Object.keys(chat).sort())).toEqual([
			['archive', 'ephemeralExpiration', 'ephemeralSettingTimestamp', 'id', 'name', 'type'],
			['archive', 'ephemeralExpiration', 'ephemeralSettingTimestamp', 'id', 'name', 'type'],
		]);
		expect(history).toMatchObject({ chatId: SEED.personalChatId, idMessage: expect.any(String) });
		expect(notification).toMatchObject({ receiptId: expect.any(Number), body: { typeWebhook: 'incomingMessageReceived' } });
		expect(failure).toEqual({
			error: expect.stringMatching(/^GREEN-API sendMessage failed \(HTTP 400\): Validation failed\. Details: 'chatId'/),
			description: expect.any(String),
			httpCode: '400',
		});
		// the DELETE with the receipt id after the token
		const deleted = await runWorkflow('e2e-doc-call-method', {
			items: [{ method: 'deleteNotification', httpMethod: 'DELETE', pathTail: String(notification.receiptId) }],
		});
		expect(deleted.body).toEqual([{ result: true }]);
		const calls = await apiCalls();
		expect(calls.map((entry) => [entry.method, entry.httpMethod, entry.path.replace(/\?.*$/, '')])).toEqual([
			['getChats', 'GET', '/waInstance1101000001/getChats/***'],
			['getChatHistory', 'POST', '/waInstance1101000001/getChatHistory/***'],
			['receiveNotification', 'GET', '/waInstance1101000001/receiveNotification/***'],
			['sendMessage', 'POST', '/waInstance1101000001/sendMessage/***'],
			['deleteNotification', 'DELETE', `/waInstance1101000001/deleteNotification/***/${notification.receiptId}`],
		]);
		expect(calls[0].path).toBe('/waInstance1101000001/getChats/***?count=2');
		expect((await control('GET', 'queue')).length).toBe(0);
		// the same failure stopping the workflow: n8n keeps the whole error (message, description, context) of the
		// failed execution
		const stopped = await runWorkflow('e2e-doc-call-method-failing', {
			items: [{ method: 'sendMessage', httpMethod: 'POST', body: { chatId: 'not a chat', message: 'Hi' } }],
		});
		expect(stopped.status).toBe(500);
		const [failed] = await stack.executionsOf('e2eDocCallFail01', { status: ['error'] });
		expect(failed).toBeDefined();
		const execution = await stack.rest.get(`/executions/${failed.id}`);
		expect(execution.data).toContain('GREEN-API sendMessage failed (HTTP 400)');
		expect(execution.data).toContain('/sendMessage/***');
		// GREEN-API's body echoed the path with the token: it is nowhere n8n keeps or prints anything
		expect(execution.data.includes(API_TOKEN_INSTANCE)).toBe(false);
		expect(JSON.stringify(body).includes(API_TOKEN_INSTANCE)).toBe(false);
		expect(storedData(stack.userFolder).includes(API_TOKEN_INSTANCE)).toBe(false);
		expect(stack.log().includes(API_TOKEN_INSTANCE)).toBe(false);
	}, 120000);

	it("downloads the seeded pictures Get History shows (the demo's defect), with fileSize in bytes", async () => {
		const history = await fetch(`${stack.emulator.url}/waInstance1101000001/getChatHistory/${API_TOKEN_INSTANCE}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: SEED.personalChatId, count: 10 }),
		}).then((response) => response.json());
		const picture = history.find((message) => message.typeMessage === 'imageMessage');
		const text = history.find((message) => message.typeMessage === 'textMessage');
		const { body } = await runWorkflow('e2e-doc-download', {
			items: [
				{ chatId: SEED.personalChatId, messageId: picture.idMessage },
				{ chatId: SEED.personalChatId, messageId: text.idMessage },
			],
		});
		expect(body).toEqual([
			{
				chatId: SEED.personalChatId,
				idMessage: picture.idMessage,
				downloadUrl: expect.stringContaining('/__files/'),
				fileName: `${picture.idMessage}.jpg`,
				mimeType: 'image/jpeg',
				fileSize: 4096,
			},
			{
				error: `Message ${text.idMessage} in chat ${SEED.personalChatId} has no file to download`,
				description: expect.any(String),
				httpCode: '400',
			},
		]);
	});

	it('uploads a file as multipart to the Media URL through Call Method', async () => {
		const { body } = await runWorkflow('e2e-doc-call-upload', { url: await jpegUrl(), chatId: SEED.personalChatId });
		expect(body).toEqual([{ idMessage: expect.stringMatching(/^BAE5/), urlFile: expect.stringContaining('/__files/') }]);
		const upload = await control('GET', 'files/last-upload');
		expect(upload).toEqual({
			method: 'sendFileByUpload',
			parts: {
				chatId: SEED.personalChatId,
				caption: 'By Call Method',
				file: { filename: 'team.jpg', contentType: 'image/jpeg', size: JPEG.length, sha256: expect.any(String) },
			},
		});
	}, 120000);
});
