import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError, TOKEN } from '../../helpers/harness';
import { expectNoSecret } from '../../helpers/secrets';

const CHAT = '79001234567@c.us';
const run = async (parameters: Record<string, unknown>) =>
	(await runNode({ parameters: { resource: 'contact', ...parameters } }))[0].map((item) => item.json);
const fail = async (parameters: Record<string, unknown>) => await runNodeError({ parameters: { resource: 'contact', ...parameters } });

describe('Contact › Add, Edit, Delete (addContact, editContact, deleteContact)', () => {
	it('Add posts {chatId, firstName, lastName, saveInAddressbook} and puts out what it added', async () => {
		const body = { chatId: CHAT, firstName: 'Anna', lastName: 'Petrova', saveInAddressbook: false };
		const scope = nock(API_URL).post(apiPath('addContact'), body).reply(200, { addContact: true });
		expect(
			await run({ operation: 'add', chatId: '+7 (900) 123-45-67', firstName: 'Anna', options: { lastName: 'Petrova', saveInAddressbook: false } }),
		).toEqual([{ ...body, added: true }]);
		scope.done();
	});

	it('Edit posts editContact, saving in the address book by default and leaving out an empty last name', async () => {
		const scope = nock(API_URL).post(apiPath('editContact'), { chatId: CHAT, firstName: 'Anya', saveInAddressbook: true }).reply(200, { editContact: true });
		expect(await run({ operation: 'edit', chatId: CHAT, firstName: 'Anya' })).toEqual([
			{ chatId: CHAT, firstName: 'Anya', saveInAddressbook: true, edited: true },
		]);
		scope.done();
	});

	it('Delete posts {chatId} to deleteContact', async () => {
		const scope = nock(API_URL).post(apiPath('deleteContact'), { chatId: CHAT }).reply(200, { deleteContact: true });
		expect(await run({ operation: 'delete', chatId: CHAT })).toEqual([{ chatId: CHAT, deleted: true }]);
		scope.done();
	});

	it.each([
		['add', 'addContact', 'added'],
		['edit', 'editContact', 'edited'],
		['delete', 'deleteContact', 'deleted'],
	])('%s fails the item on {%s: false}', async (operation, method, done) => {
		nock(API_URL).post(apiPath(method)).reply(200, { [method]: false });
		const error = await fail({ operation, chatId: CHAT, firstName: 'Anna' });
		expect(error.message).toBe(`Contact ${CHAT} was not ${done}`);
	});

	it("shows GREEN-API's documented errors (already exists, not on WhatsApp) without the token", async () => {
		nock(API_URL).post(apiPath('addContact')).reply(400, { message: `Contact ${CHAT} already exists`, path: apiPath('addContact') });
		const exists = await fail({ operation: 'add', chatId: CHAT, firstName: 'Anna' });
		expect(exists.message).toBe(`GREEN-API addContact failed (HTTP 400): Contact ${CHAT} already exists`);
		expectNoSecret(exists, TOKEN);
		nock(API_URL).post(apiPath('editContact')).reply(404, { message: `${CHAT} is not on WhatsApp` });
		expect((await fail({ operation: 'edit', chatId: CHAT, firstName: 'Anna' })).message).toBe(
			`GREEN-API editContact failed (HTTP 404): ${CHAT} is not on WhatsApp`,
		);
	});

	it('refuses a group, an empty first name and a name over 256 characters, without a request', async () => {
		expect((await fail({ operation: 'add', chatId: '120363043968066561@g.us', firstName: 'Team' })).message).toMatch(
			/^Invalid Chat ID "120363043968066561@g.us" in item 0: expected a personal chat id/,
		);
		expect((await fail({ operation: 'add', chatId: CHAT, firstName: ' ' })).message).toBe(
			'Invalid First Name " " in item 0: expected text of 1 to 256 characters',
		);
		expect((await fail({ operation: 'edit', chatId: CHAT, firstName: 'a'.repeat(257) })).message).toMatch(
			/^Invalid First Name "a{40}…" in item 0: expected at most 256 characters \(it has 257\)$/,
		);
	});
});
