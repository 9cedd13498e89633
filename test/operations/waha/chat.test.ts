import type { IDataObject } from 'n8n-workflow';

import { API_KEY, allowLocalhost, mediaBytes, startWahaEmulator, WAHA_SEED, type WahaEmulator } from './emulator';
import { runWaha, runWahaError } from './harness';

const PERSONAL = WAHA_SEED.personalChatId;
const ESCAPED = '79001234567%40c.us';
let waha: WahaEmulator;

beforeEach(async () => {
	allowLocalhost();
	waha = await startWahaEmulator({ apiKey: API_KEY, sessions: { default: 'WEBJS', light: 'NOWEB' }, chatCount: 248 });
});

afterEach(async () => {
	await waha.close();
});

const run = (parameters: IDataObject, extra: { continueOnFail?: boolean; session?: string } = {}) =>
	runWaha({ parameters, credentials: { ...waha.credential, session: extra.session ?? 'default' }, continueOnFail: extra.continueOnFail });
const requests = () => waha.emu.log.map(({ method, path, query }) => ({ method, path, query }));

describe('WAHA Chat › Get Many', () => {
	it('asks for the limit in one request and gives each chat with its id as text', async () => {
		const [items] = await run({ resource: 'chat', operation: 'getAll', returnAll: false, limit: 2 });
		expect(requests()).toEqual([{ method: 'GET', path: '/api/default/chats', query: { limit: '2', offset: '0' } }]);
		expect(waha.emu.log[0].headers['x-api-key']).toBe(API_KEY);
		expect(items.map((item) => item.json)).toEqual([
			{ chatId: PERSONAL, id: { server: 'c.us', user: '79001234567', _serialized: PERSONAL }, name: 'Alice', isGroup: false, archived: false, timestamp: 1700000900, unreadCount: 0 },
			{ chatId: WAHA_SEED.groupId, id: { server: 'g.us', user: '120363043968066561', _serialized: WAHA_SEED.groupId }, name: 'Team', isGroup: true, archived: false, timestamp: 1700000800, unreadCount: 0 },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('pages through offset for Return All, 100 at a time, until a short page', async () => {
		const [items] = await run({ resource: 'chat', operation: 'getAll', returnAll: true });
		expect(requests().map(({ query }) => query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
			{ limit: '100', offset: '200' },
		]);
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.chatId)).size).toBe(250);
		expect(items[249].json.chatId).toBe('79002000247@c.us');
	});

	it('pages a limit above 100 and stops at it', async () => {
		const [items] = await run({ resource: 'chat', operation: 'getAll', returnAll: false, limit: 150 });
		expect(requests().map(({ query }) => query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '50', offset: '100' },
		]);
		expect(items).toHaveLength(150);
	});

	it('takes every chat at once from a WAHA that ignores limit and offset', async () => {
		const everything = Array.from({ length: 120 }, (_, index) => ({ id: `7900300${String(index).padStart(4, '0')}@c.us` }));
		waha.emu.faults.push({ route: 'getChats', times: 1, status: 200, body: everything });
		const [items] = await run({ resource: 'chat', operation: 'getAll', returnAll: false, limit: 110 });
		expect(waha.emu.log).toHaveLength(1);
		expect(items.map((item) => item.json)).toEqual(everything.slice(0, 110).map((chat) => ({ chatId: chat.id, ...chat })));
	});

	it('fails rather than repeat chats when WAHA answers a later page with the first one again', async () => {
		const first = Array.from({ length: 100 }, (_, index) => ({ id: `7900300${String(index).padStart(4, '0')}@c.us` }));
		waha.emu.faults.push({ route: 'getChats', times: 2, status: 200, body: first });
		const error = await runWahaError({ parameters: { resource: 'chat', operation: 'getAll', returnAll: true }, credentials: waha.credential });
		expect(error.message).toBe('WAHA ignored the offset of Get Many: it answered a later page with the first chats again');
		expect(waha.emu.log.map((entry) => entry.query.offset)).toEqual(['0', '100']);
	});

	it('gives NOWEB chats with their plain id, and says when the NOWEB store is off', async () => {
		const [items] = await run({ resource: 'chat', operation: 'getAll', returnAll: false, limit: 1 }, { session: 'light' });
		expect(items[0].json).toEqual({ chatId: PERSONAL, id: PERSONAL, name: 'Alice', conversationTimestamp: 1700000900, archived: false });
		waha.emu.sessions.get('light')!.store = false;
		const error = await runWahaError({ parameters: { resource: 'chat', operation: 'getAll', returnAll: true }, credentials: { ...waha.credential, session: 'light' } });
		expect(error.message).toBe("WAHA cannot list the chats: the session's NOWEB store is off");
		expect(error.description).toMatch(/config\.noweb\.store\.enabled=true/);
	});

	it('fails a limit that is not a whole number of at least 1, before any request', async () => {
		const error = await runWahaError({ parameters: { resource: 'chat', operation: 'getAll', returnAll: false, limit: 0 }, credentials: waha.credential });
		expect(error.message).toBe('Invalid Limit 0 in item 0: expected a whole number of at least 1');
		expect(waha.emu.log).toEqual([]);
	});
});

