import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readText } from '../common';
import { binaryPropertyField, multipartUpload, rawUpload, readFileToSend } from '../files';
import type { Operation } from '../types';

/** Methods Call Method refuses: updateApiToken's answer is the instance's new token, which no item may carry. */
const REFUSED: Record<string, string> = {
	updateapitoken:
		'updateApiToken changes the API token and answers with the new one, which would end up in the execution data: change the token in the GREEN-API console, then in the credential',
};

const HTTP_METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'DELETE'];

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'getChats',
		description:
			'The GREEN-API method, as its documentation names it in the URL, e.g. getChats. The node adds the host, the instance and the token.',
	},
	{
		displayName: 'HTTP Method',
		name: 'httpMethod',
		type: 'options',
		options: HTTP_METHODS.map((verb) => ({ name: verb, value: verb })),
		default: 'GET',
		description: 'The HTTP method GREEN-API documents for the method',
	},
	{
		displayName: 'Host',
		name: 'host',
		type: 'options',
		options: [
			{ name: 'API URL', value: 'api', description: "The credential's API URL: every method but the two below" },
			{ name: 'Media URL', value: 'media', description: "The credential's Media URL: sendFileByUpload and uploadFile" },
		],
		default: 'api',
		description: 'Which host of the credential to call',
	},
	{
		displayName: 'Body',
		name: 'bodyType',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json', description: 'A JSON object, as most POST methods take' },
			{
				name: 'File as Multipart Form',
				value: 'multipart',
				description: 'A file from binary data with form fields, as sendFileByUpload and setGroupPicture take',
			},
			{ name: 'File as Raw Bytes', value: 'raw', description: 'The bytes of a file from binary data, as uploadFile takes' },
		],
		default: 'json',
		description: 'What the request carries',
		displayOptions: { show: { httpMethod: ['POST'] } },
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		description: 'The JSON object to send, e.g. {"chatId": "79001234567@c.us", "count": 10}',
		displayOptions: { show: { httpMethod: ['POST'], bodyType: ['json'] } },
	},
	binaryPropertyField('The binary property of the input item that holds the file to send', {
		displayOptions: { show: { httpMethod: ['POST'], bodyType: ['multipart', 'raw'] } },
	}),
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'json',
		default: '{}',
		description: 'The text fields sent beside the file, as a JSON object of texts, e.g. {"chatId": "79001234567@c.us"}',
		displayOptions: { show: { httpMethod: ['POST'], bodyType: ['multipart'] } },
	},
	optionsCollection([
		{
			displayName: 'File Field Name',
			name: 'fileField',
			type: 'string',
			default: 'file',
			description: 'The name of the multipart part that holds the file, e.g. file',
			displayOptions: { show: { '/bodyType': ['multipart'] } },
		},
		{
			displayName: 'Path After Token',
			name: 'pathTail',
			type: 'string',
			default: '',
			placeholder: '1234567',
			description:
				"Path segments GREEN-API puts after the token, separated by /, e.g. deleteNotification's receipt ID 1234567",
		},
		{
			displayName: 'Query Parameters',
			name: 'query',
			type: 'json',
			default: '{}',
			description: 'Query parameters as a JSON object, e.g. {"minutes": 60}',
		},
	]),
];

/** A JSON object from a `json` field (text or object); fails the item, naming the field, otherwise. */
function readJsonObject(context: IExecuteFunctions, itemIndex: number, name: string, displayName: string): IDataObject {
	const value = context.getNodeParameter(name, itemIndex, '{}') as unknown;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() === '' ? {} : JSON.parse(value);
		} catch (error) {
			throw invalidField(context, itemIndex, displayName, `${value.slice(0, 40)}`, `a JSON object (${(error as Error).message})`);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidField(context, itemIndex, displayName, parsed, 'a JSON object such as {"chatId": "79001234567@c.us"}');
	}
	return parsed as IDataObject;
}

