import type { IDataObject } from 'n8n-workflow';

import { API_KEY, allowLocalhost, startWahaEmulator, WAHA_SEED, type WahaEmulator } from './emulator';
import { runWaha, runWahaError } from './harness';

const PERSONAL = WAHA_SEED.personalChatId;
const OWN = `true_${PERSONAL}_3EB0A1B2C3D4E5F60702`;
const THEIRS = `false_${PERSONAL}_3EB0A1B2C3D4E5F60701`;
let waha: WahaEmulator;

beforeEach(async () => {
	allowLocalhost();
	waha = await startWahaEmulator({ apiKey: API_KEY });
});

afterEach(async () => {
	await waha.close();
});

const run = (parameters: IDataObject) => runWaha({ parameters, credentials: waha.credential });
const fail = (parameters: IDataObject) => runWahaError({ parameters, credentials: waha.credential });
const messages = () => waha.emu.sessions.get('default')!.chats.get(PERSONAL)!.messages;

describe('WAHA Message › Edit', () => {
	it('sends PUT with both ids escaped (@ as %40) and the text', async () => {
		const [items] = await run({ resource: 'message', operation: 'edit', chatId: PERSONAL, messageId: ` ${OWN} `, text: 'Hello, world!' });
		expect(items.map((item) => item.json)).toEqual([{ chatId: PERSONAL, messageId: OWN, edited: true }]);
		expect(waha.emu.log.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'PUT', path: '/api/default/chats/79001234567%40c.us/messages/true_79001234567%40c.us_3EB0A1B2C3D4E5F60702', body: { text: 'Hello, world!' } },
		]);
		expect(messages().find((message) => message.id === OWN)!.body).toBe('Hello, world!');
	});

	it('explains a message the account did not send', async () => {
		const error = await fail({ resource: 'message', operation: 'edit', chatId: PERSONAL, messageId: THEIRS, text: 'x' });
		expect(error.message).toBe(`Message ${THEIRS} in chat ${PERSONAL} cannot be edited`);
		expect(error.httpCode).toBe('500');
	});

	it.each([
		[{ messageId: 'BAE5F4886F6F2D05' }, 'Invalid Message ID "BAE5F4886F6F2D05" in item 0: expected WAHA\'s full message id such as true_79001234567@c.us_3EB0C767D097B7C7C030'],
		[{ messageId: '' }, 'Invalid Message ID "" in item 0: expected some text'],
		[{ text: '   ' }, 'Invalid Text "   " in item 0: expected some text'],
		[{ chatId: '12' }, expect.stringMatching(/^Invalid Chat ID "12" in item 0/)],
	])('fails %j before any request', async (change, message) => {
		const error = await fail({ resource: 'message', operation: 'edit', chatId: PERSONAL, messageId: OWN, text: 'Hi', ...change });
		expect(error.message).toEqual(message);
		expect(waha.emu.log).toEqual([]);
	});
});

describe('WAHA Message › Delete', () => {
	it('sends DELETE with both ids escaped, then says when the message is gone', async () => {
		const [items] = await run({ resource: 'message', operation: 'delete', chatId: PERSONAL, messageId: OWN });
		expect(items.map((item) => item.json)).toEqual([{ chatId: PERSONAL, messageId: OWN, deleted: true }]);
		expect(waha.emu.log.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'DELETE /api/default/chats/79001234567%40c.us/messages/true_79001234567%40c.us_3EB0A1B2C3D4E5F60702',
		]);
		expect(messages().map((message) => message.id)).not.toContain(OWN);
		const error = await fail({ resource: 'message', operation: 'delete', chatId: PERSONAL, messageId: OWN });
		expect(error.message).toBe(`Message ${OWN} was not found in chat ${PERSONAL}`);
		// not retried: a 404 is an answer
		expect(waha.emu.log).toHaveLength(2);
	});
});
