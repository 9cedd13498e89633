import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError } from '../helpers/harness';

const CHATS = [
	{ archive: false, id: '79876543210@c.us', ephemeralExpiration: 86400, ephemeralSettingTimestamp: 1777870423, name: 'John Doe', type: 'user' },
	{ archive: true, id: '79001234567-1479621234@g.us', ephemeralExpiration: 0, ephemeralSettingTimestamp: 0, name: 'My Group', type: 'group' },
	{ archive: true, id: '123456789012345@lid', ephemeralExpiration: 0, ephemeralSettingTimestamp: 0, name: 'Lid Person', type: 'user' },
	{ archive: false, id: '120363043968066561@g.us', ephemeralExpiration: 0, ephemeralSettingTimestamp: 0, name: 'Team', type: 'group' },
	{ archive: false, id: '79001234567@c.us', ephemeralExpiration: 0, ephemeralSettingTimestamp: 0, name: 'Jane Doe', type: 'user' },
];

const getAll = (extra: Record<string, unknown> = {}) => ({ resource: 'chat', operation: 'getAll', ...extra });

describe('Chat › Get Many', () => {
	it('asks GET getChats?count=limit and returns one item per chat with the API fields', async () => {
		const scope = nock(API_URL).get(apiPath('getChats')).query({ count: '2' }).reply(200, CHATS.slice(0, 2));
		const [items] = await runNode({ parameters: getAll({ limit: 2 }) });
		expect(items).toEqual([
			{ json: CHATS[0], pairedItem: { item: 0 } },
			{ json: CHATS[1], pairedItem: { item: 0 } },
		]);
		scope.done();
	});

	it('uses a default limit of 50', async () => {
		const scope = nock(API_URL).get(apiPath('getChats')).query({ count: '50' }).reply(200, CHATS);
		const [items] = await runNode({ parameters: getAll() });
		expect(items.map((item) => item.json.id)).toEqual(CHATS.map((chat) => chat.id));
		scope.done();
	});

	it('asks for every chat with Return All', async () => {
		const scope = nock(API_URL).get(apiPath('getChats')).query({}).reply(200, CHATS);
		const [items] = await runNode({ parameters: getAll({ returnAll: true }) });
		expect(items).toHaveLength(5);
		scope.done();
	});

	it('filters by chat type and archive state before applying the limit', async () => {
		nock(API_URL).get(apiPath('getChats')).query({}).reply(200, CHATS);
		const [items] = await runNode({
			parameters: getAll({ limit: 1, filters: { chatType: 'personal', archiveState: 'archived' } }),
		});
		expect(items.map((item) => item.json.id)).toEqual(['123456789012345@lid']);
	});

	it('counts @lid chats as personal and keeps groups out of a personal filter', async () => {
		nock(API_URL).get(apiPath('getChats')).query({}).reply(200, CHATS);
		const [items] = await runNode({ parameters: getAll({ returnAll: true, filters: { chatType: 'personal' } }) });
		expect(items.map((item) => item.json.id)).toEqual(['79876543210@c.us', '123456789012345@lid', '79001234567@c.us']);
	});

	it('keeps only groups that are not archived', async () => {
		nock(API_URL).get(apiPath('getChats')).query({}).reply(200, CHATS);
		const [items] = await runNode({
			parameters: getAll({ returnAll: true, filters: { chatType: 'group', archiveState: 'notArchived' } }),
		});
		expect(items.map((item) => item.json.id)).toEqual(['120363043968066561@g.us']);
	});

	it('returns no items when the account has no chats', async () => {
		nock(API_URL).get(apiPath('getChats')).query(true).reply(200, []);
		const [items] = await runNode({ parameters: getAll() });
		expect(items).toEqual([]);
	});

	it('rejects a limit below 1 without sending a request', async () => {
		const error = await runNodeError({ parameters: getAll({ limit: 0 }) });
		expect(error.message).toBe('Invalid Limit 0 in item 0: expected a whole number of at least 1');
	});
});
