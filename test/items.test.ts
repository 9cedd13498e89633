import { ExecuteContext, WorkflowExecute } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { GreenApi } from '../nodes/GreenApi/GreenApi.node';
import { ITEMS_IN_FLIGHT } from '../nodes/GreenApi/actions/router';
import { API_URL, apiPath, buildAdditionalData, buildWorkflow, CREDENTIALS_BY_TYPE, runNode, runNodeError, TOKEN } from './helpers/harness';
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
		nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234569@c.us' }).delay(20).reply(200, '');
		const error = await runNodeError({
			parameters: archiveFromItem,
			items: [{ chatId: '79001234567@c.us' }, { chatId: '79001234568@c.us' }, { chatId: '79001234569@c.us' }],
		});
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 401): Unauthorized');
		expect(error.context).toMatchObject({ itemIndex: 1 });
		expect(error.description).toMatch(
			/\n\nAlready done before the node stopped \(do not send these again\): item 0 \(chatId 79001234567@c\.us\); item 2 \(chatId 79001234569@c\.us\)\.$/,
		);
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

const sendFromItem = { resource: 'message', operation: 'send', chatId: '={{ $json.chatId }}', message: 'Your order is ready', options: { paceRequests: false } };
const chatIds = (count: number) => Array.from({ length: count }, (_, index) => ({ chatId: `7900123${String(index).padStart(4, '0')}@c.us` }));

/** GREEN-API answering every sendMessage with an idMessage made from the chat id; the chat ids it saw. */
function acceptSends(times: number, delayMs = 0): string[] {
	const seen: string[] = [];
	nock(API_URL)
		.post(apiPath('sendMessage'))
		.times(times)
		.optionally()
		.delay(delayMs)
		.reply((_uri, body) => {
			const { chatId } = body as { chatId: string };
			seen.push(chatId);
			return [200, { idMessage: `BAE5${chatId.slice(0, 11)}` }];
		});
	return seen;
}

