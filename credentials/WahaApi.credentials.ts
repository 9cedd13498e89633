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

/** What the credential test says for every session status other than WORKING. */
export const SESSION_STATUS_MESSAGES: Record<string, string> = {
	STOPPED:
		'The WAHA session is stopped (status "STOPPED"): start it in the WAHA dashboard or with POST /api/sessions/{session}/start, then test again',
	STARTING: 'The WAHA session is starting (status "STARTING"): wait a moment and test again',
	SCAN_QR_CODE:
		'The WAHA session is not linked to a phone (status "SCAN_QR_CODE"): scan its QR code in the WAHA dashboard, then test again',
	FAILED:
		'The WAHA session failed (status "FAILED"): restart it in the WAHA dashboard (the phone may have logged it out), then test again',
};

const HTTP_STATUS_RULES: IAuthenticateRuleResponseCode[] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'WAHA refused the API key (HTTP 401): set API Key to the value of WAHA_API_KEY (the plain key, not its sha512: hash), or leave it empty only if WAHA runs without one',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				'WAHA has no such session at this address (HTTP 404): check the Session name against the WAHA dashboard, and that Base URL is WAHA itself (e.g. http://localhost:3000, without /api)',
		},
	},
];

const SESSION_STATUS_RULES: IAuthenticateRuleResponseSuccessBody[] = Object.entries(SESSION_STATUS_MESSAGES).map(
	([value, message]) => ({ type: 'responseSuccessBody', properties: { key: 'status', value, message } }),
);

/** The credential's base URL without trailing slashes and without a trailing `/api` (WAHA's paths start with it). */
export function wahaBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '').replace(/\/api$/i, '');
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(base)) {
		throw new Error('The credential field "Base URL" must be an http(s) URL such as http://localhost:3000');
	}
	return base;
}

/** The origin (`http://host:port`, lower case) of an http(s) URL, or undefined. */
function originOf(url: string): string | undefined {
	const match = /^(https?):\/\/([^/?#\s]+)/i.exec(url);
	return match ? `${match[1]}://${match[2]}`.toLowerCase() : undefined;
}

/**
 * Completes a request for WAHA: a path (`/api/default/chats`) goes onto the credential's Base URL, and the API key
 * goes into `X-Api-Key` when one is set. A full URL is accepted only on the Base URL's host (the HTTP Request
 * node's "Custom API Call"), so that the key is never sent anywhere else.
 */
export async function authenticateWaha(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const base = wahaBaseUrl(credentials);
	const apiKey = String(credentials.apiKey ?? '').trim();
	const legacy = requestOptions as IHttpRequestOptions & { uri?: string };
	const field = typeof legacy.url === 'string' && legacy.url.trim() !== '' ? 'url' : 'uri';
	let address = String(legacy[field] ?? '').trim();
	if (!/^https?:\/\//i.test(address)) address = `${base}/${address.replace(/^\/+/, '')}`;
	if (originOf(address) !== originOf(base)) {
		throw new Error(
			`The address ${address.split(/[?#]/)[0]} is not on the credential's Base URL host (${originOf(base)}): the WAHA API key is only sent there`,
		);
	}
	const headers = { ...(requestOptions.headers ?? {}) };
	if (apiKey) headers['X-Api-Key'] = apiKey;
	return { ...requestOptions, baseURL: undefined, [field]: address, headers };
}

export class WahaApi implements ICredentialType {
	name = 'wahaApi';

	displayName = 'WAHA API';

	icon: Icon = { light: 'file:../nodes/Waha/waha.svg', dark: 'file:../nodes/Waha/waha.dark.svg' };

	documentationUrl = 'https://waha.devlike.pro/docs/how-to/security/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:3000',
			required: true,
			description: 'Where n8n reaches your WAHA server, e.g. http://localhost:3000 or https://waha.example.com',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"WAHA's API key (the plain value of WAHA_API_KEY), sent as X-Api-Key. Leave empty only if WAHA runs without one.",
		},
		{
			displayName: 'Session',
			name: 'session',
			type: 'string',
			default: 'default',
			required: true,
			description: 'The WAHA session (WhatsApp account) to use, as listed in the WAHA dashboard, e.g. default',
		},
	];

	authenticate = authenticateWaha;

	/**
	 * Reads the session: a wrong key is a 401, an unknown session (or a Base URL that is not WAHA) a 404, a session
	 * that is not WORKING a success body with its status; an address that does not answer is n8n's own message.
	 * n8n evaluates `responseCode` rules on a failed request and `responseSuccessBody` rules on a successful one.
	 */
	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '=/api/sessions/{{encodeURIComponent(String($credentials.session).trim())}}' },
		rules: [...HTTP_STATUS_RULES, ...SESSION_STATUS_RULES] as unknown as ICredentialTestRequest['rules'],
	};
}
