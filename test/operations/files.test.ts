import http from 'http';
import type { AddressInfo } from 'net';
import nock from 'nock';
import type { IBinaryKeyData } from 'n8n-workflow';

import { API_URL, apiPath, CREDENTIALS, MEDIA_URL, runNode, runNodeError, TOKEN } from '../helpers/harness';
import { virtualClock } from '../helpers/virtualClock';

const CHAT = '79001234567@c.us';
/** A file's bytes: every byte value, several times, so that any change of encoding shows. */
const FILE = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));

/** Binary data of an item as n8n keeps small files in memory: base64 in the item. */
const inMemory = (data: Buffer, fileName = 'report.pdf', mimeType = 'application/pdf'): IBinaryKeyData => ({
	data: { data: data.toString('base64'), fileName, mimeType, fileExtension: 'pdf' },
});
/** Binary data of an item as n8n's `filesystem` mode keeps it: only an id, the bytes in the store. */
const stored = (id: string, fileName = 'video.mp4', mimeType = 'video/mp4'): IBinaryKeyData => ({
	data: { id, data: 'filesystem-v2', fileName, mimeType, fileSize: '300 kB' },
});

/** The parts of a multipart/form-data body: name → { filename?, contentType?, value }. */
function parseMultipart(body: Buffer, contentType: string) {
	const boundary = /boundary=(.+)$/.exec(contentType)![1];
	const parts: Record<string, { filename?: string; contentType?: string; value: Buffer }> = {};
	const delimiter = Buffer.from(`--${boundary}`);
	let start = body.indexOf(delimiter);
	expect(start).toBe(0);
	for (;;) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next < 0) break;
		const part = body.subarray(start + delimiter.length + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		const headers = part.subarray(0, headerEnd).toString();
		const name = /name="([^"]+)"/.exec(headers)![1];
		parts[name] = {
			filename: /filename="([^"]*)"/.exec(headers)?.[1],
			contentType: /Content-Type: (.+)/.exec(headers)?.[1],
			value: part.subarray(headerEnd + 4),
		};
		start = next;
	}
	expect(body.subarray(start).toString()).toBe(`--${boundary}--\r\n`);
	return parts;
}

/** Records the upload requests nock sees on the media host: headers and the whole body. */
function recordUploads(method: string, replies: Array<[number, unknown]>) {
	const seen: Array<{ headers: Record<string, string>; body: Buffer }> = [];
	const scope = nock(MEDIA_URL);
	for (const [status, answer] of replies) {
		scope.post(`/waInstance${CREDENTIALS.idInstance}/${method}/${TOKEN}`).reply(function (_uri, body) {
			seen.push({ headers: this.req.headers as Record<string, string>, body: Buffer.from(body as string, 'hex') });
			return [status, answer as nock.Body];
		});
	}
	return { scope, seen };
}

beforeEach(() => {
	// nock hands a binary body over as hex
	nock.emitter.removeAllListeners('no match');
});

