import nock from 'nock';

import { API_URL, apiPath, CREDENTIALS, MEDIA_URL, runNode, runNodeError, TOKEN } from '../../helpers/harness';
import { expectNoSecret } from '../../helpers/secrets';
import { virtualClock } from '../../helpers/virtualClock';

const callMethod = (parameters: Record<string, unknown>) => ({ resource: 'api', operation: 'callMethod', ...parameters });
const json = async (parameters: Record<string, unknown>, binary?: Parameters<typeof runNode>[0]['binary']) =>
	(await runNode({ parameters: callMethod(parameters), binary }))[0].map((item) => item.json);
const fail = async (parameters: Record<string, unknown>) => await runNodeError({ parameters: callMethod(parameters) });

describe('API › Call Method', () => {
	it('GETs a method with query parameters and puts out one item per entry of a list', async () => {
		const scope = nock(API_URL)
			.get(apiPath('lastIncomingMessages'))
			.query({ minutes: '60' })
			.reply(200, [{ idMessage: 'A1' }, { idMessage: 'A2' }]);
		expect(await json({ method: 'lastIncomingMessages', httpMethod: 'GET', options: { query: '{"minutes": 60}' } })).toEqual([
			{ idMessage: 'A1' },
			{ idMessage: 'A2' },
		]);
		scope.done();
	});

	it('POSTs a JSON body and puts out the answer object', async () => {
		const scope = nock(API_URL)
			.post(apiPath('getChatHistory'), { chatId: '79001234567@c.us', count: 2 })
			.reply(200, { note: 'one object' });
		expect(
			await json({ method: 'getChatHistory', httpMethod: 'POST', bodyType: 'json', jsonBody: { chatId: '79001234567@c.us', count: 2 } }),
		).toEqual([{ note: 'one object' }]);
		scope.done();
	});

	it('DELETEs with path segments after the token (deleteNotification/{receiptId})', async () => {
		const scope = nock(API_URL).delete(`${apiPath('deleteNotification')}/1234567`).reply(200, { result: true });
		expect(await json({ method: 'deleteNotification', httpMethod: 'DELETE', options: { pathTail: '1234567' } })).toEqual([{ result: true }]);
		scope.done();
	});

	it('puts out {result} for an answer that is not an object, and {success: true} for an empty one', async () => {
		nock(API_URL).get(apiPath('getSomething')).reply(200, 'true', { 'Content-Type': 'application/json' });
		expect(await json({ method: 'getSomething', httpMethod: 'GET' })).toEqual([{ result: true }]);
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234567@c.us' }).reply(200, '');
		expect(await json({ method: 'archiveChat', httpMethod: 'POST', jsonBody: '{"chatId": "79001234567@c.us"}' })).toEqual([
			{ success: true },
		]);
	});

	it('uploads a file as multipart on the Media URL, with the form fields', async () => {
		let seen = '';
		const scope = nock(MEDIA_URL)
			.post(`/waInstance${CREDENTIALS.idInstance}/sendFileByUpload/${TOKEN}`)
			.reply(function (_uri, body) {
				// nock hands over a body it cannot read as UTF-8 as hex, and others as text
				seen = /^[0-9a-f]+$/.test(body as string) ? Buffer.from(body as string, 'hex').toString('latin1') : (body as string);
				expect(this.req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
				return [200, { idMessage: 'F1', urlFile: 'https://files.example/a.txt' }];
			});
		const items = await json(
			{
				method: 'sendFileByUpload',
				httpMethod: 'POST',
				host: 'media',
				bodyType: 'multipart',
				formFields: '{"chatId": "79001234567@c.us", "fileName": "a.txt"}',
			},
			[{ data: { data: Buffer.from('hello file').toString('base64'), fileName: 'a.txt', mimeType: 'text/plain' } }],
		);
		expect(items).toEqual([{ idMessage: 'F1', urlFile: 'https://files.example/a.txt' }]);
		expect(seen).toContain('name="chatId"\r\n\r\n79001234567@c.us');
		expect(seen).toContain('name="file"; filename="a.txt"');
		expect(seen).toContain('hello file');
		scope.done();
	});

	it('uploads the raw bytes (uploadFile) with the file name in GA-Filename', async () => {
		const scope = nock(MEDIA_URL)
			.post(`/waInstance${CREDENTIALS.idInstance}/uploadFile/${TOKEN}`, 'raw bytes')
			.matchHeader('ga-filename', 'r%C3%A9sum%C3%A9.txt')
			.reply(200, { urlFile: 'https://files.example/r.txt' });
		const items = await json(
			{ method: 'uploadFile', httpMethod: 'POST', host: 'media', bodyType: 'raw' },
			[{ data: { data: Buffer.from('raw bytes').toString('base64'), fileName: 'résumé.txt', mimeType: 'text/plain' } }],
		);
		expect(items).toEqual([{ urlFile: 'https://files.example/r.txt' }]);
		scope.done();
	});

	it("keeps the token out of an error whose body echoes it, as GREEN-API's validation errors do", async () => {
		nock(API_URL)
			.post(apiPath('sendMessage'))
			.reply(400, { statusCode: 400, timestamp: '2026-12-01T10:00:00Z', path: apiPath('sendMessage'), message: `Validation failed for /sendMessage/${TOKEN}` });
		const error = await fail({ method: 'sendMessage', httpMethod: 'POST', jsonBody: '{"chatId": "x"}' });
		expect(error.message).toBe('GREEN-API sendMessage failed (HTTP 400): Validation failed for /sendMessage/***');
		expectNoSecret(error, TOKEN);
	});

	it.each([
		[{ method: '' }, /^Invalid Method "" in item 0/],
		[{ method: 'waInstance1101000001' }, /^Invalid Method "waInstance1101000001" in item 0: expected a GREEN-API method name/],
		[{ method: 'getChats/../x' }, /^Invalid Method "getChats\/..\/x" in item 0/],
		[{ method: 'https://evil.example/getChats' }, /^Invalid Method "https:\/\/evil.example\/getChats" in item 0/],
		[{ method: 'getChats', httpMethod: 'PUT' }, /^Invalid HTTP Method "PUT" in item 0: expected GET, POST or DELETE/],
		[{ method: 'getChats', host: 'other' }, /^Invalid Host "other" in item 0/],
		[{ method: 'sendMessage', httpMethod: 'POST', jsonBody: '{"chatId": ' }, /^Invalid JSON Body "\{"chatId": " in item 0: expected a JSON object/],
		[{ method: 'sendMessage', httpMethod: 'POST', jsonBody: '[1, 2]' }, /^Invalid JSON Body \[1,2\] in item 0: expected a JSON object/],
		[{ method: 'getChats', options: { pathTail: 'a//b' } }, /^Invalid Path After Token "a\/\/b" in item 0/],
		[{ method: 'getChats', options: { query: '"x"' } }, /^Invalid Query Parameters "x" in item 0/],
		[{ method: 'sendFileByUpload', httpMethod: 'POST', bodyType: 'multipart', formFields: '{"a": {"b": 1}}' }, /^Invalid Form Fields › a/],
	])('refuses %j before any request', async (parameters, message) => {
		expect((await fail(parameters)).message).toMatch(message);
	});

	it("goes through the node's request function: a 429 is retried after its Retry-After", async () => {
		nock(API_URL).get(apiPath('getChats')).reply(429, 'Too Many Requests', { 'Retry-After': '2' });
		nock(API_URL).get(apiPath('getChats')).reply(200, [{ id: '79001234567@c.us' }]);
		expect(await json({ method: 'getChats', httpMethod: 'GET', options: { paceRequests: false } })).toEqual([{ id: '79001234567@c.us' }]);
		expect(virtualClock().sleeps).toEqual([2000]);
	});

	it('sends an upload again from its first byte when a 429 is retried', async () => {
		const bodies: string[] = [];
		nock(MEDIA_URL)
			.post(`/waInstance${CREDENTIALS.idInstance}/uploadFile/${TOKEN}`)
			.times(2)
			.reply((_uri, body) => {
				bodies.push(body as string);
				return bodies.length === 1 ? [429, 'Too Many Requests'] : [200, { urlFile: 'https://files.example/r.txt' }];
			});
		const items = await json(
			{ method: 'uploadFile', httpMethod: 'POST', host: 'media', bodyType: 'raw', options: { paceRequests: false } },
			[{ data: { data: Buffer.from('the same bytes').toString('base64'), fileName: 'r.txt', mimeType: 'text/plain' } }],
		);
		expect(items).toEqual([{ urlFile: 'https://files.example/r.txt' }]);
		expect(bodies).toEqual(['the same bytes', 'the same bytes']);
		expect(virtualClock().sleeps).toEqual([750]);
	});

	it('does not call updateApiToken, whose answer is the new token', async () => {
		const error = await fail({ method: 'UpdateApiToken' });
		expect(error.message).toBe('Call Method does not call UpdateApiToken');
		expect(error.description).toMatch(/change the token in the GREEN-API console, then in the credential$/);
	});
});
