import nock from 'nock';

import { API_URL, apiPath, TOKEN, WEBHOOK_SECRET, WEBHOOK_URL } from '../helpers/harness';
import { expectNoSecret } from '../helpers/secrets';
import { triggerWorkflow } from '../helpers/triggerHarness';

const FOREIGN_URL = 'https://crm.example.com/hooks/whatsapp?key=crm-secret';

const settings = (overrides: Record<string, unknown> = {}) => ({
	wid: '79990000000@c.us',
	webhookUrl: '',
	webhookUrlToken: '',
	incomingWebhook: 'no',
	outgoingWebhook: 'no',
	outgoingMessageWebhook: 'no',
	outgoingAPIMessageWebhook: 'yes',
	stateWebhook: 'no',
	incomingCallWebhook: 'no',
	deviceWebhook: 'no',
	incomingBlockWebhook: 'no',
	...overrides,
});

const registering = (extra: Record<string, unknown> = {}) =>
	triggerWorkflow({
		events: ['chat.archive', 'incomingMessageReceived', 'stateInstanceChanged'],
		authentication: 'bearerToken',
		registerWebhook: true,
		...extra,
	});

/** Replies to getSettings with `answer`, and records what setSettings receives. */
function instance(answer: Record<string, unknown>) {
	const saved: Array<Record<string, unknown>> = [];
	nock(API_URL).get(apiPath('getSettings')).reply(200, answer);
	const expectSave = () =>
		nock(API_URL)
			.post(apiPath('setSettings'), (body) => {
				saved.push(body);
				return true;
			})
			.reply(200, { saveSettings: true });
	return { saved, expectSave };
}

