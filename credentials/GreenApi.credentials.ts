import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** What the credential test says for every instance state other than `authorized`. */
export const INSTANCE_STATE_MESSAGES: Record<string, string> = {
	notAuthorized:
		'The instance is not authorized (state "notAuthorized"): link your phone by scanning the QR code in the GREEN-API console, then test again',
	starting:
		'The instance is starting (state "starting"): wait a few minutes and test again',
	blocked:
		'The instance is blocked (state "blocked"): WhatsApp banned the linked number; contact GREEN-API support or link another number',
	sleepMode:
		'The instance is in sleep mode (state "sleepMode"): the linked phone is offline; turn it on and connect it to the internet, then test again',
	yellowCard:
		'The instance has a yellow card (state "yellowCard"): WhatsApp suspects spam and has paused sending; stop sending for a while and test again later',
};

const HTTP_STATUS_RULES: IAuthenticateRuleResponseCode[] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message: 'The API token was rejected (HTTP 401): copy apiTokenInstance again from the GREEN-API console',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'GREEN-API does not know this instance at this host (HTTP 403): check the Instance ID, and that the API URL is the one the console shows for the instance',
		},
	},
];

/** The test passes only when `stateInstance` is `authorized`: every other state fails with its own advice. */
const INSTANCE_STATE_RULES: IAuthenticateRuleResponseSuccessBody[] = Object.entries(INSTANCE_STATE_MESSAGES).map(
	([value, message]) => ({ type: 'responseSuccessBody', properties: { key: 'stateInstance', value, message } }),
);

