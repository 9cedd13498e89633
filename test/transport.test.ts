import http from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { API_URL, apiPath, CREDENTIALS, ID_INSTANCE, runNode, runNodeError, TOKEN } from './helpers/harness';
import { allStrings, expectNoSecret } from './helpers/secrets';
import { virtualClock } from './helpers/virtualClock';

/** What Node's HTTP client raises when the server drops the connection. */
function connectionReset(message: string): Error {
	return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

const archive = { resource: 'chat', operation: 'archive', chatId: '79001234567@c.us' };
const getChats = { resource: 'chat', operation: 'getAll', returnAll: true };

/** The body GREEN-API sends for a validation failure: it echoes the path, token included. */
const validationBody = {
	timestamp: '2024-05-01T09:30:00.000+00:00',
	status: 400,
	error: 'Bad Request',
	message: "Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'",
	path: `/waInstance${ID_INSTANCE}/archiveChat/${TOKEN}`,
};

describe('errors', () => {
	it.each([
		[
			401,
			'Unauthorized',
			'GREEN-API archiveChat failed (HTTP 401): Unauthorized',
			'The API token is wrong: copy apiTokenInstance from the GREEN-API console into the GREEN-API credential',
		],
		[
			403,
			'Forbidden',
			'GREEN-API archiveChat failed (HTTP 403): Forbidden',
			'The instance id or the host is wrong: check idInstance and apiUrl in the GREEN-API credential against the GREEN-API console',
		],
		[
			466,
			JSON.stringify({ invokeStatus: { status: 'QUOTE_ALLOWED', description: 'quota exceeded' }, correspondentsStatus: { status: 'QUOTE_EXCEEDED', description: 'Monthly quota has been exceeded' } }),
			'GREEN-API archiveChat failed (HTTP 466): {"invokeStatus":{"status":"QUOTE_ALLOWED","description":"quota exceeded"},"correspondentsStatus":{"status":"QUOTE_EXCEEDED","description":"Monthly quota has been exceeded"}}',
			"The instance's quota is used up (e.g. the tariff's limit of correspondents or calls): upgrade the tariff in the GREEN-API console or wait until the quota resets",
		],
	])('maps HTTP %i to its message and hint, without retrying', async (status, body, message, description) => {
		nock(API_URL).post(apiPath('archiveChat')).once().reply(status, body);
		const error = await runNodeError({ parameters: archive });
		expect(error.constructor.name).toBe('NodeApiError');
		expect({ message: error.message, description: error.description, httpCode: error.httpCode }).toEqual({
			message,
			description,
			httpCode: String(status),
		});
		expect(virtualClock().sleeps).toEqual([]);
		expectNoSecret(error, TOKEN);
	});

	it("shows the API's validation text and redacts the token the body echoes", async () => {
		nock(API_URL).post(apiPath('archiveChat')).reply(400, validationBody);
		const error = await runNodeError({ parameters: archive });
		expect(error.message).toBe(
			"GREEN-API archiveChat failed (HTTP 400): Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'",
		);
		expect(error.description).toBe('GREEN-API refused the request as invalid: check the fields the message names');
		expect(JSON.stringify(error.errorResponse)).toContain(`/waInstance${ID_INSTANCE}/archiveChat/***`);
		expectNoSecret(error, TOKEN);
	});

	it('redacts the token from an error text that quotes it outside a path', async () => {
		nock(API_URL).post(apiPath('archiveChat')).reply(400, `token ${TOKEN} is not valid here`);
		const error = await runNodeError({ parameters: archive });
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 400): token *** is not valid here');
		expectNoSecret(error, TOKEN);
	});

	it('fails with a clear error on a 200 whose body is not JSON', async () => {
		nock(API_URL).get(apiPath('getChats')).reply(200, '{"broken":');
		const error = await runNodeError({ parameters: getChats });
		expect(error.message).toBe('GREEN-API getChats failed (HTTP 200): the answer is not valid JSON');
		expect(error.description).toBe(
			'GREEN-API sent a malformed answer; try again, and contact GREEN-API support if it persists',
		);
	});

	it.each([[''], ['\n']])('turns an empty or blank 200 body (%j) into a result, never an empty string', async (body) => {
		nock(API_URL).post(apiPath('archiveChat')).reply(200, body);
		const [items] = await runNode({ parameters: archive });
		expect(items[0].json).toEqual({ chatId: '79001234567@c.us', archived: true, changed: true });
	});

	it.each([
		['the API message (first 500 characters)', 401, 500],
		['the quoted body of a 200 that is not JSON (first 2,000 characters)', 200, 2000],
	])('shows no piece of a token that an answer holds across the end of %s', async (_, status, cut) => {
		const text = `${'x'.repeat(cut - 10)} token ${TOKEN} end`;
		nock(API_URL).post(apiPath('archiveChat')).reply(status, text);
		const error = await runNodeError({ parameters: archive });
		const leaks = allStrings(error).filter((value) => value.includes(TOKEN.slice(0, 3)));
		expect(leaks).toEqual([]);
		expect(error.message).toBe(
			status === 200
				? 'GREEN-API archiveChat failed (HTTP 200): the answer is not valid JSON'
				: `GREEN-API archiveChat failed (HTTP 401): ${`${'x'.repeat(cut - 10)} token ***`.slice(0, 500)}`,
		);
	});

	it('does not follow a redirect, which would carry the token to another address', async () => {
		nock(API_URL)
			.post(apiPath('archiveChat'))
			.reply(301, '', { Location: `https://elsewhere.example.com${apiPath('archiveChat')}` });
		const elsewhere = nock('https://elsewhere.example.com').post(apiPath('archiveChat')).reply(200, '');
		const error = await runNodeError({ parameters: archive });
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 301): HTTP 301 with an empty body');
		expect(error.description).toBe(
			'GREEN-API answered with a redirect, which the node does not follow because the token is part of the URL: set apiUrl in the GREEN-API credential to the exact address the GREEN-API console shows, with https://',
		);
		expect(elsewhere.isDone()).toBe(false);
		expectNoSecret(error, TOKEN);
		nock.cleanAll();
	});

	it('names the host, not the URL, when GREEN-API cannot be reached', async () => {
		// the client's own error quotes the URL, token and all
		nock(API_URL).post(apiPath('archiveChat')).times(5).replyWithError(connectionReset(`socket hang up ${API_URL}${apiPath('archiveChat')}`));
		const error = await runNodeError({ parameters: archive });
		expect(error.message).toBe('GREEN-API archiveChat failed (no answer): the connection was reset');
		expect(error.description).toBe(
			'Could not reach GREEN-API at 7105.api.green-api.com (after 5 attempts): check apiUrl in the credential and the network',
		);
		expectNoSecret(error, TOKEN);
	});
});

