import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { greenApiRequest } from '../transport';
import {
	type BinaryFile,
	type FormFields,
	framed,
	MAX_FILE_BYTES,
	multipartFrame,
	readBinaryFile,
	type UploadBody,
} from '../transport/binary';
import { invalidField, readText } from './common';

/** The field naming the input binary property that holds the file, as n8n's own nodes have it. */
export function binaryPropertyField(description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file',
		description: `${description}, e.g. data`,
		...extra,
	};
}

/** The option naming the binary property a downloaded file is put into. */
export const outputBinaryOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
	description: 'The binary property of the output item that receives the file, e.g. data',
};

/** The option that replaces the file name the binary data carries. */
export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'report.pdf',
	description:
		'The file name WhatsApp shows, with its extension (GREEN-API picks how to send the file by it), e.g. report.pdf. Empty: the name the binary data carries.',
};

/** The "File Source" field of operations that send a file from binary data or from a URL. */
export const fileSourceField: INodeProperties = {
	displayName: 'File Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'Binary Data', value: 'binary', description: 'A file of the input item (n8n binary data)' },
		{ name: 'URL', value: 'url', description: 'A public, direct link to the file' },
	],
	default: 'binary',
	description: 'Where the file comes from',
};

/** The fields of a file given by URL: its address and the name it is sent under. */
export function fileUrlFields(): INodeProperties[] {
	return [
		{
			displayName: 'File URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/files/report.pdf',
			description: 'A direct link to the file (not a download page), e.g. https://example.com/files/report.pdf',
			displayOptions: { show: { source: ['url'] } },
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'report.pdf',
			description: 'The file name with its extension, which decides how WhatsApp shows the file, e.g. report.pdf',
			displayOptions: { show: { source: ['url'] } },
		},
	];
}

/** The http(s) URL in field `name`; fails the item otherwise. */
export function readUrl(context: IExecuteFunctions, itemIndex: number, name: string, displayName: string): string {
	const url = (readText(context, itemIndex, name, displayName) ?? '').trim();
	let valid = false;
	try {
		valid = /^https?:$/.test(new URL(url).protocol);
	} catch {
		valid = false;
	}
	if (!valid) throw invalidField(context, itemIndex, displayName, url, 'an http or https URL such as https://example.com/files/report.pdf');
	return url;
}

/** How big a file is, for people: 104857600 → "100 MB". */
function megabytes(bytes: number): string {
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * The file to send from the item's binary data (the field `binaryPropertyName`), with the name from the
 * `options.fileName` option when given. Fails the item, before any byte is sent, when it is over GREEN-API's limit.
 */
export async function readFileToSend(context: IExecuteFunctions, itemIndex: number): Promise<BinaryFile> {
	const propertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const file = await readBinaryFile(context, itemIndex, propertyName);
	const fileName = String(context.getNodeParameter('options.fileName', itemIndex, '') ?? '').trim();
	if (file.size > MAX_FILE_BYTES) {
		throw new NodeOperationError(
			context.getNode(),
			`The file "${file.fileName}" in binary field "${propertyName}" of item ${itemIndex} is ${megabytes(file.size)}: GREEN-API accepts files of up to 100 MB`,
			{ itemIndex, description: 'Send a smaller file, or share a link to it in a text message' },
		);
	}
	return fileName ? { ...file, fileName } : file;
}

/** The body of a multipart upload: the text fields, then the file's bytes streamed under `fileField`. */
export function multipartUpload(fields: FormFields, fileField: string, file: BinaryFile): () => Promise<UploadBody> {
	return async () => {
		const frame = multipartFrame(fields, fileField, file, `----n8nGreenApi${randomBytes(12).toString('hex')}`);
		return {
			body: framed(frame.head, await file.open(), frame.tail),
			headers: { 'Content-Type': frame.contentType, 'Content-Length': String(frame.contentLength) },
		};
	};
}

/** The body of a raw upload, as uploadFile takes it: the file's bytes, streamed, its name in `GA-Filename`. */
export function rawUpload(file: BinaryFile): () => Promise<UploadBody> {
	return async () => ({
		body: await file.open(),
		headers: {
			'Content-Type': file.mimeType,
			'Content-Length': String(file.size),
			'GA-Filename': encodeURIComponent(file.fileName),
		},
	});
}

/**
 * Uploads a file to GREEN-API's storage with `uploadFile` (the bytes as the body, streamed) and returns the
 * `urlFile` the other sending methods take; the link lasts 15 days.
 */
export async function uploadFile(context: IExecuteFunctions, itemIndex: number, file: BinaryFile): Promise<string> {
	const answer = (await greenApiRequest.call(context, {
		method: 'uploadFile',
		host: 'media',
		itemIndex,
		upload: rawUpload(file),
	})) as IDataObject;
	return String(answer?.urlFile ?? '');
}

/**
 * Sets a picture (a group's, or the account's profile) from the item's binary data: a JPEG, sent as the multipart
 * part `file` with `fields`, on the API host as GREEN-API documents both methods. Returns GREEN-API's answer; fails
 * the item when the file is not a JPEG.
 */
export async function sendPicture(
	context: IExecuteFunctions,
	itemIndex: number,
	method: 'setGroupPicture' | 'setProfilePicture',
	fields: FormFields,
): Promise<IDataObject> {
	const file = await readFileToSend(context, itemIndex);
	if (!/^image\/(jpeg|jpg|pjpeg)$/i.test(file.mimeType)) {
		throw new NodeOperationError(
			context.getNode(),
			`The file "${file.fileName}" of item ${itemIndex} is ${file.mimeType}: WhatsApp takes pictures as JPEG (image/jpeg)`,
			{ itemIndex, description: 'Convert the picture to JPEG first, e.g. with the Edit Image node' },
		);
	}
	return (await greenApiRequest.call(context, {
		method,
		itemIndex,
		upload: multipartUpload(fields, 'file', file),
	})) as IDataObject;
}
