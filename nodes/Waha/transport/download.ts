import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ByteStream } from '../../GreenApi/transport/binary';
import { storeDownload } from '../../GreenApi/transport/download';
import { readJson } from '../../GreenApi/transport/readJson';
import { networkCode } from '../../GreenApi/helpers/network';
import { type Outcome, withRetries } from './index';

/** Where WAHA serves the media it downloaded (and guards it with the API key). */
const FILES_PATH = '/api/files/';

export interface MediaDownload {
	url: string;
	itemIndex: number;
	messageId: string;
	fileName?: string;
	mimeType?: string;
}

/**
 * The request for a media link. WAHA's own files (`…/api/files/…`) are fetched from the credential's Base URL with
 * the key, whatever host WAHA wrote into the link (it often writes its own idea of its address, such as
 * localhost:3000); links elsewhere (S3 storage) are fetched as they are, without the key.
 */
function mediaRequest(url: string): { withKey: boolean; options: IHttpRequestOptions } {
	const parsed = new URL(url);
	const at = parsed.pathname.indexOf(FILES_PATH);
	const base: IHttpRequestOptions = { method: 'GET', url, encoding: 'stream', returnFullResponse: true, ignoreHttpStatusErrors: true };
	if (at < 0) return { withKey: false, options: base };
	return { withKey: true, options: { ...base, url: `${parsed.pathname.slice(at)}${parsed.search}`, disableFollowRedirect: true } };
}

/**
 * Downloads a message's media into n8n's binary data, streamed from the socket into the binary data store (never
 * held whole). A download cut short is retried (a read changes nothing); a 404 says the file is gone.
 */
export async function downloadMedia(this: IExecuteFunctions, download: MediaDownload): Promise<IBinaryData> {
	let request: ReturnType<typeof mediaRequest>;
	try {
		request = mediaRequest(download.url);
	} catch {
		throw new NodeOperationError(this.getNode(), `WAHA gave an unreadable media link for message ${download.messageId}`, { itemIndex: download.itemIndex });
	}
	const attempt = async (): Promise<Outcome> => {
		let response: IN8nHttpFullResponse;
		if (request.withKey) {
			const sent = await sendStream(this, request.options);
			if ('kind' in sent) return sent;
			response = sent;
		} else {
			try {
				response = (await this.helpers.httpRequest(request.options)) as IN8nHttpFullResponse;
			} catch (error) {
				return { kind: 'network', code: networkCode(error) };
			}
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return { kind: 'answer', status: response.statusCode, body: await readJson(response.body), headers: response.headers ?? {} };
		}
		const contentType = String(response.headers?.['content-type'] ?? '').split(';')[0].trim() || undefined;
		return await storeDownload(this, download.itemIndex, async () =>
			await this.helpers.prepareBinaryData(response.body as ByteStream, download.fileName, download.mimeType ?? contentType),
		);
	};
	const hints = [
		{
			status: 404,
			message: `The media of message ${download.messageId} is no longer on WAHA`,
			description: 'WAHA keeps the media it downloaded for a limited time (WHATSAPP_FILES_LIFETIME): run Get History with Download Media again',
		},
	];
	return (await withRetries(this, { action: `download the media of message ${download.messageId}`, itemIndex: download.itemIndex, hints, effectful: false }, attempt)) as IBinaryData;
}

/** A streamed request through the credential: the response, or what happened to the connection. */
async function sendStream(context: IExecuteFunctions, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse | Outcome> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, 'wahaApi', options)) as IN8nHttpFullResponse;
	} catch (error) {
		return { kind: 'network', code: networkCode(error) };
	}
}