describe('no delivered item is hidden', () => {
	afterEach(() => nock.cleanAll());

	it('without Continue On Fail, names every item sent while the failing one was in flight', async () => {
		// item 0 is refused after 400 ms; the 9 others are delivered meanwhile
		nock(API_URL).post(apiPath('sendMessage'), { chatId: '79001230000@c.us', message: 'Your order is ready' }).delay(400).reply(400, 'Bad Request');
		const seen = acceptSends(9);
		const error = await runNodeError({ parameters: sendFromItem, items: chatIds(10) });
		expect(seen).toHaveLength(9);
		expect(error.message).toBe('GREEN-API sendMessage failed (HTTP 400): Bad Request');
		expect(error.context).toMatchObject({ itemIndex: 0 });
		const delivered = Array.from({ length: 9 }, (_, index) => {
			const chatId = `7900123000${index + 1}@c.us`;
			return { itemIndex: index + 1, chatId, idMessage: `BAE5${chatId.slice(0, 11)}` };
		});
		expect(error.context).toMatchObject({ doneItems: delivered });
		const listed = delivered.map(({ itemIndex, chatId, idMessage }) => `item ${itemIndex} (chatId ${chatId}, idMessage ${idMessage})`);
		expect(String(error.description).split('\n\n').at(-1)).toBe(
			`Already done before the node stopped (do not send these again): ${listed.join('; ')}.`,
		);
		expectNoSecret(error, TOKEN);
	});

	it('starts items in order, none after a failure, lets those in flight finish and lists each kind', async () => {
		const order: string[] = [];
		nock(API_URL)
			.post(apiPath('sendMessage'), (body) => body.chatId === '79001230002@c.us' || body.chatId === '79001230005@c.us')
			.times(2)
			.reply((_uri, body) => {
				order.push((body as { chatId: string }).chatId);
				return [400, 'Bad Request'];
			});
		const seen = acceptSends(38, 30);
		const error = await runNodeError({ parameters: sendFromItem, items: chatIds(40) });
		// the first ITEMS_IN_FLIGHT started, in input order; items 2 and 5 failed; the others in flight finished
		expect([...order, ...seen].sort()).toEqual(chatIds(ITEMS_IN_FLIGHT).map(({ chatId }) => chatId));
		expect(error.context).toMatchObject({ itemIndex: 2 });
		const doneIndexes = (error.context as { doneItems: Array<{ itemIndex: number }> }).doneItems.map(({ itemIndex }) => itemIndex);
		expect(doneIndexes).toEqual([0, 1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
		expect(String(error.description)).toMatch(/\. Also failed: item 5\. Not started: items 16–39\.$/);
	});

	it('names a list item by its count of results', async () => {
		nock(API_URL).post(apiPath('getChatHistory'), (body) => body.chatId === '79001230000@c.us').reply(200, [
			{ type: 'incoming', idMessage: 'A1', chatId: '79001230000@c.us', timestamp: 1, typeMessage: 'textMessage', textMessage: 'a' },
			{ type: 'incoming', idMessage: 'A2', chatId: '79001230000@c.us', timestamp: 2, typeMessage: 'textMessage', textMessage: 'b' },
		]);
		nock(API_URL).post(apiPath('getChatHistory'), (body) => body.chatId === '79001230001@c.us').delay(30).reply(401, 'Unauthorized');
		const error = await runNodeError({
			parameters: { resource: 'chat', operation: 'getHistory', chatId: '={{ $json.chatId }}', limit: 10, options: { paceRequests: false } },
			items: chatIds(2),
		});
		expect(error.context).toMatchObject({ itemIndex: 1, doneItems: [{ itemIndex: 0, results: 2 }] });
		expect(String(error.description)).toMatch(/: item 0 \(2 results\)\.$/);
	});
});

describe('Continue On Fail and the error output', () => {
	afterEach(() => nock.cleanAll());

	function refuseSecondItem(): string[] {
		nock(API_URL).post(apiPath('sendMessage'), (body) => body.chatId === '79001230001@c.us').reply(400, 'Bad Request');
		return acceptSends(2);
	}

	const failedJson = {
		error: 'GREEN-API sendMessage failed (HTTP 400): Bad Request',
		description: expect.any(String),
		httpCode: '400',
	};

	it('with Continue On Fail, the delivered items go out as usual and only the failed one is an error item', async () => {
		refuseSecondItem();
		const [items] = await runNode({ parameters: sendFromItem, items: chatIds(3), continueOnFail: true });
		expect(items.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{ json: { chatId: '79001230000@c.us', idMessage: 'BAE579001230000' }, pairedItem: { item: 0 } },
			{ json: failedJson, pairedItem: { item: 1 } },
			{ json: { chatId: '79001230002@c.us', idMessage: 'BAE579001230002' }, pairedItem: { item: 2 } },
		]);
		expectNoSecret(items, TOKEN);
	});

	it('with "continue (using error output)", n8n routes only the failed item to the error output', async () => {
		refuseSecondItem();
		const nodeType = new GreenApi();
		const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', sendFromItem, { onError: 'continueErrorOutput' });
		const additionalData = buildAdditionalData(CREDENTIALS_BY_TYPE);
		const input: INodeExecutionData[] = chatIds(3).map((json) => ({ json }));
		const executeData = { node, data: { main: [input] }, source: null };
		const context = new ExecuteContext(workflow, node, additionalData, 'manual', createRunExecutionData(), 0, input, { main: [input] }, executeData, []);
		const outputs = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
		// what n8n-core then does with the output of a node whose On Error is "continue (using error output)"
		const engine = new WorkflowExecute(additionalData, 'manual', createRunExecutionData());
		engine.handleNodeErrorOutput(workflow, executeData, outputs, 0);
		expect(outputs).toEqual([
			[
				{ json: { chatId: '79001230000@c.us', idMessage: 'BAE579001230000' }, pairedItem: { item: 0 } },
				{ json: { chatId: '79001230002@c.us', idMessage: 'BAE579001230002' }, pairedItem: { item: 2 } },
			],
			[
				{
					json: {
						error: 'GREEN-API sendMessage failed (HTTP 400): Bad Request',
						details: { description: expect.any(String), httpCode: '400' },
					},
					pairedItem: { item: 1 },
				},
			],
		]);
		expectNoSecret(outputs, TOKEN);
	});
});