describe('self-registration', () => {
	it('on activation, keeps the previous settings and registers the URL, a fresh token and the needed flags', async () => {
		const trigger = registering();
		const api = instance(settings());
		api.expectSave();
		await expect(trigger.create()).resolves.toBe(true);
		expect(api.saved).toHaveLength(1);
		const [sent] = api.saved;
		expect(sent).toEqual({
			webhookUrl: WEBHOOK_URL,
			webhookUrlToken: expect.stringMatching(/^[0-9a-f]{64}$/),
			incomingWebhook: 'yes',
			stateWebhook: 'yes',
		});
		expect(trigger.staticData()).toEqual({
			webhookUrl: WEBHOOK_URL,
			webhookToken: sent.webhookUrlToken,
			previous: {
				webhookUrl: '',
				webhookUrlToken: '',
				incomingWebhook: 'no',
				outgoingWebhook: 'no',
				outgoingMessageWebhook: 'no',
				outgoingAPIMessageWebhook: 'yes',
				stateWebhook: 'no',
				incomingCallWebhook: 'no',
				deviceWebhook: 'no',
				incomingBlockWebhook: 'no',
			},
		});
	});

	it('then accepts the token it generated, and not the credential secret', async () => {
		const trigger = registering();
		const api = instance(settings());
		api.expectSave();
		await trigger.create();
		const token = api.saved[0].webhookUrlToken as string;
		const body = { typeWebhook: 'stateInstanceChanged', instanceData: { idInstance: 1 }, timestamp: 1, stateInstance: 'authorized' };
		expect((await trigger.post(body, { authorization: `Bearer ${token}` })).items).toHaveLength(1);
		expect((await trigger.post(body, { authorization: `Bearer ${WEBHOOK_SECRET}` })).status).toBe(401);
		expectNoSecret((await trigger.post(body, { authorization: `Bearer ${token}` })).items, token);
	});

	it('generates a different token on every activation', async () => {
		const first = registering();
		const api1 = instance(settings());
		api1.expectSave();
		await first.create();
		const second = registering();
		const api2 = instance(settings());
		api2.expectSave();
		await second.create();
		expect(api1.saved[0].webhookUrlToken).not.toEqual(api2.saved[0].webhookUrlToken);
	});

	it('refuses to take over a webhook URL that another system registered, naming it, and changes nothing', async () => {
		const trigger = registering();
		instance(settings({ webhookUrl: FOREIGN_URL, webhookUrlToken: 'crm-token' }));
		const error = (await trigger.create().catch((caught: unknown) => caught)) as Error & { description: string };
		expect(error.message).toBe('This GREEN-API instance already sends its webhooks to https://crm.example.com/hooks/whatsapp');
		expect(error.description).toMatch(/^GREEN-API allows one webhook URL per instance\. Turn on "Replace Existing Webhook"/);
		expect(trigger.staticData()).toEqual({});
		expectNoSecret(error, 'crm-secret');
		expectNoSecret(error, TOKEN);
	});

	it('replaces a foreign URL when asked, and restores it on deactivation', async () => {
		const trigger = registering({ replaceExistingWebhook: true });
		const activation = instance(settings({ webhookUrl: FOREIGN_URL, webhookUrlToken: 'crm-token', incomingWebhook: 'yes' }));
		activation.expectSave();
		await trigger.create();
		expect(activation.saved[0]).toMatchObject({ webhookUrl: WEBHOOK_URL });
		const token = activation.saved[0].webhookUrlToken;

		const deactivation = instance(settings({ webhookUrl: WEBHOOK_URL, webhookUrlToken: token, incomingWebhook: 'yes', stateWebhook: 'yes' }));
		deactivation.expectSave();
		await expect(trigger.delete()).resolves.toBe(true);
		expect(deactivation.saved).toEqual([
			{
				webhookUrl: FOREIGN_URL,
				webhookUrlToken: 'crm-token',
				incomingWebhook: 'yes',
				outgoingWebhook: 'no',
				outgoingMessageWebhook: 'no',
				outgoingAPIMessageWebhook: 'yes',
				stateWebhook: 'no',
				incomingCallWebhook: 'no',
				deviceWebhook: 'no',
				incomingBlockWebhook: 'no',
			},
		]);
		expect(trigger.staticData()).toEqual({});
	});

	it('on deactivation, leaves the instance alone when it no longer points at this workflow', async () => {
		const trigger = registering();
		const activation = instance(settings());
		activation.expectSave();
		await trigger.create();
		instance(settings({ webhookUrl: 'https://other.example.com/new' }));
		await expect(trigger.delete()).resolves.toBe(true);
		expect(trigger.staticData()).toEqual({});
	});

	it('keeps the first previous settings when re-activated over its own registration', async () => {
		const trigger = registering();
		const first = instance(settings({ webhookUrl: '' }));
		first.expectSave();
		await trigger.create();
		const token = first.saved[0].webhookUrlToken;
		const again = instance(settings({ webhookUrl: WEBHOOK_URL, webhookUrlToken: token }));
		again.expectSave();
		await trigger.create();
		expect(trigger.staticData().previous).toMatchObject({ webhookUrl: '', webhookUrlToken: '' });
	});

	it('exists only when both the URL and the token are ours', async () => {
		const trigger = registering();
		await expect(trigger.checkExists()).resolves.toBe(false);
		const api = instance(settings());
		api.expectSave();
		await trigger.create();
		const token = api.saved[0].webhookUrlToken;
		instance(settings({ webhookUrl: WEBHOOK_URL, webhookUrlToken: token }));
		await expect(trigger.checkExists()).resolves.toBe(true);
		instance(settings({ webhookUrl: WEBHOOK_URL, webhookUrlToken: 'someone-elses' }));
		await expect(trigger.checkExists()).resolves.toBe(false);
		instance(settings({ webhookUrl: FOREIGN_URL, webhookUrlToken: token }));
		await expect(trigger.checkExists()).resolves.toBe(false);
	});

	it('fails activation when GREEN-API does not save the settings', async () => {
		const trigger = registering();
		instance(settings());
		nock(API_URL).post(apiPath('setSettings')).reply(200, { saveSettings: false });
		await expect(trigger.create()).rejects.toThrow('GREEN-API did not save the webhook settings');
	});

	it('says at activation that the API token is wrong and where to fix it (HTTP 401), without the token', async () => {
		const trigger = registering();
		nock(API_URL).get(apiPath('getSettings')).reply(401, `Unauthorized ${TOKEN}`);
		const error = await trigger.create().catch((caught: unknown) => caught);
		expect((error as Error).message).toBe(
			'GREEN-API refused the API token (HTTP 401): apiTokenInstance in the GREEN-API credential is wrong; copy it from the GREEN-API console',
		);
		expectNoSecret(error, TOKEN);
	});

	it('says at activation that the instance id or host is wrong (HTTP 403)', async () => {
		const trigger = registering();
		nock(API_URL).get(apiPath('getSettings')).reply(403, 'Forbidden');
		await expect(trigger.create()).rejects.toThrow(
			'GREEN-API refused the instance (HTTP 403): idInstance or apiUrl in the GREEN-API credential is wrong; check both against the GREEN-API console',
		);
	});

	it('turns on outgoingCallWebhook for the Outgoing Call event', async () => {
		const trigger = triggerWorkflow({ events: ['outgoingCall'], authentication: 'bearerToken', registerWebhook: true });
		const api = instance(settings({ outgoingCallWebhook: 'no' }));
		api.expectSave();
		await trigger.create();
		expect(api.saved[0]).toEqual({ webhookUrl: WEBHOOK_URL, webhookUrlToken: expect.any(String), outgoingCallWebhook: 'yes' });
		expect((trigger.staticData().previous as Record<string, unknown>).outgoingCallWebhook).toBe('no');
	});

	it('does nothing with registration off', async () => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'bearerToken', registerWebhook: false });
		await expect(trigger.checkExists()).resolves.toBe(true);
		await expect(trigger.create()).resolves.toBe(true);
		await expect(trigger.delete()).resolves.toBe(true);
	});
});
