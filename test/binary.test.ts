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