/** `{origin}[/prefix]/waInstance{id}/{method}[/rest][?query|#fragment]`. */
const INSTANCE_PATH = /^([^?#]*?\/waInstance)(\d+)\/([^/?#]+)(\/[^?#]*)?([?#].*)?$/i;

/** The origin (`https://host:port`, lower case) of an http(s) URL, or undefined. */
function originOf(url: string): string | undefined {
	const match = /^(https?):\/\/([^/?#\s]+)/i.exec(url);
	return match ? `${match[1]}://${match[2]}`.toLowerCase() : undefined;
}

/** `text` with the token replaced, for a message about an address the user gave. */
function withoutToken(text: string, token: string): string {
	return text.split(token).join('***');
}

/**
 * Completes a request for GREEN-API, whose token is part of the URL path:
 * `{host}/waInstance{idInstance}/{method}/{apiTokenInstance}[/{rest}]`. This is the one place that puts the token
 * into a URL, so node code never touches it. The address (`url`, or `uri` as the HTTP Request node hands it over)
 * may be
 * - the method alone, with any path segments and query after it (`getChats`, `deleteNotification/12`,
 *   `lastIncomingMessages?minutes=60`): on the credential's API URL;
 * - `waInstance{idInstance}/{method}…` without a host: on the credential's API URL;
 * - the credential's API URL or Media URL followed by the method (`https://7105.api.green-api.com/getChats`): the
 *   HTTP Request node accepts only full URLs, so this is the method alone there;
 * - a full URL naming the instance on the credential's API URL or Media URL host
 *   (`https://media.green-api.com/waInstance1101000001/uploadFile`, as "Custom API Call" through the HTTP Request
 *   node sends it): the token goes after the method. The token is never sent to any other host;
 * - an address this function already completed (n8n runs `authenticate` again on it when it retries after a 401):
 *   left as it is.
 */
export async function authenticateGreenApi(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const apiUrl = String(credentials.apiUrl ?? '').trim().replace(/\/+$/, '');
	const mediaUrl = String(credentials.mediaUrl ?? '').trim().replace(/\/+$/, '') || apiUrl;
	const idInstance = String(credentials.idInstance ?? '').trim();
	const token = String(credentials.apiTokenInstance ?? '').trim();
	if (!/^https?:\/\/[^\s/]+/i.test(apiUrl)) {
		throw new Error('The credential field "API URL" must be an http(s) URL such as https://api.green-api.com');
	}
	if (!/^\d{1,10}$/.test(idInstance)) {
		throw new Error('The credential field "Instance ID" must be 1 to 10 digits (idInstance from the GREEN-API console)');
	}
	if (!/^[A-Za-z0-9]+$/.test(token)) {
		throw new Error('The credential field "API Token" must be the apiTokenInstance from the GREEN-API console');
	}
	// The HTTP Request node hands its address over as `uri` (n8n's legacy request options)
	const legacy = requestOptions as IHttpRequestOptions & { uri?: string };
	const key = typeof legacy.url === 'string' && legacy.url.trim() !== '' ? 'url' : 'uri';
	let address = String(legacy[key] ?? '').trim();
	if (address.replace(/^\/+/, '') === '') {
		throw new Error('The request names no GREEN-API method: give the method (e.g. getChats) or a full URL');
	}
	if (!/^https?:\/\//i.test(address)) {
		const relative = address.replace(/^\/+/, '');
		// `waInstance{id}/…` without a host, or the method alone (the instance is added)
		address = /^waInstance\d+\//i.test(relative) ? `${apiUrl}/${relative}` : `${apiUrl}/waInstance${idInstance}/${relative}`;
	}
	const allowed = new Set([originOf(apiUrl), originOf(mediaUrl)]);
	if (!allowed.has(originOf(address))) {
		throw new Error(
			`The address ${withoutToken(address.split(/[?#]/)[0], token)} is not on the credential's API URL or Media URL host (${[...allowed].join(', ')}): the API token is only sent there`,
		);
	}
	let match = INSTANCE_PATH.exec(address);
	if (!match) {
		// `{API URL or Media URL}/{method}…`: the HTTP Request node needs a full URL, so this is its "method alone"
		const base = [apiUrl, mediaUrl].find((url) => address.toLowerCase().startsWith(`${url.toLowerCase()}/`));
		if (base) match = INSTANCE_PATH.exec(`${base}/waInstance${idInstance}/${address.slice(base.length + 1)}`);
	}
	// `{host}/waInstance{id}` alone would otherwise read as the method "waInstance{id}" on the API URL
	if (!match || /^waInstance\d*$/i.test(match[3])) {
		throw new Error(
			`The address ${withoutToken(address.split(/[?#]/)[0], token)} names no GREEN-API method: use ${apiUrl}/waInstance${idInstance}/{method}, or the method alone`,
		);
	}
	const [, prefix, id, method, rest = '', tail = ''] = match;
	if (id !== idInstance) {
		throw new Error(`The address names instance ${id}, but the credential is for instance ${idInstance}`);
	}
	const done = rest === `/${token}` || rest.startsWith(`/${token}/`);
	const completed = done ? address : `${prefix}${id}/${method}/${token}${rest}${tail}`;
	return { ...requestOptions, baseURL: undefined, [key]: completed };
}

export class GreenApi implements ICredentialType {
	name = 'greenApi';

	displayName = 'GREEN-API WhatsApp API';

	icon: Icon = { light: 'file:../nodes/GreenApi/greenApi.svg', dark: 'file:../nodes/GreenApi/greenApi.dark.svg' };

	documentationUrl = 'https://green-api.com/en/docs/before-start/';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://api.green-api.com',
			required: true,
			description: 'The apiUrl shown for your instance in the GREEN-API console, e.g. https://7105.api.green-api.com',
		},
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			default: 'https://media.green-api.com',
			description: 'The mediaUrl shown for your instance in the GREEN-API console, used for file uploads',
		},
		{
			displayName: 'Instance ID',
			name: 'idInstance',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1101000001',
			description: 'The idInstance shown in the GREEN-API console (digits only)',
		},
		{
			displayName: 'API Token',
			name: 'apiTokenInstance',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The apiTokenInstance shown in the GREEN-API console',
		},
	];

	authenticate = authenticateGreenApi;

	/**
	 * n8n evaluates `responseCode` rules on a failed request and `responseSuccessBody` rules on a successful one,
	 * both from this one list; n8n-workflow's type only lacks a way to say "a list of either".
	 */
	test: ICredentialTestRequest = {
		request: { method: 'GET', url: 'getStateInstance' },
		rules: [...HTTP_STATUS_RULES, ...INSTANCE_STATE_RULES] as unknown as ICredentialTestRequest['rules'],
	};
}