describe('Message › Send File', () => {
	const sendFile = { resource: 'message', operation: 'sendFile', chatId: '+7 900 123-45-67' };

	it('uploads binary data as multipart to sendFileByUpload on the media host', async () => {
		const { scope, seen } = recordUploads('sendFileByUpload', [
			[200, { idMessage: 'BAE5367237E13A87', urlFile: 'https://sw-media-out.example/report.pdf' }],
		]);
		const [items] = await runNode({
			parameters: { ...sendFile, options: { caption: 'May invoice', quotedMessageId: 'BAE5F4886F6F2D05' } },
			binary: [inMemory(FILE)],
		});
		expect(items).toEqual([
			{
				json: { chatId: CHAT, idMessage: 'BAE5367237E13A87', urlFile: 'https://sw-media-out.example/report.pdf' },
				pairedItem: { item: 0 },
			},
		]);
		const [{ headers, body }] = seen;
		expect(Number(headers['content-length'])).toBe(body.length);
		const parts = parseMultipart(body, headers['content-type']);
		expect(Object.keys(parts)).toEqual(['chatId', 'fileName', 'caption', 'quotedMessageId', 'file']);
		expect(parts.chatId.value.toString()).toBe(CHAT);
		expect(parts.fileName.value.toString()).toBe('report.pdf');
		expect(parts.caption.value.toString()).toBe('May invoice');
		expect(parts.quotedMessageId.value.toString()).toBe('BAE5F4886F6F2D05');
		expect(parts.file).toMatchObject({ filename: 'report.pdf', contentType: 'application/pdf' });
		expect(parts.file.value.equals(FILE)).toBe(true);
		scope.done();
	});

	it('streams a file from the binary data store, under the File Name option', async () => {
		const { scope, seen } = recordUploads('sendFileByUpload', [[200, { idMessage: 'BAE5A', urlFile: 'https://x.example/a' }]]);
		const opened: string[] = [];
		await runNode({
			parameters: { ...sendFile, options: { fileName: 'holiday.mp4' } },
			binary: [stored('filesystem-v2:abc')],
			binaryStore: { 'filesystem-v2:abc': FILE },
			onBinaryStream: (id) => opened.push(id),
		});
		const parts = parseMultipart(seen[0].body, seen[0].headers['content-type']);
		expect(Number(seen[0].headers['content-length'])).toBe(seen[0].body.length);
		expect(parts.fileName.value.toString()).toBe('holiday.mp4');
		expect(parts.file).toMatchObject({ filename: 'holiday.mp4', contentType: 'video/mp4' });
		expect(parts.file.value.equals(FILE)).toBe(true);
		expect(Object.keys(parts)).not.toContain('caption');
		expect(opened).toEqual(['filesystem-v2:abc']);
		scope.done();
	});

	it('opens the file again for a retry, and sends it whole', async () => {
		// a 429 refuses the call, so even a send is retried (a 503 is not: it may have been carried out)
		const { scope, seen } = recordUploads('sendFileByUpload', [
			[429, 'Too Many Requests'],
			[200, { idMessage: 'BAE5B', urlFile: 'https://x.example/b' }],
		]);
		const opened: string[] = [];
		const [items] = await runNode({
			parameters: sendFile,
			binary: [stored('filesystem-v2:abc')],
			binaryStore: { 'filesystem-v2:abc': FILE },
			onBinaryStream: (id) => opened.push(id),
		});
		expect(items[0].json).toEqual({ chatId: CHAT, idMessage: 'BAE5B', urlFile: 'https://x.example/b' });
		expect(opened).toHaveLength(2);
		for (const { body, headers } of seen) expect(parseMultipart(body, headers['content-type']).file.value.equals(FILE)).toBe(true);
		expect(virtualClock().sleeps).toHaveLength(1);
		scope.done();
	});

	it('refuses a file over 100 MB before sending a byte', async () => {
		const big = Buffer.alloc(100 * 1024 * 1024 + 1);
		const error = await runNodeError({
			parameters: sendFile,
			binary: [stored('filesystem-v2:big', 'film.mkv', 'video/x-matroska')],
			binaryStore: { 'filesystem-v2:big': big },
		});
		expect(error.message).toBe(
			'The file "film.mkv" in binary field "data" of item 0 is 100 MB: GREEN-API accepts files of up to 100 MB',
		);
	});

	it('names the missing binary field and the item', async () => {
		const error = await runNodeError({ parameters: { ...sendFile, binaryPropertyName: 'attachment' }, binary: [inMemory(FILE)] });
		expect(error.message).toMatch(/attachment/);
		expect(error.context).toMatchObject({ itemIndex: 0 });
	});

	it('sends a file by URL with sendFileByUrl', async () => {
		const scope = nock(API_URL)
			.post(apiPath('sendFileByUrl'), {
				chatId: CHAT,
				urlFile: 'https://example.com/files/report.pdf',
				fileName: 'report.pdf',
				caption: 'See attached',
			})
			.reply(200, { idMessage: 'BAE5C' });
		const [items] = await runNode({
			parameters: {
				...sendFile,
				source: 'url',
				url: 'https://example.com/files/report.pdf',
				fileName: 'report.pdf',
				options: { caption: 'See attached' },
			},
		});
		expect(items[0].json).toEqual({ chatId: CHAT, idMessage: 'BAE5C', urlFile: 'https://example.com/files/report.pdf' });
		scope.done();
	});

	it.each([
		['ftp://example.com/a.pdf', 'report.pdf', 'Invalid File URL "ftp://example.com/a.pdf" in item 0: expected an http or https URL'],
		['https://example.com/a.pdf', ' ', 'Invalid File Name " " in item 0: expected some text'],
	])('refuses URL %s / file name %j without a request', async (url, fileName, message) => {
		const error = await runNodeError({ parameters: { ...sendFile, source: 'url', url, fileName } });
		expect(error.message).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
	});

	it('refuses a caption over 20,000 characters', async () => {
		const error = await runNodeError({ parameters: { ...sendFile, options: { caption: 'x'.repeat(20001) } }, binary: [inMemory(FILE)] });
		expect(error.message).toMatch(/^Invalid Caption "x{40}…" in item 0: expected at most 20000 characters \(it has 20001\)$/);
	});
});

