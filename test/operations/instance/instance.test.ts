import nock from 'nock';

import { INSTANCE_STATE_MESSAGES } from '../../../credentials/GreenApi.credentials';
import { instance } from '../../../nodes/GreenApi/actions/instance/Instance.resource';
import { API_URL, apiPath, runNode, runNodeError, TOKEN } from '../../helpers/harness';

const run = async (parameters: Record<string, unknown>) => (await runNode({ parameters: { resource: 'instance', ...parameters } }))[0];
const fail = async (parameters: Record<string, unknown>) => await runNodeError({ parameters: { resource: 'instance', ...parameters } });

/** A 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
	'base64',
);

describe('Instance › Get State', () => {
	it('gets getStateInstance and says the instance is ready when authorized', async () => {
		const scope = nock(API_URL).get(apiPath('getStateInstance')).reply(200, { stateInstance: 'authorized' });
		expect(await run({ operation: 'getState' })).toEqual([
			{
				json: {
					stateInstance: 'authorized',
					authorized: true,
					advice: 'The instance is authorized (state "authorized"): it can send and receive messages',
				},
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});

	it.each(Object.entries(INSTANCE_STATE_MESSAGES))('gives the credential test\'s advice for "%s"', async (state, advice) => {
		nock(API_URL).get(apiPath('getStateInstance')).reply(200, { stateInstance: state });
		expect((await run({ operation: 'getState' }))[0].json).toEqual({ stateInstance: state, authorized: false, advice });
	});
});

describe('Instance › Get Settings', () => {
	it('gets getSettings and hides the webhook token', async () => {
		const settings = { wid: '79001230000@c.us', webhookUrl: 'https://n8n.example.com/webhook/x', webhookUrlToken: 's3cret-token', incomingWebhook: 'yes' };
		const scope = nock(API_URL).get(apiPath('getSettings')).reply(200, settings);
		expect((await run({ operation: 'getSettings' }))[0].json).toEqual({ ...settings, webhookUrlToken: '***' });
		scope.done();
	});
});

describe('Instance › Update Settings', () => {
	it('posts the chosen settings to setSettings, flags as "yes"/"no"', async () => {
		const scope = nock(API_URL)
			.post(apiPath('setSettings'), { incomingWebhook: 'yes', keepOnlineStatus: 'no', delaySendMessagesMilliseconds: 1000 })
			.reply(200, { saveSettings: true });
		const items = await run({
			operation: 'updateSettings',
			settings: { incomingWebhook: true, keepOnlineStatus: false, delaySendMessagesMilliseconds: 1000 },
		});
		expect(items[0].json).toEqual({ saveSettings: true, incomingWebhook: 'yes', keepOnlineStatus: 'no', delaySendMessagesMilliseconds: 1000 });
		scope.done();
	});

	it('warns that a trigger owns the webhook URL, and never puts out the webhook token', async () => {
		const scope = nock(API_URL)
			.post(apiPath('setSettings'), { webhookUrl: 'https://n8n.example.com/webhook/x', webhookUrlToken: 'tok-123' })
			.reply(200, { saveSettings: true });
		const items = await run({
			operation: 'updateSettings',
			settings: { webhookUrl: ' https://n8n.example.com/webhook/x ', webhookUrlToken: 'tok-123' },
		});
		expect(items[0].json).toEqual({
			saveSettings: true,
			webhookUrl: 'https://n8n.example.com/webhook/x',
			webhookUrlToken: '***',
			warning:
				'The webhook URL was changed. A GREEN-API Trigger with "Register Webhook" on sets this URL itself, and a GREEN-API Queue Trigger needs it empty: changing it here can stop such a trigger from receiving events.',
		});
		expect(JSON.stringify(items)).not.toContain('tok-123');
		scope.done();
	});

	it('says on the Webhook URL field who owns it', () => {
		const settings = instance.operations.find((op) => op.value === 'updateSettings')!.properties[0];
		const webhookUrl = settings.options!.find((option) => 'name' in option && option.name === 'webhookUrl') as { description: string };
		expect(webhookUrl.description).toMatch(/A GREEN-API Trigger with "Register Webhook" on sets this URL itself/);
	});

	it.each([
		[{}, 'Invalid Settings {} in item 0: expected at least one setting to change'],
		[{ webhookUrl: 'n8n.example.com' }, 'Invalid Webhook URL "n8n.example.com" in item 0: expected an http(s) URL such as https://n8n.example.com/webhook/greenapi, or nothing'],
		[{ delaySendMessagesMilliseconds: 100 }, 'Invalid Delay Between Messages (Ms) 100 in item 0: expected a whole number of milliseconds, at least 500'],
		[{ incomingWebhook: 'maybe' }, 'Invalid Incoming Message Notifications "maybe" in item 0: expected true or false'],
	])('refuses %o without a request', async (settings, message) => {
		expect((await fail({ operation: 'updateSettings', settings })).message).toBe(message);
	});

	it('fails the item on saveSettings: false', async () => {
		nock(API_URL).post(apiPath('setSettings')).reply(200, { saveSettings: false });
		expect((await fail({ operation: 'updateSettings', settings: { incomingWebhook: true } })).message).toBe('GREEN-API did not save the settings');
	});
});

describe('Instance › Get WhatsApp Settings', () => {
	it('gets getWaSettings', async () => {
		const answer = { avatar: '', phone: '79001230000', stateInstance: 'authorized', deviceId: 'd1' };
		const scope = nock(API_URL).get(apiPath('getWaSettings')).reply(200, answer);
		expect((await run({ operation: 'getWhatsappSettings' }))[0].json).toEqual(answer);
		scope.done();
	});
});

describe('Instance › Get QR Code', () => {
	it('puts the QR code into binary data as qr.png', async () => {
		const scope = nock(API_URL).get(apiPath('qr')).reply(200, { type: 'qrCode', message: PNG.toString('base64') });
		const [item] = await run({ operation: 'getQr' });
		expect(item.json).toEqual({ type: 'qrCode' });
		expect(item.binary?.data).toMatchObject({ fileName: 'qr.png', mimeType: 'image/png', fileExtension: 'png' });
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(PNG)).toBe(true);
		scope.done();
	});

	it('uses the output field the option names', async () => {
		nock(API_URL).get(apiPath('qr')).reply(200, { type: 'qrCode', message: PNG.toString('base64') });
		const [item] = await run({ operation: 'getQr', options: { binaryPropertyName: 'qr' } });
		expect(Object.keys(item.binary!)).toEqual(['qr']);
	});

	it('puts out the message alone when the instance is already authorized', async () => {
		nock(API_URL).get(apiPath('qr')).reply(200, { type: 'alreadyLogged', message: 'instance account already authorized' });
		const [item] = await run({ operation: 'getQr' });
		expect(item).toEqual({ json: { type: 'alreadyLogged', message: 'instance account already authorized' }, pairedItem: { item: 0 } });
	});

	it('fails the item on an error answer, or a QR code that is no PNG', async () => {
		nock(API_URL).get(apiPath('qr')).reply(200, { type: 'error', message: 'instance is starting' });
		expect((await fail({ operation: 'getQr' })).message).toBe('GREEN-API gave no QR code: instance is starting');
		nock(API_URL).get(apiPath('qr')).reply(200, { type: 'qrCode', message: 'bm90IGEgcG5n' });
		expect((await fail({ operation: 'getQr' })).message).toBe('GREEN-API gave no QR code (answer of type "qrCode")');
	});
});

describe('Instance › Get Authorization Code', () => {
	it('posts the phone number as an integer to getAuthorizationCode', async () => {
		const scope = nock(API_URL).post(apiPath('getAuthorizationCode'), { phoneNumber: 79001230000 }).reply(200, { status: true, code: 'ABCD1234' });
		expect((await run({ operation: 'getAuthorizationCode', phoneNumber: '+7 900 123-00-00' }))[0].json).toEqual({
			phoneNumber: 79001230000,
			code: 'ABCD1234',
		});
		scope.done();
	});

	it('fails the item on status: false', async () => {
		nock(API_URL).post(apiPath('getAuthorizationCode')).reply(200, { status: false, code: '' });
		expect((await fail({ operation: 'getAuthorizationCode', phoneNumber: '79001230000' })).message).toBe(
			'No authorization code was issued for 79001230000',
		);
	});
});

describe('Instance › Reboot and Log Out', () => {
	it('gets reboot', async () => {
		const scope = nock(API_URL).get(apiPath('reboot')).reply(200, { isReboot: true });
		expect((await run({ operation: 'reboot' }))[0].json).toEqual({ rebooted: true });
		scope.done();
	});

	it('gets logout, and fails the item on isLogout: false', async () => {
		const scope = nock(API_URL).get(apiPath('logout')).reply(200, { isLogout: true });
		expect((await run({ operation: 'logout' }))[0].json).toEqual({ loggedOut: true });
		scope.done();
		nock(API_URL).get(apiPath('logout')).reply(200, { isLogout: false });
		expect((await fail({ operation: 'logout' })).message).toBe('The instance was not logged out');
	});

	it('marks Log Out as destructive', () => {
		const logout = instance.operations.find((op) => op.value === 'logout')!;
		expect(logout.action).toBe('Log out the instance permanently');
		expect(logout.description).toMatch(/This cannot be undone/);
	});

	it('never shows the token in an error', async () => {
		nock(API_URL).get(apiPath('reboot')).reply(400, { message: `bad path /waInstance1/reboot/${TOKEN}` });
		const error = await fail({ operation: 'reboot' });
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain(TOKEN);
	});
});

describe('Instance operations', () => {
	it('leave updateApiToken out on purpose', () => {
		expect(instance.operations.map((op) => op.value)).not.toContain('updateApiToken');
	});
});
