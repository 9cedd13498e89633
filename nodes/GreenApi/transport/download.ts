import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type ByteStream, streamLike } from './binary';
import { guarded } from './guard';
import { networkCode } from '../helpers/network';
import { itemTimeouts, type Outcome, withRetries } from './index';
import { readJson } from './readJson';

/** The file name a Content-Disposition header gives (`filename*=UTF-8''…` preferred), or undefined. */
export function fileNameFromDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// not valid percent-encoding: fall back to the plain parameter
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name || undefined;
}

/** The last segment of a URL's path, decoded, or undefined. */
export function fileNameFromUrl(url: string): string | undefined {
	try {
		const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
		return segment ? decodeURIComponent(segment) : undefined;
	} catch {
		return undefined;
	}
}

/** A MIME type without its parameters (`text/plain; charset=utf-8` → `text/plain`), or undefined. */
function mediaType(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const type = header.split(';')[0].trim().toLowerCase();
	return type || undefined;
}

export interface Download {
	url: string;
	itemIndex: number;
	/** Known from GREEN-API's answer; else taken from the response's headers, else from the URL. */
	fileName?: string;
	mimeType?: string;
}

/**
 * Downloads a file into n8n's binary data, streamed: in n8n's `filesystem` mode it goes from the socket to disk
 * and is never held whole. A download cut short (n8n's HTTP client fails it: the body ended before its
 * Content-Length, or the connection closed) is retried like a reset connection, and is never handed on. The item's
 * timeouts apply: to the answer's start, and between chunks (a stalled download fails as a timeout).
 * Retries, errors and redaction are the request function's.
 */
export async function downloadToBinary(this: IExecuteFunctions, download: Download): Promise<IBinaryData> {
	const timeouts = itemTimeouts(this, download.itemIndex);
	const stop = this.getExecutionCancelSignal?.();
	const attempt = async (): Promise<Outcome> => await guarded<Outcome>(timeouts, stop, async (guard) => {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'GET',
				url: download.url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: guard.signal,
				timeout: 3_660_000,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			return { kind: 'network', code: networkCode(error) };
		}
		guard.answered(response.body);
		const headers = response.headers ?? {};
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return { kind: 'answer', status: response.statusCode, body: await readJson(response.body, undefined, guard.touch), headers };
		}
		const fileName =
			download.fileName ?? fileNameFromDisposition(headers['content-disposition']) ?? fileNameFromUrl(download.url);
		const mimeType = download.mimeType ?? mediaType(headers['content-type']);
		const source = response.body as ByteStream;
		const watched = streamLike(
			source,
			(async function* () {
				for await (const chunk of source) {
					guard.touch();
					yield chunk as Buffer;
				}
			})(),
		);
		return await storeDownload(this, download.itemIndex, async () => await this.helpers.prepareBinaryData(watched, fileName, mimeType));
	});
	const host = new URL(download.url).host;
	const hints = [
		{
			noAnswer: true,
			description: `Could not download the file from ${host}: check that n8n can reach that host, then try again`,
		},
		{
			status: 404,
			message: 'The file is no longer available for download',
			description:
				'GREEN-API keeps received files for a limited time; the message may be too old, or its download link expired. Get a fresh link with Message › Download again.',
		},
	];
	return (await withRetries(this, { method: 'file download', itemIndex: download.itemIndex, hints }, false, attempt)) as IBinaryData;
}

/**
 * Stores a download as n8n binary data (`store` reads the answer's stream into n8n's binary data store), for both
 * transports: a stream that broke off is a network failure the caller's retry rules read; anything else is n8n
 * failing to store the file, which fails the item with where to look.
 */
export async function storeDownload(
	context: IExecuteFunctions,
	itemIndex: number | undefined,
	store: () => Promise<IBinaryData>,
): Promise<{ kind: 'done'; value: IBinaryData } | { kind: 'network'; code: string }> {
	try {
		return { kind: 'done', value: await store() };
	} catch (error) {
		const code = networkCode(error);
		if (code === 'EUNKNOWN') {
			throw new NodeOperationError(context.getNode(), error as Error, {
				itemIndex,
				description: 'n8n could not store the downloaded file: check the binary data storage (disk space, N8N_DEFAULT_BINARY_DATA_MODE)',
			});
		}
		return { kind: 'network', code };
	}
}
