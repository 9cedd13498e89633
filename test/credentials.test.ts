import nock from 'nock';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { authenticateGreenApi, GreenApi } from '../credentials/GreenApi.credentials';
import { API_URL, apiPath, CREDENTIALS, ID_INSTANCE, MEDIA_URL, TOKEN } from './helpers/harness';

/**
 * Runs the credential's test the way n8n's CredentialsTester does: the test request completed by `authenticate`,
 * then `responseCode` rules on a failed answer and `responseSuccessBody` rules on a successful one.
 */
async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<{ status: string; message: string }> {
	const credential = new GreenApi();
	const request = await credential.authenticate(credentials, { ...credential.test.request } as IHttpRequestOptions);
	const response = await fetch(request.url, { method: request.method });
	const rules = (credential.test.rules ?? []) as Array<{
		type: string;
		properties: { value?: unknown; key?: string; message: string };
	}>;
	if (!response.ok) {
		const rule = rules.find((r) => r.type === 'responseCode' && r.properties.value === response.status);
		return { status: 'Error', message: rule?.properties.message ?? `Received HTTP status code: ${response.status}` };
	}
	const body = (await response.json()) as Record<string, unknown>;
	const rule = rules.find((r) => r.type === 'responseSuccessBody' && body[r.properties.key!] === r.properties.value);
	return rule ? { status: 'Error', message: rule.properties.message } : { status: 'OK', message: 'Connection successful!' };
}