describe('File › Upload', () => {
	it('uploads the bytes as the body of uploadFile, with the type and name in headers', async () => {
		const { scope, seen } = recordUploads('uploadFile', [[200, { urlFile: 'https://sw-media-out.example/u/photo.jpg' }]]);
		const [items] = await runNode({
			parameters: { resource: 'file', operation: 'upload', options: { fileName: 'фото 1.jpg' } },
			binary: [inMemory(FILE, 'IMG_1.jpg', 'image/jpeg')],
		});
		expect(items[0].json).toEqual({ urlFile: 'https://sw-media-out.example/u/photo.jpg', fileName: 'фото 1.jpg', fileSize: FILE.length });
		expect(seen[0].headers).toMatchObject({
			'content-type': 'image/jpeg',
			'content-length': String(FILE.length),
			'ga-filename': encodeURIComponent('фото 1.jpg'),
		});
		expect(seen[0].body.equals(FILE)).toBe(true);
		scope.done();
	});
});

describe('Message › Download File', () => {
	const downloadOp = { resource: 'message', operation: 'download', chatId: CHAT, messageId: 'BAE5D' };

	it('gets the link with downloadFile, then the file into binary data', async () => {
		const api = nock(API_URL)
			.post(apiPath('downloadFile'), { chatId: CHAT, idMessage: 'BAE5D' })
			.reply(200, { downloadUrl: 'https://sw-media.example/1101/a6679d42.pdf' });
		const storage = nock('https://sw-media.example')
			.get('/1101/a6679d42.pdf')
			.reply(200, FILE, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="May invoice.pdf"' });
		const [items] = await runNode({ parameters: { ...downloadOp, options: { binaryPropertyName: 'invoice' } } });
		expect(items[0].json).toEqual({
			chatId: CHAT,
			idMessage: 'BAE5D',
			downloadUrl: 'https://sw-media.example/1101/a6679d42.pdf',
			fileName: 'May invoice.pdf',
			mimeType: 'application/pdf',
			fileSize: FILE.length,
		});
		expect(Object.keys(items[0].binary!)).toEqual(['invoice']);
		expect(Buffer.from(items[0].binary!.invoice.data, 'base64').equals(FILE)).toBe(true);
		api.done();
		storage.done();
	});

	it('names the file after the link when the storage gives no name', async () => {
		nock(API_URL).post(apiPath('downloadFile')).reply(200, { downloadUrl: 'https://sw-media.example/1101/voice%201.ogg' });
		nock('https://sw-media.example').get('/1101/voice%201.ogg').reply(200, FILE.subarray(0, 10), { 'content-type': 'audio/ogg; codecs=opus' });
		const [items] = await runNode({ parameters: downloadOp });
		expect(items[0].json).toMatchObject({ fileName: 'voice 1.ogg', mimeType: 'audio/ogg' });
		expect(Object.keys(items[0].binary!)).toEqual(['data']);
	});

	it('retries a download that ends short of its Content-Length, and hands on only the whole file', async () => {
		nock(API_URL).post(apiPath('downloadFile')).reply(200, { downloadUrl: 'https://sw-media.example/1101/a.pdf' });
		nock('https://sw-media.example').get('/1101/a.pdf').reply(200, FILE.subarray(0, 1000), { 'content-length': String(FILE.length) });
		nock('https://sw-media.example').get('/1101/a.pdf').reply(200, FILE, { 'content-length': String(FILE.length) });
		const [items] = await runNode({ parameters: downloadOp });
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(FILE)).toBe(true);
		expect(virtualClock().sleeps).toHaveLength(1);
	});

	it('says when the message has no file', async () => {
		nock(API_URL)
			.post(apiPath('downloadFile'))
			.reply(400, 'File message encrypted url not found by chatId 79001234567@c.us and idMessage BAE5D');
		const error = await runNodeError({ parameters: downloadOp });
		expect(error.message).toBe('Message BAE5D in chat 79001234567@c.us has no file to download');
	});

	it('retries a download cut short, and hands on only the whole file', async () => {
		const served: number[] = [];
		const server = http.createServer((request, response) => {
			served.push(served.length);
			response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': FILE.length });
			if (served.length > 1) {
				response.end(FILE);
				return;
			}
			response.write(FILE.subarray(0, 1000), () => setTimeout(() => request.socket.destroy(), 20));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			const { port } = server.address() as AddressInfo;
			nock(API_URL).post(apiPath('downloadFile')).reply(200, { downloadUrl: `http://127.0.0.1:${port}/files/report.pdf` });
			const [items] = await runNode({ parameters: downloadOp });
			expect(served).toHaveLength(2);
			expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(FILE)).toBe(true);
			expect(items[0].json.fileName).toBe('report.pdf');
		} finally {
			nock.disableNetConnect();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('fails, with no file, when every attempt is cut short', async () => {
		const server = http.createServer((request, response) => {
			response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': FILE.length });
			response.write(FILE.subarray(0, 1000), () => setTimeout(() => request.socket.destroy(), 5));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			const { port } = server.address() as AddressInfo;
			nock(API_URL).post(apiPath('downloadFile')).reply(200, { downloadUrl: `http://127.0.0.1:${port}/files/report.pdf` });
			const [items] = await runNode({ parameters: downloadOp, continueOnFail: true });
			expect(items).toEqual([
				{
					json: {
						error: 'GREEN-API file download failed (no answer): the connection was reset',
						description: expect.stringMatching(/^Could not download the file from 127\.0\.0\.1:\d+: check that n8n can reach that host/),
					},
					pairedItem: { item: 0 },
				},
			]);
		} finally {
			nock.disableNetConnect();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('Contact › Get Avatar with Download', () => {
	const getAvatar = { resource: 'contact', operation: 'getAvatar', chatId: CHAT };

	it('puts the picture into binary data when the option is on', async () => {
		nock(API_URL)
			.post(apiPath('getAvatar'), { chatId: CHAT })
			.reply(200, { urlAvatar: 'https://pps.whatsapp.example/v/t61/abc.jpg?oe=1', available: true });
		nock('https://pps.whatsapp.example').get('/v/t61/abc.jpg').query({ oe: '1' }).reply(200, FILE.subarray(0, 4000), { 'content-type': 'image/jpeg' });
		const [items] = await runNode({ parameters: { ...getAvatar, options: { download: true, binaryPropertyName: 'avatar' } } });
		expect(items[0].json).toEqual({ chatId: CHAT, urlAvatar: 'https://pps.whatsapp.example/v/t61/abc.jpg?oe=1', available: true });
		expect(items[0].binary!.avatar).toMatchObject({ fileName: '79001234567.jpg', mimeType: 'image/jpeg' });
		expect(Buffer.from(items[0].binary!.avatar.data, 'base64').equals(FILE.subarray(0, 4000))).toBe(true);
	});

	it('downloads nothing when the contact shows no picture', async () => {
		nock(API_URL).post(apiPath('getAvatar')).reply(200, { urlAvatar: '', available: false });
		const [items] = await runNode({ parameters: { ...getAvatar, options: { download: true } } });
		expect(items[0]).toEqual({ json: { chatId: CHAT, urlAvatar: '', available: false }, pairedItem: { item: 0 } });
	});
});