describe('retries', () => {
	it('retries a 429 after the Retry-After the API asked for, then succeeds', async () => {
		nock(API_URL).post(apiPath('archiveChat')).reply(429, 'Too Many Requests', { 'Retry-After': '3' });
		nock(API_URL).post(apiPath('archiveChat')).reply(200, '');
		const [items] = await runNode({ parameters: { ...archive, options: { paceRequests: false } } });
		expect(items[0].json).toEqual({ chatId: '79001234567@c.us', archived: true, changed: true });
		expect(virtualClock().sleeps).toEqual([3000]);
	});

	it('retries a 502 with exponential backoff until the attempts run out', async () => {
		nock(API_URL).post(apiPath('archiveChat')).times(5).reply(502, 'Bad Gateway');
		const error = await runNodeError({ parameters: { ...archive, options: { paceRequests: false } } });
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 502): Bad Gateway');
		expect(error.description).toBe('GREEN-API was unreachable behind its gateway after 5 attempts: try again later');
		// steps of 1, 2, 4, 8 s with jitter between half and all of each (the virtual clock's random is 0.5)
		expect(virtualClock().sleeps).toEqual([750, 1500, 3000, 6000]);
	});

	it('retries 503 and connection resets, then succeeds', async () => {
		nock(API_URL).post(apiPath('archiveChat')).reply(503, 'Service Unavailable');
		nock(API_URL).post(apiPath('archiveChat')).replyWithError(connectionReset('socket hang up'));
		nock(API_URL).post(apiPath('archiveChat')).reply(200, '');
		const [items] = await runNode({ parameters: { ...archive, options: { paceRequests: false } } });
		expect(items).toHaveLength(1);
		expect(virtualClock().sleeps).toEqual([750, 1500]);
	});

	it('retries an answer whose connection drops halfway, and returns only the whole answer that follows', async () => {
		const chats = [
			{ id: '79001234567@c.us', name: 'Alice', type: 'user', archive: false },
			{ id: '120363025946232000@g.us', name: 'Team', type: 'group', archive: true },
		];
		const body = JSON.stringify(chats);
		const paths: string[] = [];
		// a real socket: the first answer promises the whole body, sends part of it and closes the connection
		const server = http.createServer((request, response) => {
			paths.push(request.url ?? '');
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
			if (paths.length > 1) response.end(body);
			else response.write(body.slice(0, 40), () => setTimeout(() => request.socket.destroy(), 20));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			const { port } = server.address() as AddressInfo;
			const [items] = await runNode({
				parameters: { ...getChats, options: { paceRequests: false } },
				credentials: { ...CREDENTIALS, apiUrl: `http://127.0.0.1:${port}` },
			});
			expect(items.map((item) => item.json)).toEqual(chats);
			expect(paths).toEqual([apiPath('getChats'), apiPath('getChats')]);
			expect(virtualClock().sleeps).toEqual([750]);
		} finally {
			nock.disableNetConnect();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('stops retrying 429s when the total retry time would pass 180 s', async () => {
		nock(API_URL).post(apiPath('archiveChat')).reply(429, '', { 'Retry-After': '100' });
		nock(API_URL).post(apiPath('archiveChat')).reply(429, '', { 'Retry-After': '100' });
		const error = await runNodeError({ parameters: { ...archive, options: { paceRequests: false } } });
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 429): HTTP 429 with an empty body');
		expect(error.description).toMatch(/^GREEN-API's rate limit was still exceeded after 2 attempts/);
		expect(virtualClock().sleeps).toEqual([100000]);
	});
});

describe('pacing', () => {
	const items = Array.from({ length: 25 }, (_, index) => ({ chatId: `7900123${String(index).padStart(4, '0')}@c.us` }));

	it('spaces 25 archive calls at no more than 10 per second, with items in flight together', async () => {
		const clock = virtualClock().stepped();
		const sentAt: number[] = [];
		nock(API_URL)
			.post(apiPath('archiveChat'))
			.times(25)
			.reply(() => {
				sentAt.push(clock.now());
				clock.step();
				return [200, ''];
			});
		const [output] = await runNode({
			parameters: { resource: 'chat', operation: 'archive', chatId: '={{ $json.chatId }}' },
			items,
		});
		expect(output).toHaveLength(25);
		expect(sentAt).toHaveLength(25);
		for (let index = 10; index < sentAt.length; index++) {
			expect(sentAt[index] - sentAt[index - 10]).toBeGreaterThanOrEqual(1000);
		}
		expect(sentAt[24]).toBe(24 * 102);
	});

	it('sends at once with Pace Requests off', async () => {
		const sentAt: number[] = [];
		nock(API_URL)
			.post(apiPath('archiveChat'))
			.times(25)
			.reply(() => {
				sentAt.push(virtualClock().now());
				return [200, ''];
			});
		await runNode({
			parameters: {
				resource: 'chat',
				operation: 'archive',
				chatId: '={{ $json.chatId }}',
				options: { paceRequests: false },
			},
			items,
		});
		expect(sentAt).toEqual(new Array(25).fill(0));
	});

	it('paces getChatHistory at 1 per second', async () => {
		const clock = virtualClock().stepped();
		const sentAt: number[] = [];
		nock(API_URL)
			.post(apiPath('getChatHistory'))
			.times(3)
			.reply(() => {
				sentAt.push(clock.now());
				clock.step();
				return [200, []];
			});
		await runNode({
			parameters: { resource: 'chat', operation: 'getHistory', chatId: '79001234567@c.us' },
			items: [{}, {}, {}],
		});
		expect(sentAt).toEqual([0, 1020, 2040]);
	});
});
