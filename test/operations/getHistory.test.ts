import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError, TOKEN } from '../helpers/harness';
import { expectNoSecret } from '../helpers/secrets';

/** The seed document's example answer: newest first. */
const MESSAGES = [
	{ type: 'incoming', timestamp: 1603964449, idMessage: '3AADDD555CB0822C0539', typeMessage: 'textMessage', chatId: '79001234567@c.us', senderId: '79001234567@c.us', senderName: 'Andrew Sh', textMessage: 'I use Green-API to get this message from you!' },
	{ type: 'outgoing', timestamp: 1603964445, idMessage: '3EB08816FEBCCC3FACD2', statusMessage: 'read', typeMessage: 'textMessage', chatId: '79001234567@c.us', textMessage: 'I use Green-API to send this message to you!' },
	{ type: 'incoming', timestamp: 1603964444, idMessage: '3AA45F9F285C5249CDFC', typeMessage: 'imageMessage', chatId: '79001234567@c.us', senderId: '79001234567@c.us', senderName: 'Andrew Sh', downloadUrl: 'https://api.green-api.com/waInstance9075/downloadFile/download-file-id', caption: 'Green-API Logo' },
];

const getHistory = (extra: Record<string, unknown> = {}) => ({
	resource: 'chat',
	operation: 'getHistory',
	chatId: '79001234567@c.us',
	...extra,
});

describe('Chat › Get History', () => {
	it('posts {chatId, count} to getChatHistory and returns one item per message, newest first', async () => {
		const scope = nock(API_URL)
			.post(apiPath('getChatHistory'), { chatId: '79001234567@c.us', count: 50 })
			.reply(200, MESSAGES);
		const [items] = await runNode({ parameters: getHistory() });
		expect(items).toEqual(MESSAGES.map((json) => ({ json, pairedItem: { item: 0 } })));
		scope.done();
	});

	it('sends the limit as count', async () => {
		const scope = nock(API_URL)
			.post(apiPath('getChatHistory'), { chatId: '120363043968066561@g.us', count: 3 })
			.reply(200, MESSAGES);
		await runNode({ parameters: getHistory({ chatId: '120363043968066561@g.us', limit: 3 }) });
		scope.done();
	});

	it('keeps only the messages between Since and Until', async () => {
		nock(API_URL).post(apiPath('getChatHistory')).reply(200, MESSAGES);
		const [items] = await runNode({
			parameters: getHistory({
				options: { since: '2020-10-29T09:40:45Z', until: '2020-10-29T09:40:48Z' },
			}),
		});
		expect(items.map((item) => item.json.idMessage)).toEqual(['3EB08816FEBCCC3FACD2']);
	});

	it('reads a Since without a time zone in the workflow time zone', async () => {
		nock(API_URL).post(apiPath('getChatHistory')).reply(200, MESSAGES);
		// 12:40:45 in Moscow (UTC+3) is 1603964445
		const [items] = await runNode({
			parameters: getHistory({ options: { since: '2020-10-29T12:40:45' } }),
			timezone: 'Europe/Moscow',
		});
		expect(items.map((item) => item.json.timestamp)).toEqual([1603964449, 1603964445]);
	});

	it('returns no items for a chat without history', async () => {
		nock(API_URL).post(apiPath('getChatHistory')).reply(200, []);
		const [items] = await runNode({ parameters: getHistory() });
		expect(items).toEqual([]);
	});

	it('says the phone is offline when GREEN-API keeps answering 504', async () => {
		nock(API_URL).post(apiPath('getChatHistory')).times(5).reply(504, 'Gateway Timeout');
		const error = await runNodeError({ parameters: getHistory() });
		expect(error.message).toBe('The phone linked to the instance is offline');
		expect(error.httpCode).toBe('504');
		expectNoSecret(error, TOKEN);
	});

	it('rejects an unreadable Since without sending a request', async () => {
		const error = await runNodeError({ parameters: getHistory({ options: { since: 'yesterday-ish' } }) });
		expect(error.message).toBe(
			'Invalid Since "yesterday-ish" in item 0: expected a date and time such as 2024-05-01T09:30:00',
		);
	});
});
