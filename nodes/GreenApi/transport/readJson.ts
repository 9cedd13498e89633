/**
 * Reads a JSON answer, as text or (for answers that can be long) from the response stream, without ever holding a
 * streamed answer whole as one buffer or one string.
 *
 * A top-level array (a chat's history, the list of chats) is parsed a batch of elements at a time as its bytes
 * arrive: each batch is small enough for V8 to keep in its young generation, where it dies, so what stays is the
 * parsed elements and the bytes the socket read. Anything else (an object, an error text) is small and parsed
 * whole. Valid input gives exactly what JSON.parse of the whole text gives; invalid input is reported as invalid.
 */

/** What was read: the parsed value, an empty (blank) answer, or text that is not JSON; with the text's start. */
export type ReadJson = ({ kind: 'json'; value: unknown } | { kind: 'blank' } | { kind: 'invalid' }) & {
	/** The first HEAD_CHARS characters of the answer, for error messages. */
	head: string;
};

/**
 * How much of the answer is kept for errors: more than they quote (at most 2,000 characters), so that a secret the
 * answer holds across where they cut is still whole when it is redacted.
 */
export const HEAD_CHARS = 4096;

/** Elements are parsed once this many characters of them are waiting (well under V8's large-object size). */
const BATCH_CHARS = 32 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isWhitespace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The chunks of a response body as n8n hands it over: a stream, the text, or (from other clients) a buffer. */
function chunksOf(body: unknown): AsyncIterable<unknown> | Iterable<unknown> {
	if (body === undefined || body === null) return [];
	if (typeof body === 'string' || Buffer.isBuffer(body)) return [body];
	if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return body as AsyncIterable<unknown>;
	return [JSON.stringify(body)];
}

/**
 * Splits a JSON text into its top-level array's elements as the text arrives, parsing them in batches.
 * `push` takes the text in order, piece by piece; `end` says whether it was valid JSON and returns the value.
 */
class JsonTextReader {
	private phase: 'start' | 'array' | 'after' | 'whole' | 'invalid' = 'start';
	/** Nesting inside the current element (0: between the array's elements). */
	private depth = 0;
	private inString = false;
	private escaped = false;
	/** Whether the current element has begun (anything but whitespace since the last comma). */
	private elementBegun = false;
	private afterComma = false;
	/** The text of whole elements (and of the current one so far) not parsed yet, comma-separated. */
	private batch: string[] = [];
	private waitingChars = 0;
	private readonly elements: unknown[] = [];
	/** In the 'whole' phase: every piece of the text. */
	private readonly whole: string[] = [];

	constructor(private readonly batchChars: number) {}

	push(text: string): void {
		let index = 0;
		if (this.phase === 'start') {
			while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
			if (index === text.length) return;
			if (text.charCodeAt(index) !== OPEN_ARRAY) this.phase = 'whole';
			else {
				this.phase = 'array';
				index++;
			}
		}
		if (this.phase === 'whole') this.whole.push(index === 0 ? text : text.slice(index));
		else if (this.phase === 'array') this.scanArray(text, index);
		else if (this.phase === 'after') this.scanAfter(text, index);
	}

	end(): { kind: 'json'; value: unknown } | { kind: 'blank' } | { kind: 'invalid' } {
		if (this.phase === 'start') return { kind: 'blank' };
		if (this.phase === 'whole') {
			try {
				return { kind: 'json', value: JSON.parse(this.whole.join('')) as unknown };
			} catch {
				return { kind: 'invalid' };
			}
		}
		if (this.phase === 'after') return { kind: 'json', value: this.elements };
		return { kind: 'invalid' };
	}

