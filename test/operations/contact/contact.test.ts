import nock from 'nock';

import { checkWhatsapp } from '../../../nodes/GreenApi/actions/contact/checkWhatsapp.operation';
import { API_URL, apiPath, runNode, runNodeError } from '../../helpers/harness';

const run = async (parameters: Record<string, unknown>) => (await runNode({ parameters: { resource: 'contact', ...parameters } }))[0];
const fail = async (parameters: Record<string, unknown>) => await runNodeError({ parameters: { resource: 'contact', ...parameters } });

const CONTACTS = [
	{ id: '79001234567@c.us', name: 'Anna', contactName: 'Anna P.', type: 'user' },
	{ id: '120363043968066561@g.us', name: 'Team', contactName: '', type: 'group' },
	{ id: '79001234568@c.us', name: 'Boris', contactName: '', type: 'user' },
];

describe('Contact › Get Many', () => {
	it('gets getContacts and puts out one item per contact, up to the limit', async () => {
		const scope = nock(API_URL).get(apiPath('getContacts')).reply(200, CONTACTS);
		const items = await run({ operation: 'getAll', limit: 2 });
		expect(items.map((item) => item.json)).toEqual(CONTACTS.slice(0, 2));
		scope.done();
	});

	it('filters by type before the limit', async () => {
		nock(API_URL).get(apiPath('getContacts')).reply(200, CONTACTS);
		const items = await run({ operation: 'getAll', limit: 5, filters: { contactType: 'user' } });
		expect(items.map((item) => item.json.id)).toEqual(['79001234567@c.us', '79001234568@c.us']);
	});

	it('returns all groups with Return All', async () => {
		nock(API_URL).get(apiPath('getContacts')).reply(200, CONTACTS);
		const items = await run({ operation: 'getAll', returnAll: true, filters: { contactType: 'group' } });
		expect(items.map((item) => item.json.id)).toEqual(['120363043968066561@g.us']);
	});

	it('refuses a limit of 0 without a request', async () => {
		expect((await fail({ operation: 'getAll', limit: 0 })).message).toBe('Invalid Limit 0 in item 0: expected a whole number of at least 1');
	});
});

describe('Contact › Get', () => {
	it('posts {chatId} to getContactInfo, a phone number normalised', async () => {
		const info = { chatId: '79001234567@c.us', name: 'Anna', isArchive: false };
		const scope = nock(API_URL).post(apiPath('getContactInfo'), { chatId: '79001234567@c.us' }).reply(200, info);
		expect(await run({ operation: 'get', chatId: '+7 900 123 45 67' })).toEqual([{ json: info, pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('refuses something that is no chat id without a request', async () => {
		expect((await fail({ operation: 'get', chatId: 'anna' })).message).toMatch(/^Invalid Chat ID "anna" in item 0: expected a chat id/);
	});
});

describe('Contact › Check WhatsApp', () => {
	it('sends the phone number as an integer and puts out the chat id when it exists', async () => {
		const scope = nock(API_URL).post(apiPath('checkWhatsapp'), { phoneNumber: 79001234567 }).reply(200, { existsWhatsapp: true });
		expect((await run({ operation: 'checkWhatsapp', phoneNumber: '+7 (900) 123-45-67' }))[0].json).toEqual({
			phoneNumber: 79001234567,
			existsWhatsapp: true,
			chatId: '79001234567@c.us',
		});
		scope.done();
	});

	it('puts out no chat id when the number has no WhatsApp', async () => {
		nock(API_URL).post(apiPath('checkWhatsapp'), { phoneNumber: 4915112345678 }).reply(200, { existsWhatsapp: false });
		expect((await run({ operation: 'checkWhatsapp', phoneNumber: '004915112345678' }))[0].json).toEqual({
			phoneNumber: 4915112345678,
			existsWhatsapp: false,
		});
	});

	it('gives the quota error on HTTP 466', async () => {
		nock(API_URL)
			.post(apiPath('checkWhatsapp'))
			.reply(466, { invokeStatus: { status: 'QUOTE_ALLOWED_METHODS', description: 'quota exceeded' }, correspondentsStatus: {} });
		const error = await fail({ operation: 'checkWhatsapp', phoneNumber: '79001234567' });
		expect(error.httpCode).toBe('466');
		expect(error.description).toBe(
			"The instance's quota is used up (e.g. the tariff's limit of correspondents or calls): upgrade the tariff in the GREEN-API console or wait until the quota resets",
		);
	});

	it('refuses a number that is too short without a request', async () => {
		expect((await fail({ operation: 'checkWhatsapp', phoneNumber: '12-34' })).message).toBe(
			'Invalid Phone Number "12-34" in item 0: expected a phone number with country code, e.g. +7 900 123-45-67 or 79001234567',
		);
	});

	it("says in the field's description that the free plan has a small monthly quota", () => {
		expect(checkWhatsapp.properties[0].description).toMatch(/free plan allows only a small number of these checks per month/);
	});
});

describe('Contact › Get Avatar', () => {
	it('posts {chatId} to getAvatar and puts out the chat id beside the API answer', async () => {
		const scope = nock(API_URL)
			.post(apiPath('getAvatar'), { chatId: '120363043968066561@g.us' })
			.reply(200, { urlAvatar: 'https://pps.whatsapp.net/g.jpg', available: true });
		expect((await run({ operation: 'getAvatar', chatId: '120363043968066561@g.us' }))[0].json).toEqual({
			chatId: '120363043968066561@g.us',
			urlAvatar: 'https://pps.whatsapp.net/g.jpg',
			available: true,
		});
		scope.done();
	});

	it('shows a contact without a visible picture as available: false', async () => {
		nock(API_URL).post(apiPath('getAvatar')).reply(200, { urlAvatar: '', available: false });
		expect((await run({ operation: 'getAvatar', chatId: '79001234567' }))[0].json).toEqual({
			chatId: '79001234567@c.us',
			urlAvatar: '',
			available: false,
		});
	});
});
