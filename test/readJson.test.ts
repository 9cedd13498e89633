import { Readable } from 'node:stream';

import { HEAD_CHARS, readJson } from '../nodes/GreenApi/transport/readJson';

/** The body as n8n hands it over for `encoding: 'stream'`: a stream of buffers, here cut every `size` bytes. */
function streamOf(text: string | Buffer, size: number): Readable {
	const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
	const chunks: Buffer[] = [];
	for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
	return Readable.from(chunks);
}

/** What reading `text` must give: exactly what JSON.parse of the whole text gives. */
function expected(text: string): { kind: 'json'; value: unknown } | { kind: 'blank' } | { kind: 'invalid' } {
	if (text.trim() === '') return { kind: 'blank' };
	try {
		return { kind: 'json', value: JSON.parse(text) as unknown };
	} catch {
		return { kind: 'invalid' };
	}
}

async function read(text: string, chunkSize: number, batchChars?: number) {
	const { head, ...result } = await readJson(streamOf(text, chunkSize), batchChars);
	return { head, result };
}

const message = (k: number) => ({
	type: k % 2 ? 'outgoing' : 'incoming',
	timestamp: 1730989200 + k,
	idMessage: `BAE5${k}`,
	chatId: '79001234567@c.us',
	textMessage: `Hi, [${k}] {"quoted"} \\ back\\slash, comma; ünïcödé 👍 \u2028`,
	extendedTextMessage: { text: 'a,b', previewType: null, forwardingScore: 0.5, tags: ['x', [], {}] },
	isForwarded: false,
});

const VALID = [
	JSON.stringify([message(1), message(2), message(3)]),
	JSON.stringify([message(1), message(2)], null, 2),
	'[]',
	' [ ] ',
	'[[],{},[[]],{"a":[]}]',
	'[1, -2.5e3, true, false, null, "s"]',
	'\n[ "\\"", "\\\\", "\\\\\\"", "]", "[", "{", "}", ",", "\\u005d" ]\t',
	// a string that ends in an escaped backslash, before strings that hold a comma and a bracket
	'["\\\\", ",", "]", "\\\\\\\\", "a,b]"]',
	JSON.stringify({ existsWhatsapp: true }),
	JSON.stringify({ removed: true, items: [1, 2] }),
	'"a string"',
	'42',
	'null',
];

describe('readJson', () => {
	it.each(VALID.map((text) => [text.slice(0, 30), text]))('gives what JSON.parse gives for %s…, however the bytes are cut and the elements batched', async (_, text) => {
		for (const chunkSize of [1, 2, 3, 5, 64, 1 << 20]) {
			for (const batchChars of [1, 10, undefined]) {
				expect((await read(text, chunkSize, batchChars)).result).toEqual(expected(text));
			}
		}
	});

	it('gives the elements of a long array in order, the same as JSON.parse, at the default batch size', async () => {
		const messages = Array.from({ length: 5000 }, (_, k) => message(k));
		const text = JSON.stringify(messages);
		const { result } = await read(text, 65536);
		expect(result).toEqual({ kind: 'json', value: messages });
	});

	it('answers as JSON.parse does for every text one character away from a valid one', async () => {
		const base = '[{"a":"x,\\"]"},[1,2],"s",{"b":[{}]},3]';
		const texts = new Set<string>();
		for (let index = 0; index <= base.length; index++) {
			texts.add(base.slice(0, index) + base.slice(index + 1));
			for (const inserted of [',', ']', '[', '"', '}', '{', ' ', '\\', 'x']) texts.add(base.slice(0, index) + inserted + base.slice(index));
		}
		for (const text of texts) {
			for (const [chunkSize, batchChars] of [
				[1, 1],
				[4, 1],
				[7, 5],
				[1000, undefined],
			] as Array<[number, number | undefined]>) {
				const { result } = await read(text, chunkSize, batchChars);
				if (JSON.stringify(result) !== JSON.stringify(expected(text))) {
					throw new Error(`${text} (chunks of ${chunkSize}, batches of ${batchChars}): ${JSON.stringify(result)}`);
				}
			}
		}
		expect(texts.size).toBeGreaterThan(300);
	});

	it.each(['[1,]', '[,1]', '[1,,2]', '[1 2]', '[1]x', '[1]]', '[', '[1', '["a', '[{"a":1]', '{"a":1', 'not json', '[1,\n]'])(
		'reports %j as not JSON',
		async (text) => {
			for (const [chunkSize, batchChars] of [
				[1, 1],
				[1000, undefined],
			] as Array<[number, number | undefined]>) {
				expect((await read(text, chunkSize, batchChars)).result).toEqual({ kind: 'invalid' });
			}
		},
	);

	it('reads characters cut between chunks whole, whatever the cut', async () => {
		const text = JSON.stringify(['Привет 👋🏽', { name: 'Zoë 中文' }]);
		for (let size = 1; size <= 8; size++) {
			expect((await read(text, size, 1)).result).toEqual({ kind: 'json', value: JSON.parse(text) });
		}
	});

	it('reads an empty or blank answer as blank', async () => {
		expect(await readJson(streamOf('', 1))).toEqual({ kind: 'blank', head: '' });
		expect(await readJson(streamOf(' \r\n\t', 1))).toEqual({ kind: 'blank', head: ' \r\n\t' });
	});

	it('skips a byte order mark, as reading the text whole did', async () => {
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a":1}]')]);
		expect(await readJson(streamOf(bytes, 2))).toEqual({ kind: 'json', value: [{ a: 1 }], head: '[{"a":1}]' });
	});

	it('keeps the first 4,096 characters of the answer for error messages, and no more', async () => {
		const html = `<html>${'x'.repeat(5000)}</html>`;
		const { head, result } = await read(html, 100);
		expect(result).toEqual({ kind: 'invalid' });
		expect(head).toBe(html.slice(0, HEAD_CHARS));
		expect(HEAD_CHARS).toBe(4096);
		const short = await read('{"message":"Bad Request"}', 3);
		expect(short).toEqual({ head: '{"message":"Bad Request"}', result: { kind: 'json', value: { message: 'Bad Request' } } });
	});

	it('reads a body handed over whole: text, a buffer, nothing, or already parsed', async () => {
		expect(await readJson('[1,2]')).toEqual({ kind: 'json', value: [1, 2], head: '[1,2]' });
		expect(await readJson(Buffer.from('{"a":true}'))).toEqual({ kind: 'json', value: { a: true }, head: '{"a":true}' });
		expect(await readJson(undefined)).toEqual({ kind: 'blank', head: '' });
		expect(await readJson({ a: [1] })).toEqual({ kind: 'json', value: { a: [1] }, head: '{"a":[1]}' });
	});
});