describe('WAHA Chat › Archive and Unarchive', () => {
	it('archives then unarchives with the chat id escaped, any writing of the id accepted', async () => {
		const [archived] = await run({ resource: 'chat', operation: 'archive', chatId: '+7 (900) 123-45-67' });
		expect(archived.map((item) => item.json)).toEqual([{ chatId: PERSONAL, archived: true, changed: null }]);
		expect(waha.emu.sessions.get('default')!.chats.get(PERSONAL)!.archived).toBe(true);
		const [unarchived] = await run({ resource: 'chat', operation: 'unarchive', chatId: PERSONAL });
		expect(unarchived.map((item) => item.json)).toEqual([{ chatId: PERSONAL, archived: false, changed: null }]);
		expect(requests()).toEqual([
			{ method: 'POST', path: `/api/default/chats/${ESCAPED}/archive`, query: {} },
			{ method: 'POST', path: `/api/default/chats/${ESCAPED}/unarchive`, query: {} },
		]);
		expect(waha.emu.sessions.get('default')!.chats.get(PERSONAL)!.archived).toBe(false);
	});

	it('names the NOWEB engine when the session cannot archive', async () => {
		const error = await runWahaError({ parameters: { resource: 'chat', operation: 'archive', chatId: PERSONAL }, credentials: { ...waha.credential, session: 'light' } });
		expect(error.message).toBe(`WAHA cannot archive chat ${PERSONAL}: the NOWEB engine does not implement it`);
		expect(error.description).toMatch(/NOWEB has no archive\/unarchive, #445/);
		expect(waha.emu.log).toHaveLength(1);
	});

	it('fails a malformed chat id before any request, and Continue On Fail goes on with the next item', async () => {
		const [items] = await runWaha({
			parameters: { resource: 'chat', operation: 'archive', chatId: '={{ $json.chat }}' },
			credentials: waha.credential,
			items: [{ chat: 'not-a-chat' }, { chat: WAHA_SEED.groupId }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.json)).toEqual([
			{
				error: expect.stringMatching(/^Invalid Chat ID "not-a-chat" in item 0: expected a chat id such as/),
				description: 'Change the "Chat ID" field (or the expression that fills it) for this item',
			},
			{ chatId: WAHA_SEED.groupId, archived: true, changed: null },
		]);
		expect(requests()).toEqual([{ method: 'POST', path: '/api/default/chats/120363043968066561%40g.us/archive', query: {} }]);
	});
});

describe('WAHA Chat › Delete and Delete All Messages', () => {
	it('deletes a chat', async () => {
		const [items] = await run({ resource: 'chat', operation: 'delete', chatId: PERSONAL });
		expect(items.map((item) => item.json)).toEqual([{ chatId: PERSONAL, deleted: true }]);
		expect(requests()).toEqual([{ method: 'DELETE', path: `/api/default/chats/${ESCAPED}`, query: {} }]);
		expect(waha.emu.sessions.get('default')!.chats.has(PERSONAL)).toBe(false);
	});

	it('clears the messages of a chat and keeps the chat', async () => {
		const [items] = await run({ resource: 'chat', operation: 'deleteAllMessages', chatId: PERSONAL });
		expect(items.map((item) => item.json)).toEqual([{ chatId: PERSONAL, cleared: true }]);
		expect(requests()).toEqual([{ method: 'DELETE', path: `/api/default/chats/${ESCAPED}/messages`, query: {} }]);
		expect(waha.emu.sessions.get('default')!.chats.get(PERSONAL)!.messages).toEqual([]);
	});

	it.each([
		['archive', 'archive'],
		['delete', 'delete'],
		['deleteAllMessages', 'clear'],
	])('says when WhatsApp does not know the chat (%s)', async (operation, doing) => {
		const error = await runWahaError({ parameters: { resource: 'chat', operation, chatId: '79009990000' }, credentials: waha.credential });
		expect(error.message).toBe(`Cannot ${doing} chat 79009990000@c.us: WhatsApp does not know this chat`);
		expect(waha.emu.log).toHaveLength(1);
	});

	it.each([
		['delete', `delete chat ${PERSONAL}`],
		['deleteAllMessages', `delete all messages of chat ${PERSONAL}`],
	])('names the NOWEB engine for %s', async (operation, action) => {
		const error = await runWahaError({ parameters: { resource: 'chat', operation, chatId: PERSONAL }, credentials: { ...waha.credential, session: 'light' } });
		expect(error.message).toBe(`WAHA cannot ${action}: the NOWEB engine does not implement it`);
		expect(waha.emu.sessions.get('light')!.chats.get(PERSONAL)!.messages).toHaveLength(3);
	});
});

describe('WAHA Chat › Get History', () => {
	it('tells WAHA not to download media unless asked, and gives the messages as they are', async () => {
		const [items] = await run({ resource: 'chat', operation: 'getHistory', chatId: PERSONAL, limit: 2, downloadMedia: false });
		expect(requests()).toEqual([{ method: 'GET', path: `/api/default/chats/${ESCAPED}/messages`, query: { limit: '2', downloadMedia: 'false' } }]);
		expect(items.map((item) => item.json.id)).toEqual([`false_${PERSONAL}_3EB0A1B2C3D4E5F60718`, `true_${PERSONAL}_3EB0A1B2C3D4E5F60702`]);
		expect(items[0].json).toMatchObject({ hasMedia: true, media: null, body: 'The receipt' });
		expect(items.every((item) => item.binary === undefined)).toBe(true);
	});

	it('downloads the media into binary data with the key, from the credential’s address whatever host WAHA wrote', async () => {
		// WAHA writes its own idea of its address into media links
		waha.emu.baseUrl = 'http://localhost:3000';
		const [items] = await run({ resource: 'chat', operation: 'getHistory', chatId: PERSONAL, limit: 3, downloadMedia: true, options: { binaryPropertyName: 'file' } });
		expect(requests()).toEqual([
			{ method: 'GET', path: `/api/default/chats/${ESCAPED}/messages`, query: { limit: '3', downloadMedia: 'true' } },
			{ method: 'GET', path: `/api/files/default/${WAHA_SEED.imageFile}`, query: {} },
		]);
		expect(waha.emu.log[1].headers['x-api-key']).toBe(API_KEY);
		expect(items).toHaveLength(3);
		const [withFile, ...others] = items;
		expect(withFile.json.media).toEqual({ url: `http://localhost:3000/api/files/default/${WAHA_SEED.imageFile}`, mimetype: 'image/jpeg', filename: 'receipt.jpeg', error: null });
		expect(Object.keys(withFile.binary!)).toEqual(['file']);
		expect(withFile.binary!.file).toMatchObject({ fileName: 'receipt.jpeg', mimeType: 'image/jpeg' });
		expect(Buffer.from(withFile.binary!.file.data, 'base64').equals(mediaBytes())).toBe(true);
		expect(others.map((item) => Object.keys(item.binary ?? {}))).toEqual([[], []]);
	});

	it('retries a media download cut short, and hands on only the whole file', async () => {
		waha.emu.faults.push({ route: 'file', times: 1, cutAfter: 100_000 });
		const [items] = await run({ resource: 'chat', operation: 'getHistory', chatId: PERSONAL, limit: 1, downloadMedia: true });
		expect(waha.emu.log.map((entry) => entry.status)).toEqual([200, 'cut', 200]);
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(mediaBytes())).toBe(true);
	});

	it('says when WAHA no longer has a media file', async () => {
		waha.emu.sessions.get('default')!.chats.get(PERSONAL)!.messages[2].body = 'still there';
		(waha.emu.sessions.get('default') as unknown as { files: Map<string, Buffer> }).files.clear();
		const error = await runWahaError({ parameters: { resource: 'chat', operation: 'getHistory', chatId: PERSONAL, limit: 1, downloadMedia: true }, credentials: waha.credential });
		expect(error.message).toBe(`The media of message false_${PERSONAL}_3EB0A1B2C3D4E5F60718 is no longer on WAHA`);
	});
});
