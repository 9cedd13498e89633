import http from 'http';
import type { AddressInfo } from 'net';

import { authenticateWaha } from '../../../credentials/WahaApi.credentials';
import { expectNoSecret } from '../../helpers/secrets';
import { virtualClock } from '../../helpers/virtualClock';
import { API_KEY, allowLocalhost, startWahaEmulator, WAHA_SEED, type WahaEmulator } from './emulator';
import { runWaha, runWahaError } from './harness';

const PERSONAL = WAHA_SEED.personalChatId;
let waha: WahaEmulator;

beforeEach(async () => {
	allowLocalhost();
	waha = await startWahaEmulator({ apiKey: API_KEY });
});

afterEach(async () => {
	await waha.close();
});

const getMany = { resource: 'chat', operation: 'getAll', returnAll: false, limit: 5 };
const archive = { resource: 'chat', operation: 'archive', chatId: PERSONAL };
const fault = (entry: Record<string, unknown>) => waha.emu.faults.push({ times: 1, ...entry });

describe('WAHA request function: errors', () => {
	it('never shows the API key, even when the error body echoes it', async () => {
		fault({ route: 'getChats', status: 500, body: { message: `proxy failed for key ${API_KEY}` }, echoHeaders: true });
		const error = await runWahaError({ parameters: getMany, credentials: waha.credential });
		expect(error.message).toBe('WAHA could not list the chats (HTTP 500): proxy failed for key ***');
		expectNoSecret(error, API_KEY);
		fault({ route: 'getChats', status: 500, body: { message: `key ${API_KEY}` }, echoHeaders: true });
		const [items] = await runWaha({ parameters: getMany, credentials: waha.credential, continueOnFail: true });
		expect(items[0].json.error).toBe('WAHA could not list the chats (HTTP 500): key ***');
		expectNoSecret(items, API_KEY);
	});

	it('explains a wrong key, an unknown session and a session that is not working', async () => {
		const wrongKey = await runWahaError({ parameters: getMany, credentials: { ...waha.credential, apiKey: 'wrong-key' } });
		expect(wrongKey.message).toBe('WAHA could not list the chats (HTTP 401): Unauthorized');
		expect(wrongKey.description).toMatch(/API Key in the WAHA credential/);
		const unknown = await runWahaError({ parameters: getMany, credentials: { ...waha.credential, session: 'nope' } });
		expect(unknown.message).toBe('WAHA has no session "nope"');
		waha.emu.sessions.get('default')!.status = 'SCAN_QR_CODE';
		const stopped = await runWahaError({ parameters: getMany, credentials: waha.credential });
		expect(stopped.message).toBe('The WAHA session "default" is not working (status "SCAN_QR_CODE")');
		expect(stopped.description).toMatch(/scan its QR code/);
	});

	it('sends no X-Api-Key when the credential has none (WAHA without a key)', async () => {
		const open = await startWahaEmulator();
		try {
			await runWaha({ parameters: getMany, credentials: open.credential });
			expect(open.emu.log[0].headers['x-api-key']).toBeUndefined();
		} finally {
			await open.close();
		}
	});

	it('refuses to send the key to another host', async () => {
		await expect(authenticateWaha(waha.credential, { url: 'https://elsewhere.example/api/sessions' })).rejects.toThrow(
			/not on the credential's Base URL host .* the WAHA API key is only sent there/,
		);
		const done = await authenticateWaha({ ...waha.credential, baseUrl: `${waha.url}/api/` }, { url: '/api/default/chats', headers: {} });
		expect(done).toMatchObject({ url: `${waha.url}/api/default/chats`, headers: { 'X-Api-Key': API_KEY } });
	});
});

describe('WAHA request function: settings', () => {
	it.each([
		[{ baseUrl: 'localhost:3000' }, 'The credential field "Base URL" must be an http(s) URL such as http://localhost:3000'],
		[{ session: '  ' }, 'The WAHA credential names no session'],
	])('refuses a credential with %j before any request', async (change, message) => {
		const error = await runWahaError({ parameters: getMany, credentials: { ...waha.credential, ...change } });
		expect(error.message).toBe(message);
		expect(waha.emu.log).toEqual([]);
	});

	it('sends each item’s change exactly once, items in flight together', async () => {
		const chats = Array.from({ length: 20 }, (_, index) => ({ chat: `7900200${String(index).padStart(4, '0')}@c.us` }));
		const many = await startWahaEmulator({ apiKey: API_KEY, chatCount: 20 });
		try {
			const [items] = await runWaha({ parameters: { ...archive, chatId: '={{ $json.chat }}' }, credentials: many.credential, items: chats });
			expect(items.map((item) => [item.json.chatId, item.pairedItem])).toEqual(chats.map(({ chat }, index) => [chat, { item: index }]));
			expect(many.emu.log.map((entry) => entry.path).sort()).toEqual(chats.map(({ chat }) => `/api/default/chats/${encodeURIComponent(chat)}/archive`).sort());
		} finally {
			await many.close();
		}
	});
});

describe('WAHA request function: retries', () => {
	it('retries a read after 503s and a reset connection', async () => {
		fault({ route: 'getChats', status: 503, body: { message: 'busy' }, times: 2 });
		fault({ route: 'getChats', reset: true });
		const [items] = await runWaha({ parameters: getMany, credentials: waha.credential });
		expect(items).toHaveLength(2);
		expect(waha.emu.log.map((entry) => entry.status)).toEqual([503, 503, 'reset', 200]);
		expect(virtualClock().sleeps).toHaveLength(3);
	});

	it('does not send a change twice after a reset: it may have been done', async () => {
		fault({ route: 'archive', reset: true });
		const error = await runWahaError({ parameters: archive, credentials: waha.credential });
		expect(waha.emu.log).toHaveLength(1);
		expect(error.message).toBe(`WAHA could not archive chat ${PERSONAL} (no answer): the connection was reset`);
		expect(error.description).toMatch(/may have reached WAHA before the connection broke/);
	});

	it('does not repeat a change after a 503 either', async () => {
		fault({ route: 'archive', status: 503, body: { message: 'busy' } });
		await runWahaError({ parameters: archive, credentials: waha.credential });
		expect(waha.emu.log).toHaveLength(1);
	});

	it('retries a change after a 429, honouring Retry-After', async () => {
		fault({ route: 'archive', status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '7' } });
		const [items] = await runWaha({ parameters: archive, credentials: waha.credential });
		expect(items[0].json).toEqual({ chatId: PERSONAL, archived: true, changed: null });
		expect(waha.emu.log.map((entry) => entry.status)).toEqual([429, 201]);
		expect(virtualClock().sleeps).toEqual([7000]);
	});

	it('retries a change while the connection is refused, then says WAHA could not be reached', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise((resolve) => closed.close(resolve));
		const error = await runWahaError({ parameters: archive, credentials: { ...waha.credential, baseUrl: `http://127.0.0.1:${port}` } });
		expect(error.message).toBe(`WAHA could not archive chat ${PERSONAL} (no answer): the connection was refused`);
		expect(error.description).toBe(
			`Could not reach WAHA at 127.0.0.1:${port} (the connection was refused, after 5 attempts): check Base URL in the WAHA credential and that WAHA is running`,
		);
		expect(virtualClock().sleeps).toHaveLength(4);
	});
});
