import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/** The largest webhook body the trigger reads: GREEN-API and WAHA send a few kilobytes (a thumbnail at most). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** The deepest nesting of objects and arrays the trigger accepts: real webhooks nest fewer than ten levels. */
export const MAX_BODY_DEPTH = 64;

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

/**
 * The bytes the sender signed. n8n has already read them for JSON, text and form bodies; for any other content type
 * (or none) the node reads them itself.
 */
export async function readRawBody(request: WebhookRequest): Promise<Buffer> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
}

/** How deeply the JSON text nests objects and arrays, counting no further than `limit + 1` (brackets in strings do not count). */
export function nestingDepth(bytes: Buffer, limit = MAX_BODY_DEPTH): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (inString) {
			if (byte === 0x5c) index++; // a backslash: the next byte is escaped
			else if (byte === 0x22) inString = false;
		} else if (byte === 0x22) {
			inString = true;
		} else if (byte === 0x7b || byte === 0x5b) {
			depth++;
			if (depth > deepest) deepest = depth;
			if (deepest > limit) return deepest;
		} else if (byte === 0x7d || byte === 0x5d) {
			depth--;
		}
	}
	return deepest;
}

/** The body as a JSON object, or why it is refused (400); the depth is checked before anything walks it. */
export function parseWebhookBody(rawBody: Buffer): { body: IDataObject } | { refusal: string } {
	if (nestingDepth(rawBody) > MAX_BODY_DEPTH) {
		return { refusal: `The body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels` };
	}
	let value: unknown;
	try {
		value = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { refusal: 'The body must be a JSON object' };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return { refusal: 'The body must be a JSON object' };
	return { body: value as IDataObject };
}
