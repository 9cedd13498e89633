import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError, TOKEN } from '../helpers/harness';
import { expectNoSecret } from '../helpers/secrets';

const archive = (chatId: string) => ({ resource: 'chat', operation: 'archive', chatId });
const unarchive = (chatId: string) => ({ resource: 'chat', operation: 'unarchive', chatId });

describe('Chat › Archive', () => {
	it('posts {chatId} to archiveChat and reports the change', async () => {
		const scope = nock(API_URL, { reqheaders: { 'content-type': /application\/json/ } })
			.post(apiPath('archiveChat'), { chatId: '79001234567@c.us' })
			.reply(200, '');
		const [items] = await runNode({ parameters: archive('79001234567@c.us') });
		expect(items).toEqual([
			{ json: { chatId: '79001234567@c.us', archived: true, changed: true }, pairedItem: { item: 0 } },
		]);
		scope.done();
	});

	it('turns a phone number written by a person into a personal chat id', async () => {
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234567@c.us' }).reply(200, '');
		const [items] = await runNode({
			parameters: archive('={{ $json.phone }}'),
			items: [{ phone: '+7 (900) 123-45-67' }],
		});
		expect(items[0].json).toEqual({ chatId: '79001234567@c.us', archived: true, changed: true });
	});

	it('is a success with changed: false when the chat is already archived', async () => {
		nock(API_URL)
			.post(apiPath('archiveChat'), { chatId: '120363043968066561@g.us' })
			.reply(400, 'ArchiveChatError: chat with id 120363043968066561@g.us already archive=true');
		const [items] = await runNode({ parameters: archive('120363043968066561@g.us') });
		expect(items).toEqual([
			{ json: { chatId: '120363043968066561@g.us', archived: true, changed: false }, pairedItem: { item: 0 } },
		]);
	});

	it('says the chat has no messages or the id is wrong for "last message not found"', async () => {
		nock(API_URL)
			.post(apiPath('archiveChat'))
			.reply(400, 'ArchiveChatError: cannot archive chat cause last message not found in chat');
		const error = await runNodeError({ parameters: archive('79001234567@c.us') });
		expect(error.message).toBe('Cannot archive chat 79001234567@c.us: it has no messages, or the chat id is wrong');
		expect(error.httpCode).toBe('400');
		expect(error.context).toMatchObject({ itemIndex: 0 });
		expectNoSecret(error, TOKEN);
	});

	it('does not treat "already archive=false" as success when archiving', async () => {
		nock(API_URL).post(apiPath('archiveChat')).reply(400, 'ArchiveChatError: chat with id 1@c.us already archive=false');
		const error = await runNodeError({ parameters: archive('79001234567@c.us') });
		expect(error.message).toBe(
			'GREEN-API archiveChat failed (HTTP 400): ArchiveChatError: chat with id 1@c.us already archive=false',
		);
	});
});

describe('Chat › Unarchive', () => {
	it('posts {chatId} to unarchiveChat and reports the change', async () => {
		const scope = nock(API_URL)
			.post(apiPath('unarchiveChat'), { chatId: '123456789012345@lid' })
			.reply(200, '');
		const [items] = await runNode({ parameters: unarchive('123456789012345@lid') });
		expect(items).toEqual([
			{ json: { chatId: '123456789012345@lid', archived: false, changed: true }, pairedItem: { item: 0 } },
		]);
		scope.done();
	});

	it('is a success with changed: false when the chat is not archived', async () => {
		nock(API_URL)
			.post(apiPath('unarchiveChat'))
			.reply(400, 'UnarchiveChatError: chat with id 79001234567@c.us already archive=false');
		const [items] = await runNode({ parameters: unarchive('79001234567@c.us') });
		expect(items[0].json).toEqual({ chatId: '79001234567@c.us', archived: false, changed: false });
	});

	it('says GREEN-API does not know the chat when it answers "not found"', async () => {
		nock(API_URL)
			.post(apiPath('unarchiveChat'))
			.reply(400, 'UnarchiveChatError: chat with id 79001234567@c.us not found');
		const error = await runNodeError({ parameters: unarchive('79001234567@c.us') });
		expect(error.message).toBe('Cannot unarchive chat 79001234567@c.us: GREEN-API does not know this chat');
		expect(error.description).toBe('Check the chat id, e.g. with the Chat › Get Many operation');
	});
});
