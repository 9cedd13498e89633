import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

/** A readable stream as n8n's helpers hand them out (the community-package rules forbid importing 'stream'). */
export type ByteStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** The largest file GREEN-API accepts for sending or uploading. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * How much of a stored file is read at a time: Node's own default, as n8n's HTTP Request node reads. 16 KB chunks
 * cost about 0.3 s more per 100 MB (four times the reads and socket writes). Each chunk is a new buffer outside V8's
 * heap, freed at the next garbage collection whatever its size, so the size does not bound memory (BENCHMARKS.md,
 * "files").
 */
const READ_CHUNK_BYTES = 64 * 1024;

/** A file of an input item's binary data, opened only when a request is sent (and again for a retry). */
export interface BinaryFile {
	fileName: string;
	mimeType: string;
	/** In bytes. */
	size: number;
	/** The bytes: a stream from n8n's binary data store, or the buffer of data n8n keeps in the item. */
	open(): Promise<ByteStream | Buffer>;
}

/**
 * The file in binary property `propertyName` of an item, read through n8n's helpers: a file in the binary data
 * store (n8n's `filesystem` mode) is streamed from there, never loaded whole.
 */
export async function readBinaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<BinaryFile> {
	const data: IBinaryData = context.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = data.fileName || `file${data.fileExtension ? `.${data.fileExtension}` : ''}`;
	const mimeType = data.mimeType || 'application/octet-stream';
	if (data.id) {
		const id = data.id;
		const { fileSize } = await context.helpers.getBinaryMetadata(id);
		return { fileName, mimeType, size: fileSize, open: async () => await context.helpers.getBinaryStream(id, READ_CHUNK_BYTES) };
	}
	const buffer = Buffer.from(data.data, BINARY_ENCODING);
	return { fileName, mimeType, size: buffer.length, open: async () => buffer };
}

/**
 * A stream of `chunks`, made with the Readable class of `like` (a stream n8n handed over), since the
 * community-package rules forbid importing 'stream'. Readable.from is a static method that its subclasses inherit.
 */
export function streamLike(like: ByteStream, chunks: AsyncIterable<Buffer>): ByteStream {
	const readable = like.constructor as unknown as { from(source: AsyncIterable<Buffer>, options: object): ByteStream };
	return readable.from(chunks, { objectMode: false });
}

/** A text field of a multipart form; fields without a value are left out. */
export type FormFields = Record<string, string | undefined>;

/** A header parameter's value in quotes: no line breaks, and quotes escaped as browsers do. */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n]+/g, ' ').replace(/"/g, '%22')}"`;
}

/**
 * A multipart/form-data body: the text fields, then the file under `fileField`. What comes before and after the
 * file's bytes is built up front, so the body's length is known and the file itself can be streamed.
 */
export function multipartFrame(
	fields: FormFields,
	fileField: string,
	file: Pick<BinaryFile, 'fileName' | 'mimeType' | 'size'>,
	boundary: string,
): { head: Buffer; tail: Buffer; contentType: string; contentLength: number } {
	const parts = Object.entries(fields)
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`);
	const head = Buffer.from(
		`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name=${quoted(fileField)}; filename=${quoted(file.fileName)}\r\n` +
			`Content-Type: ${file.mimeType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return {
		head,
		tail,
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: head.length + file.size + tail.length,
	};
}

/** What an upload sends: the body (opened anew for each attempt) and its headers. */
export interface UploadBody {
	body: ByteStream | Buffer;
	headers: Record<string, string>;
}

/** A stream that says when each chunk is read for sending (the transport's timeouts count an upload's progress). */
export type ProgressStream = ByteStream & { onChunk?: () => void };

export function isProgressStream(body: unknown): body is ProgressStream {
	return typeof body === 'object' && body !== null && 'onChunk' in body;
}

/**
 * The bytes of `source` between `head` and `tail`, as one stream or buffer. The stream is `source` itself, n8n's
 * stream of the stored file: `head` goes in front of its first chunk and `tail` after its last, and its `onChunk`
 * is told of each chunk read. No stream is laid over it: each layer (an async generator under Readable.from, as
 * before) costs promises and a pause per chunk. The HTTP client pipes it to the socket, with backpressure, so a
 * chunk is read only when the previous ones have left: `onChunk` is the upload's progress.
 */
export function framed(head: Buffer, source: ByteStream | Buffer, tail: Buffer): ByteStream | Buffer {
	if (Buffer.isBuffer(source)) return Buffer.concat([head, source, tail]);
	const stream = source as ProgressStream;
	const push = stream.push.bind(stream);
	stream.onChunk = undefined;
	stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
		if (chunk === null) {
			if (tail.length > 0) push(tail);
			return push(null);
		}
		stream.onChunk?.();
		return push(chunk, encoding);
	};
	if (head.length > 0) stream.unshift(head);
	return stream;
}
