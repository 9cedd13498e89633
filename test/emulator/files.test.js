'use strict';
// The emulator's file methods over real HTTP: multipart and raw uploads, downloads it serves, pictures.
const { createHash } = require('node:crypto');

const { startEmulator, SEED, ID_INSTANCE, API_TOKEN_INSTANCE } = require('./server');
const { generatedBytes } = require('./api/files');

let emulator;

beforeAll(async () => {
	require('nock').enableNetConnect('127.0.0.1');
	emulator = await startEmulator();
});

afterAll(() => emulator.close());

const url = (method) => `${emulator.url}/waInstance${ID_INSTANCE}/${method}/${API_TOKEN_INSTANCE}`;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function control(method, path, body) {
	const response = await fetch(`${emulator.url}/__control/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

describe('emulator files', () => {
	const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));

	it('takes a multipart sendFileByUpload, records its parts, and serves the file back', async () => {
		const form = new FormData();
		form.append('chatId', SEED.personalChatId);
		form.append('caption', 'Look');
		form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'a.pdf');
		const response = await fetch(url('sendFileByUpload'), { method: 'POST', body: form });
		expect(response.status).toBe(200);
		const { idMessage, urlFile } = await response.json();
		expect(idMessage).toMatch(/^BAE5/);
		expect((await control('GET', 'files/last-upload')).json).toEqual({
			method: 'sendFileByUpload',
			parts: {
				chatId: SEED.personalChatId,
				caption: 'Look',
				file: { filename: 'a.pdf', contentType: 'application/pdf', size: 5000, sha256: sha256(bytes) },
			},
		});
		const served = await fetch(urlFile);
		expect(served.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
		const link = await fetch(url('downloadFile'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: SEED.personalChatId, idMessage }),
		});
		expect(await link.json()).toEqual({ downloadUrl: urlFile });
	});

	it('refuses a multipart body without a file, and a file name without an extension', async () => {
		const noFile = new FormData();
		noFile.append('chatId', SEED.personalChatId);
		expect((await fetch(url('sendFileByUpload'), { method: 'POST', body: noFile })).status).toBe(400);
		const noExtension = new FormData();
		noExtension.append('chatId', SEED.personalChatId);
		noExtension.append('file', new Blob([bytes]), 'report');
		const response = await fetch(url('sendFileByUpload'), { method: 'POST', body: noExtension });
		expect(response.status).toBe(400);
		expect((await response.json()).message).toContain("'fileName' must have a file extension");
	});

	it('takes a raw uploadFile with its name in GA-Filename', async () => {
		const response = await fetch(url('uploadFile'), {
			method: 'POST',
			headers: { 'content-type': 'image/jpeg', 'ga-filename': encodeURIComponent('фото.jpg') },
			body: bytes,
		});
		const { urlFile } = await response.json();
		expect(decodeURIComponent(urlFile)).toMatch(/\/фото\.jpg$/);
		expect((await control('GET', 'files/last-upload')).json).toEqual({
			method: 'uploadFile',
			fileName: 'фото.jpg',
			mimeType: 'image/jpeg',
			size: 5000,
			sha256: sha256(bytes),
		});
	});

	it('serves a generated incoming file of any size for downloadFile, and refuses unknown messages', async () => {
		const { json } = await control('POST', 'files/incoming', {
			chatId: SEED.personalChatId,
			size: 300000,
			fileName: 'scan.pdf',
			mimeType: 'application/pdf',
			seed: 3,
		});
		const link = await fetch(url('downloadFile'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: SEED.personalChatId, idMessage: json.idMessage }),
		});
		const { downloadUrl } = await link.json();
		const served = await fetch(downloadUrl);
		expect(served.headers.get('content-length')).toBe('300000');
		expect(served.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''scan.pdf");
		expect(Buffer.from(await served.arrayBuffer()).equals(generatedBytes(3, 0, 300000))).toBe(true);
		const unknown = await fetch(url('downloadFile'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: SEED.personalChatId, idMessage: 'NOPE' }),
		});
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toBe(`File message encrypted url not found by chatId ${SEED.personalChatId} and idMessage NOPE`);
	});

	it('sets a group picture from a JPEG, and refuses other files', async () => {
		const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), bytes]);
		const send = async (file) => {
			const form = new FormData();
			form.append('groupId', SEED.groupId);
			form.append('file', new Blob([file], { type: 'image/jpeg' }), 'p.jpg');
			return await (await fetch(url('setGroupPicture'), { method: 'POST', body: form })).json();
		};
		expect(await send(jpeg)).toMatchObject({ setGroupPicture: true });
		expect(await send(bytes)).toMatchObject({ setGroupPicture: false, reason: 'not a jpeg' });
	});
});
