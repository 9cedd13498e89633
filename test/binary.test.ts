import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'stream';

import { framed, multipartFrame } from '../nodes/GreenApi/transport/binary';

async function bytesOf(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('multipart bodies', () => {
	const file = { fileName: 'a "b".txt', mimeType: 'text/plain', size: 5 };

	it('frames the fields and the file exactly, and knows the length before the file is read', async () => {
		const frame = multipartFrame({ chatId: '79001234567@c.us', caption: undefined, fileName: 'a "b".txt' }, 'file', file, 'XyZ');
		const body = await bytesOf(framed(frame.head, Readable.from([Buffer.from('he'), Buffer.from('llo')]), frame.tail) as Readable);
		expect(body.toString()).toBe(
			'--XyZ\r\nContent-Disposition: form-data; name="chatId"\r\n\r\n79001234567@c.us\r\n' +
				'--XyZ\r\nContent-Disposition: form-data; name="fileName"\r\n\r\na "b".txt\r\n' +
				'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a %22b%22.txt"\r\nContent-Type: text/plain\r\n\r\n' +
				'hello\r\n--XyZ--\r\n',
		);
		expect(frame.contentLength).toBe(body.length);
		expect(frame.contentType).toBe('multipart/form-data; boundary=XyZ');
	});

	it('frames a file kept in memory as one buffer', () => {
		const frame = multipartFrame({}, 'file', { ...file, size: 2 }, 'B');
		const body = framed(frame.head, Buffer.from('hi'), frame.tail) as Buffer;
		expect(Buffer.isBuffer(body)).toBe(true);
		expect(body.length).toBe(frame.contentLength);
	});
});

describe('a stored file framed for upload', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-framed-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	function storedFile(name: string, bytes: Buffer): string {
		const file = path.join(dir, name);
		fs.writeFileSync(file, bytes);
		return file;
	}

	it('is the file store’s own stream, head first and tail last, and tells of every chunk read', async () => {
		const bytes = Buffer.alloc(200 * 1024 + 7, 'x');
		const source = fs.createReadStream(storedFile('clip.mp4', bytes), { highWaterMark: 64 * 1024 });
		const body = framed(Buffer.from('HEAD'), source, Buffer.from('TAIL')) as Readable & { onChunk?: () => void };
		let chunks = 0;
		body.onChunk = () => chunks++;
		expect(body).toBe(source);
		const sent = await bytesOf(body);
		expect(sent.length).toBe(4 + bytes.length + 4);
		expect(sent.subarray(0, 4).toString()).toBe('HEAD');
		expect(sent.subarray(4, 4 + bytes.length).equals(bytes)).toBe(true);
		expect(sent.subarray(-4).toString()).toBe('TAIL');
		// 200 KB and 7 bytes in chunks of 64 KB
		expect(chunks).toBe(4);
	});

	it('frames an empty file as the head and the tail', async () => {
		const body = framed(Buffer.from('HEAD'), fs.createReadStream(storedFile('empty.txt', Buffer.alloc(0))), Buffer.from('TAIL'));
		expect((await bytesOf(body as Readable)).toString()).toBe('HEADTAIL');
	});
});