	private scanArray(text: string, from: number): void {
		let pieceStart = from;
		for (let index = from; index < text.length; index++) {
			if (this.inString) {
				index = this.stringEnd(text, index);
				continue;
			}
			const code = text.charCodeAt(index);
			if (code === QUOTE) {
				this.inString = true;
				this.elementBegun = true;
				index = this.stringEnd(text, index + 1);
				continue;
			}
			if (code === OPEN_ARRAY || code === OPEN_OBJECT) this.depth++;
			else if ((code === CLOSE_ARRAY || code === CLOSE_OBJECT) && this.depth > 0) this.depth--;
			else if (this.depth === 0 && (code === COMMA || code === CLOSE_ARRAY)) {
				// an element ends: it must have begun (no "[1,,2]", no "[1,]")
				if (!this.elementBegun && (code === COMMA || this.afterComma)) return this.fail();
				this.keep(text, pieceStart, index);
				pieceStart = index + 1;
				if (code === CLOSE_ARRAY) {
					if (!this.parseBatch()) return;
					this.phase = 'after';
					return this.scanAfter(text, index + 1);
				}
				this.elementBegun = false;
				this.afterComma = true;
				if (this.waitingChars >= this.batchChars) {
					if (!this.parseBatch()) return;
				} else {
					this.batch.push(',');
				}
				continue;
			}
			if (!this.elementBegun && !isWhitespace(code)) this.elementBegun = true;
		}
		this.keep(text, pieceStart, text.length);
	}

	/**
	 * Inside a string that began before `from`: the index of its closing quote (and out of the string), or the end
	 * of the text (still inside, remembering whether the text ended on an escaping backslash).
	 */
	private stringEnd(text: string, from: number): number {
		let index = from;
		if (this.escaped) {
			this.escaped = false;
			index++;
		}
		for (;;) {
			const quote = text.indexOf('"', index);
			const end = quote === -1 ? text.length : quote;
			let backslashes = 0;
			while (end - backslashes - 1 >= index && text.charCodeAt(end - backslashes - 1) === BACKSLASH) backslashes++;
			if (quote === -1) {
				this.escaped = backslashes % 2 === 1;
				return text.length;
			}
			if (backslashes % 2 === 0) {
				this.inString = false;
				return quote;
			}
			index = quote + 1;
		}
	}

	private scanAfter(text: string, from: number): void {
		for (let index = from; index < text.length; index++) {
			if (!isWhitespace(text.charCodeAt(index))) return this.fail();
		}
	}

	private keep(text: string, start: number, end: number): void {
		if (end <= start) return;
		this.batch.push(start === 0 && end === text.length ? text : text.slice(start, end));
		this.waitingChars += end - start;
	}

	/** Parses the waiting elements; false (and the invalid phase) when they are not valid JSON. */
	private parseBatch(): boolean {
		let text = '[';
		for (const piece of this.batch) text += piece;
		text += ']';
		this.batch = [];
		this.waitingChars = 0;
		let parsed: unknown[];
		try {
			parsed = JSON.parse(text) as unknown[];
		} catch {
			this.fail();
			return false;
		}
		for (const element of parsed) this.elements.push(element);
		return true;
	}

	private fail(): void {
		this.phase = 'invalid';
		this.batch = [];
	}

	get invalid(): boolean {
		return this.phase === 'invalid';
	}
}

/**
 * Reads a response body (see the top of this file); stops reading once it is known not to be JSON and its head is
 * kept. `batchChars` is how many characters of elements wait before they are parsed; `onChunk` is told of each
 * chunk as it arrives (the idle timeout).
 */
export async function readJson(body: unknown, batchChars = BATCH_CHARS, onChunk?: () => void): Promise<ReadJson> {
	const decoder = new TextDecoder();
	const reader = new JsonTextReader(batchChars);
	let head = '';
	const take = (text: string) => {
		if (head.length < HEAD_CHARS) head += text.slice(0, HEAD_CHARS - head.length);
		if (!reader.invalid) reader.push(text);
	};
	for await (const chunk of chunksOf(body)) {
		onChunk?.();
		take(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
		if (reader.invalid && head.length >= HEAD_CHARS) break;
	}
	take(decoder.decode());
	return { ...reader.end(), head };
}