/** The method name: letters and digits only (the host, instance and token are the node's to add). */
function readMethod(context: IExecuteFunctions, itemIndex: number): string {
	const method = (readText(context, itemIndex, 'method', 'Method') ?? '').trim();
	if (!/^[A-Za-z][A-Za-z0-9]{1,63}$/.test(method) || /^waInstance/i.test(method)) {
		throw invalidField(context, itemIndex, 'Method', method, 'a GREEN-API method name such as getChats (no host, instance, token or slashes)');
	}
	const refused = REFUSED[method.toLowerCase()];
	if (refused) throw new NodeOperationError(context.getNode(), `Call Method does not call ${method}`, { itemIndex, description: refused });
	return method;
}

/** The path after the token: segments separated by /, each sent URL-encoded. */
function readPathTail(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = String(context.getNodeParameter('options.pathTail', itemIndex, '') ?? '').trim();
	if (value === '') return undefined;
	const segments = value.replace(/^\/+|\/+$/g, '').split('/');
	if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
		throw invalidField(context, itemIndex, 'Path After Token', value, 'path segments separated by single slashes, such as 1234567');
	}
	return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

/** The form fields of a multipart upload: a JSON object whose values are texts or numbers. */
function readFormFields(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const fields = readJsonObject(context, itemIndex, 'formFields', 'Form Fields');
	return Object.fromEntries(
		Object.entries(fields).map(([name, value]) => {
			if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
				throw invalidField(context, itemIndex, `Form Fields › ${name}`, value, 'a text, number or true/false');
			}
			return [name, String(value)];
		}),
	);
}

/** GREEN-API's answer as items: an object is one item, a list of objects one item each, anything else `{result}`. */
function answerItems(answer: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(answer)) {
		return answer.map((entry) => (entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as IDataObject) : { result: entry as IDataObject[keyof IDataObject] }));
	}
	if (answer && typeof answer === 'object') return answer as IDataObject;
	return { result: answer as IDataObject[keyof IDataObject] };
}

export const callMethod: Operation = {
	value: 'callMethod',
	name: 'Call Method',
	action: 'Call any GREEN-API method',
	description:
		'Call any GREEN-API method by name, with the credential, pacing, retries and token-safe errors of the other operations',
	properties,
	async execute(itemIndex) {
		const method = readMethod(this, itemIndex);
		const httpMethod = this.getNodeParameter('httpMethod', itemIndex, 'GET') as IHttpRequestMethods;
		if (!HTTP_METHODS.includes(httpMethod)) throw invalidField(this, itemIndex, 'HTTP Method', httpMethod, 'GET, POST or DELETE');
		const host = this.getNodeParameter('host', itemIndex, 'api') as string;
		if (host !== 'api' && host !== 'media') throw invalidField(this, itemIndex, 'Host', host, '"api" or "media"');
		const pathTail = readPathTail(this, itemIndex);
		const query = readJsonObject(this, itemIndex, 'options.query', 'Query Parameters');
		const call = { method, httpMethod, host, itemIndex, ...(pathTail ? { pathTail } : {}), ...(Object.keys(query).length ? { qs: query } : {}) } as const;
		if (httpMethod !== 'POST') return answerItems(await greenApiRequest.call(this, call));
		const bodyType = this.getNodeParameter('bodyType', itemIndex, 'json') as string;
		if (bodyType === 'json') {
			return answerItems(await greenApiRequest.call(this, { ...call, body: readJsonObject(this, itemIndex, 'jsonBody', 'JSON Body') }));
		}
		if (bodyType !== 'multipart' && bodyType !== 'raw') {
			throw invalidField(this, itemIndex, 'Body', bodyType, '"json", "multipart" or "raw"');
		}
		const fields = bodyType === 'multipart' ? readFormFields(this, itemIndex) : {};
		const fileField = String(this.getNodeParameter('options.fileField', itemIndex, 'file') ?? '').trim() || 'file';
		const file = await readFileToSend(this, itemIndex);
		const upload = bodyType === 'multipart' ? multipartUpload(fields, fileField, file) : rawUpload(file);
		return answerItems(await greenApiRequest.call(this, { ...call, upload }));
	},
};