describe('GREEN-API credential', () => {
	it('has the four fields, the token as a password', () => {
		const { properties } = new GreenApi();
		expect(properties.map(({ name, default: value }) => [name, value])).toEqual([
			['apiUrl', 'https://api.green-api.com'],
			['mediaUrl', 'https://media.green-api.com'],
			['idInstance', ''],
			['apiTokenInstance', ''],
		]);
		expect(properties[3].typeOptions).toEqual({ password: true });
	});

	it('puts the instance and the token into the path', async () => {
		const request = await authenticateGreenApi(CREDENTIALS, { url: 'getChats', method: 'GET' });
		expect(request.url).toBe(`${API_URL}/waInstance7105123456/getChats/${TOKEN}`);
	});

	it('tolerates a trailing slash on apiUrl and keeps path segments after the token', async () => {
		const request = await authenticateGreenApi(
			{ ...CREDENTIALS, apiUrl: 'https://api.green-api.com//' },
			{ url: 'deleteNotification/12345', method: 'DELETE' },
		);
		expect(request.url).toBe(`https://api.green-api.com/waInstance7105123456/deleteNotification/${TOKEN}/12345`);
	});

	it('leaves an address it already completed as it is (n8n authenticates again when it retries a 401)', async () => {
		for (const url of ['getChats', 'deleteNotification/12345', 'lastIncomingMessages?minutes=60']) {
			const once = await authenticateGreenApi(CREDENTIALS, { url, method: 'GET' });
			const twice = await authenticateGreenApi(CREDENTIALS, once);
			expect(twice).toEqual(once);
		}
		const once = await authenticateGreenApi(CREDENTIALS, { url: 'getChats' });
		expect(once.url).toBe(`${API_URL}${apiPath('getChats')}`);
	});

	it('completes the `uri` the HTTP Request node hands over, and leaves `url` unset', async () => {
		const options = { uri: `${API_URL}/waInstance${ID_INSTANCE}/getChats`, method: 'GET' } as unknown as IHttpRequestOptions;
		const request = (await authenticateGreenApi(CREDENTIALS, options)) as IHttpRequestOptions & { uri?: string };
		expect(request.uri).toBe(`${API_URL}${apiPath('getChats')}`);
		expect(request.url).toBeUndefined();
		expect(await authenticateGreenApi(CREDENTIALS, request)).toEqual(request);
	});

	it('puts the token after the method of a full URL, keeping the segments after it and the query string', async () => {
		const request = await authenticateGreenApi(CREDENTIALS, {
			url: `${API_URL}/waInstance${ID_INSTANCE}/deleteNotification/12345?a=1&b=x%2Fy?z#part`,
		});
		expect(request.url).toBe(`${API_URL}${apiPath('deleteNotification')}/12345?a=1&b=x%2Fy?z#part`);
		expect(await authenticateGreenApi(CREDENTIALS, request)).toEqual(request);
	});

	it('keeps a query string after the method alone whole, however many ? it holds', async () => {
		const request = await authenticateGreenApi(CREDENTIALS, { url: 'getChats?a=b?c#d' });
		expect(request.url).toBe(`${API_URL}${apiPath('getChats')}?a=b?c#d`);
	});

	it('accepts a full URL on the Media URL host, and its host with the method alone', async () => {
		const upload = await authenticateGreenApi(CREDENTIALS, { url: `${MEDIA_URL}/waInstance${ID_INSTANCE}/uploadFile`, method: 'POST' });
		expect(upload.url).toBe(`${MEDIA_URL}${apiPath('uploadFile')}`);
		const short = await authenticateGreenApi(CREDENTIALS, { url: `${MEDIA_URL}/uploadFile` });
		expect(short.url).toBe(`${MEDIA_URL}${apiPath('uploadFile')}`);
	});

	it('does not take a waInstance in the query string for the instance path', async () => {
		const request = await authenticateGreenApi(CREDENTIALS, { url: `${API_URL}/getChats?next=https://x.example/waInstance1/y` });
		expect(request.url).toBe(`${API_URL}${apiPath('getChats')}?next=https://x.example/waInstance1/y`);
	});

	it('takes the API URL followed by the method as the method alone (the HTTP Request node needs a full URL)', async () => {
		const request = await authenticateGreenApi(CREDENTIALS, { url: `${API_URL}/getChats?x=1` });
		expect(request.url).toBe(`${API_URL}${apiPath('getChats')}?x=1`);
		const relative = await authenticateGreenApi(CREDENTIALS, { url: `/waInstance${ID_INSTANCE}/getChats` });
		expect(relative.url).toBe(`${API_URL}${apiPath('getChats')}`);
	});

	it.each([
		[
			`${API_URL}/waInstance1101000001/getChats`,
			`The address names instance 1101000001, but the credential is for instance ${ID_INSTANCE}`,
		],
		[
			`https://evil.example.com/waInstance${ID_INSTANCE}/getChats?q=1`,
			`The address https://evil.example.com/waInstance${ID_INSTANCE}/getChats is not on the credential's API URL or Media URL host (${API_URL}, ${MEDIA_URL}): the API token is only sent there`,
		],
		[
			`https://evil.example.com/getChats/${TOKEN}`,
			"The address https://evil.example.com/getChats/*** is not on the credential's API URL or Media URL host",
		],
		[`${API_URL}/`, `The address ${API_URL}/ names no GREEN-API method: use ${API_URL}/waInstance${ID_INSTANCE}/{method}, or the method alone`],
		['', 'The request names no GREEN-API method: give the method (e.g. getChats) or a full URL'],
		// the instance alone, as a full URL, with a slash, on the Media URL, and without a host: no method is named
		...[`${API_URL}/waInstance${ID_INSTANCE}`, `${API_URL}/waInstance${ID_INSTANCE}/`, `${MEDIA_URL}/waInstance${ID_INSTANCE}`].map(
			(url) => [url, `The address ${url} names no GREEN-API method: use ${API_URL}/waInstance${ID_INSTANCE}/{method}, or the method alone`],
		),
		[`waInstance${ID_INSTANCE}`, `names no GREEN-API method: use ${API_URL}/waInstance${ID_INSTANCE}/{method}, or the method alone`],
	])('refuses %s, sending the token nowhere', async (url, message) => {
		await expect(authenticateGreenApi(CREDENTIALS, { url })).rejects.toThrow(message);
		await expect(authenticateGreenApi(CREDENTIALS, { url })).rejects.not.toThrow(TOKEN);
	});

	it.each([
		[{ idInstance: '71O5' }, 'The credential field "Instance ID" must be 1 to 10 digits (idInstance from the GREEN-API console)'],
		[{ apiUrl: 'api.green-api.com' }, 'The credential field "API URL" must be an http(s) URL such as https://api.green-api.com'],
		[{ apiTokenInstance: '' }, 'The credential field "API Token" must be the apiTokenInstance from the GREEN-API console'],
	])('refuses a bad field %j with a message that names it', async (change, message) => {
		await expect(authenticateGreenApi({ ...CREDENTIALS, ...change }, { url: 'getChats' })).rejects.toThrow(message);
	});

	it('passes the test only when the instance is authorized', async () => {
		nock(API_URL).get(apiPath('getStateInstance')).reply(200, { stateInstance: 'authorized' });
		expect(await testCredential(CREDENTIALS)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it.each([
		['notAuthorized', /scanning the QR code in the GREEN-API console/],
		['starting', /wait a few minutes and test again/],
		['blocked', /contact GREEN-API support or link another number/],
		['sleepMode', /the linked phone is offline/],
		['yellowCard', /stop sending for a while/],
	])('fails the test for state %s with a message naming the state and what to do', async (state, advice) => {
		nock(API_URL).get(apiPath('getStateInstance')).reply(200, { stateInstance: state });
		const result = await testCredential(CREDENTIALS);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`(state "${state}")`);
		expect(result.message).toMatch(advice);
	});

	it.each([
		[401, 'The API token was rejected (HTTP 401): copy apiTokenInstance again from the GREEN-API console'],
		[
			403,
			'GREEN-API does not know this instance at this host (HTTP 403): check the Instance ID, and that the API URL is the one the console shows for the instance',
		],
	])('fails the test for HTTP %i with its own message', async (status, message) => {
		nock(API_URL).get(apiPath('getStateInstance')).reply(status, '');
		expect(await testCredential(CREDENTIALS)).toEqual({ status: 'Error', message });
	});
});
