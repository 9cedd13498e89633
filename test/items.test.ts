import nock from 'nock';

import { ITEMS_IN_FLIGHT } from '../nodes/GreenApi/actions/router';
import { API_URL, apiPath, runNode, runNodeError, TOKEN } from './helpers/harness';
import { expectNoSecret } from './helpers/secrets';

const archiveFromItem = { resource: 'chat', operation: 'archive', chatId: '={{ $json.chatId }}' };

describe('every item on its own', () => {
	it('with Continue On Fail, turns failed items into {error} and still runs the others', async () => {
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234567@c.us' }).reply(200, '');
		nock(API_URL)
			.post(apiPath('archiveChat'), { chatId: '79001234568@c.us' })
			.reply(400, 'ArchiveChatError: cannot archive chat cause last message not found in chat');
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '120363043968066561@g.us' }).reply(200, '');
		const [items] = await runNode({
			parameters: archiveFromItem,
			items: [
				{ chatId: '79001234567@c.us' },
				{ chatId: 'not a chat' },
				{ chatId: '79001234568@c.us' },
				{ chatId: '120363043968066561@g.us' },
			],
			continueOnFail: true,
		});
		expect(items).toEqual([
			{ json: { chatId: '79001234567@c.us', archived: true, changed: true }, pairedItem: { item: 0 } },
			{
				json: {
					error:
						'Invalid Chat ID "not a chat" in item 1: expected a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid, or a phone number with country code',
					description: 'Change the "Chat ID" field (or the expression that fills it) for this item',
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					error: 'Cannot archive chat 79001234568@c.us: it has no messages, or the chat id is wrong',
					description:
						'WhatsApp archives only chats with at least one message, and GREEN-API must have seen an incoming one (enable incoming notifications on the instance). Check the chat id.',
					httpCode: '400',
				},
				pairedItem: { item: 2 },
			},
			{ json: { chatId: '120363043968066561@g.us', archived: true, changed: true }, pairedItem: { item: 3 } },
		]);
		expectNoSecret(items, TOKEN);
	});

	it('without Continue On Fail, stops at the first failure and names its item', async () => {
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234567@c.us' }).reply(200, '');
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234568@c.us' }).reply(401, 'Unauthorized');
		const error = await runNodeError({
			parameters: archiveFromItem,
			items: [{ chatId: '79001234567@c.us' }, { chatId: '79001234568@c.us' }, { chatId: '79001234569@c.us' }],
		});
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 401): Unauthorized');
		expect(error.context).toMatchObject({ itemIndex: 1 });
		expectNoSecret(error, TOKEN);
	});

	it.each([
		['an empty chat id', ''],
		['a chat id an expression left undefined', undefined],
		['a chat id of spaces', '   '],
	])('rejects %s as empty, without sending a request', async (_label, chatId) => {
		const error = await runNodeError({ parameters: archiveFromItem, items: [{ chatId }] });
		expect(error.message).toBe(
			'The Chat ID of item 0 is empty: expected a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid, or a phone number with country code',
		);
		expect(error.context).toMatchObject({ itemIndex: 0 });
	});

	it.each([
		['a name', 'John Doe'],
		['a short number', '12345'],
		['an id of an unknown kind', '79001234567@s.whatsapp.net'],
	])('rejects %s without sending a request', async (_label, chatId) => {
		const error = await runNodeError({ parameters: archiveFromItem, items: [{ chatId }] });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			`Invalid Chat ID "${chatId}" in item 0: expected a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid, or a phone number with country code`,
		);
		expect(error.context).toMatchObject({ itemIndex: 0 });
	});

	it('rejects a chat id that an expression made a number of the wrong shape', async () => {
		const error = await runNodeError({ parameters: archiveFromItem, items: [{ chatId: 42 }] });
		expect(error.message).toMatch(/^Invalid Chat ID 42 in item 0/);
	});
});

describe('items in flight together', () => {
	it('keeps the output in input order when answers come back out of order', async () => {
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234567@c.us' }).delay(60).reply(200, '');
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234568@c.us' }).delay(30).reply(200, '');
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234569@c.us' }).reply(200, '');
		const [items] = await runNode({
			parameters: { ...archiveFromItem, options: { paceRequests: false } },
			items: [{ chatId: '79001234567@c.us' }, { chatId: '79001234568@c.us' }, { chatId: '79001234569@c.us' }],
		});
		expect(items.map((item) => [item.json.chatId, item.pairedItem])).toEqual([
			['79001234567@c.us', { item: 0 }],
			['79001234568@c.us', { item: 1 }],
			['79001234569@c.us', { item: 2 }],
		]);
	});

	it(`starts no item after a failure, and fails with the lowest failed item (${ITEMS_IN_FLIGHT} in flight)`, async () => {
		let received = 0;
		nock(API_URL)
			.post(apiPath('archiveChat'), { chatId: '79001230000@c.us' })
			.reply(() => {
				received++;
				return [401, 'Unauthorized'];
			});
		nock(API_URL)
			.post(apiPath('archiveChat'))
			.times(39)
			.optionally()
			.delay(20)
			.reply(() => {
				received++;
				return [200, ''];
			});
		const items = Array.from({ length: 40 }, (_, index) => ({ chatId: `7900123${String(index).padStart(4, '0')}@c.us` }));
		const error = await runNodeError({ parameters: { ...archiveFromItem, options: { paceRequests: false } }, items });
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 401): Unauthorized');
		expect(error.context).toMatchObject({ itemIndex: 0 });
		expect(received).toBe(ITEMS_IN_FLIGHT);
		nock.cleanAll();
	});
});
