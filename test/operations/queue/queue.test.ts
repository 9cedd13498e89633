import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError } from '../../helpers/harness';

const run = async (operation: string) => (await runNode({ parameters: { resource: 'queue', operation } }))[0];

describe('Queue', () => {
	it.each([
		['getMessagesCount', 'getMessagesCount'],
		['getWebhooksCount', 'getWebhooksCount'],
	])('%s gets %s and puts out the count', async (operation, method) => {
		const scope = nock(API_URL).get(apiPath(method)).reply(200, { count: 3 });
		expect(await run(operation)).toEqual([{ json: { count: 3 }, pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('Get Messages gets showMessagesQueue and puts out one item per queued message', async () => {
		const queued = [
			{ messageID: 'A1', messagesIDs: [], type: 'textMessage', body: { chatId: '79001234567@c.us', message: 'Hi' } },
			{ messageID: 'A2', messagesIDs: [], type: 'textMessage', body: { chatId: '79001234568@c.us', message: 'Yo' } },
		];
		const scope = nock(API_URL).get(apiPath('showMessagesQueue')).reply(200, queued);
		expect((await run('getMessages')).map((item) => item.json)).toEqual(queued);
		scope.done();
	});

	it('Get Messages puts out nothing for an empty queue', async () => {
		nock(API_URL).get(apiPath('showMessagesQueue')).reply(200, []);
		expect(await run('getMessages')).toEqual([]);
	});

	it('Clear Messages gets clearMessagesQueue', async () => {
		const scope = nock(API_URL).get(apiPath('clearMessagesQueue')).reply(200, { isCleared: true });
		expect((await run('clearMessages'))[0].json).toEqual({ cleared: true });
		scope.done();
	});

	it('Clear Webhooks deletes with clearWebhooksQueue', async () => {
		const scope = nock(API_URL).delete(apiPath('clearWebhooksQueue')).reply(200, { isCleared: true, reason: '' });
		expect((await run('clearWebhooks'))[0].json).toEqual({ cleared: true });
		scope.done();
	});

	it('Clear Webhooks fails the item with the reason when cleared too soon', async () => {
		nock(API_URL).delete(apiPath('clearWebhooksQueue')).reply(200, { isCleared: false, reason: 'Too many requests', leftTime: 46 });
		const error = await runNodeError({ parameters: { resource: 'queue', operation: 'clearWebhooks' } });
		expect(error.message).toBe('The incoming notification queue was not cleared (GREEN-API: Too many requests)');
		expect(error.description).toBe(
			'GREEN-API answered isCleared: false. GREEN-API clears a queue at most once a minute: try again later.',
		);
	});

	it('marks the clearing operations as destructive', async () => {
		const { queue } = await import('../../../nodes/GreenApi/actions/queue/Queue.resource');
		for (const operation of queue.operations.filter((op) => op.value.startsWith('clear'))) {
			expect(operation.action).toMatch(/^Permanently /);
			expect(operation.description).toMatch(/This cannot be undone/);
		}
	});
});
