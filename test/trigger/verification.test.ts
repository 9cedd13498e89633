import { createHmac } from 'crypto';

import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GreenApiTrigger, SECRET_REUSE_MS } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { MAX_CLOCK_SKEW_MS } from '../../nodes/GreenApi/trigger/verification';
import { CREDENTIALS_BY_TYPE, WEBHOOK_SECRET } from '../helpers/harness';
import { expectNoSecret } from '../helpers/secrets';
import { captureLogs, triggerWorkflow } from '../helpers/triggerHarness';
import { virtualClock } from '../helpers/virtualClock';

const wahaBody = JSON.stringify({
	event: 'chat.archive',
	session: 'default',
	payload: { id: '79001234567@c.us', timestamp: 1667561485, archived: true },
});
const greenApiBody = {
	typeWebhook: 'stateInstanceChanged',
	instanceData: { idInstance: 1101000001, wid: '79990000000@c.us', typeInstance: 'whatsapp' },
	timestamp: 1731000000,
	stateInstance: 'authorized',
};

const sign = (body: string, key = WEBHOOK_SECRET) => createHmac('sha512', key).update(body).digest('hex');
const NOW = 1_731_000_000_000;

describe('bearer token verification', () => {
	const trigger = () =>
		triggerWorkflow({ events: ['stateInstanceChanged'], authentication: 'bearerToken', registerWebhook: false });

	it('accepts the token from the credential', async () => {
		const delivery = await trigger().post(greenApiBody, { authorization: `Bearer ${WEBHOOK_SECRET}` });
		expect(delivery.items).toHaveLength(1);
		expectNoSecret(delivery.items, WEBHOOK_SECRET);
	});

	it.each([
		['missing', undefined],
		['wrong', 'Bearer webhook-shared-secret-0123456789abcdeX'],
		['of another length', 'Bearer short'],
		['the token without "Bearer"', WEBHOOK_SECRET],
		['another scheme', `Basic ${WEBHOOK_SECRET}`],
		['with a trailing extra', `Bearer ${WEBHOOK_SECRET} extra`],
	])('answers 401 to a token that is %s and starts nothing', async (_label, header) => {
		const delivery = await trigger().post(greenApiBody, header === undefined ? {} : { authorization: header });
		expect({ status: delivery.status, sent: delivery.sent, items: delivery.items }).toEqual({
			status: 401,
			sent: { message: 'Missing or wrong bearer token' },
			items: [],
		});
		expect(delivery.result).toEqual({ noWebhookResponse: true });
	});

	it('verifies before reading the body: a bad body with a wrong token gets 401, not 400', async () => {
		const delivery = await trigger().post('not json', { authorization: 'Bearer nope' });
		expect(delivery.status).toBe(401);
	});
});

describe('HMAC verification (WAHA)', () => {
	const trigger = () => triggerWorkflow({ events: ['chat.archive'], authentication: 'hmac' });
	const headers = (overrides: Record<string, string> = {}) => ({
		'x-webhook-hmac': sign(wahaBody),
		'x-webhook-hmac-algorithm': 'sha512',
		'x-webhook-timestamp': String(NOW - 1000),
		...overrides,
	});

	beforeEach(() => {
		virtualClock().time = NOW;
	});

	it('accepts a body signed with the key over its raw bytes', async () => {
		const delivery = await trigger().post(wahaBody, headers());
		expect(delivery.items).toHaveLength(1);
	});

	it('verifies the raw bytes, not re-serialised JSON', async () => {
		const spaced = wahaBody.replace(/,/g, ', ');
		const delivery = await trigger().post(spaced, headers({ 'x-webhook-hmac': sign(spaced) }));
		expect(delivery.items).toHaveLength(1);
	});

	it('reads the body itself when n8n has not (a content type n8n does not parse)', async () => {
		const delivery = await trigger().post(wahaBody, headers({ 'content-type': 'application/octet-stream' }), { unread: true });
		expect({ status: delivery.status, archived: delivery.items.map((item) => item.archived) }).toEqual({
			status: undefined,
			archived: [true],
		});
	});

	it('refuses a signed request without a timestamp: WAHA signs only the body, so it could be a replay', async () => {
		const delivery = await trigger().post(wahaBody, { 'x-webhook-hmac': sign(wahaBody) });
		expect({ status: delivery.status, sent: delivery.sent, items: delivery.items }).toEqual({
			status: 401,
			sent: {
				message:
					'Signature rejected: no X-Webhook-Timestamp (turn on "Accept Signatures Without Timestamp" for a WAHA that sends none)',
			},
			items: [],
		});
	});

	it('accepts a signed request without a timestamp only with "Accept Signatures Without Timestamp"', async () => {
		const lenient = triggerWorkflow({ events: ['chat.archive'], authentication: 'hmac', allowMissingTimestamp: true });
		const delivery = await lenient.post(wahaBody, { 'x-webhook-hmac': sign(wahaBody) });
		expect(delivery.items).toHaveLength(1);
		// the option does not loosen anything else: an old timestamp is still refused
		const old = await lenient.post(wahaBody, headers({ 'x-webhook-timestamp': String(NOW - 5 * 60 * 1000 - 1) }));
		expect(old.status).toBe(401);
	});

	it('accepts a timestamp up to a minute ahead of n8n\'s clock', async () => {
		const delivery = await trigger().post(wahaBody, headers({ 'x-webhook-timestamp': String(NOW + MAX_CLOCK_SKEW_MS) }));
		expect(delivery.items).toHaveLength(1);
	});

	it.each([
		['missing', { 'x-webhook-hmac': '' }, 'missing or malformed X-Webhook-Hmac'],
		['wrong', { 'x-webhook-hmac': sign(wahaBody, 'another key') }, 'X-Webhook-Hmac does not match the body'],
		['of another length', { 'x-webhook-hmac': sign(wahaBody).slice(0, 64) }, 'missing or malformed X-Webhook-Hmac'],
		['for another algorithm', { 'x-webhook-hmac-algorithm': 'sha256' }, 'unsupported X-Webhook-Hmac-Algorithm'],
		['older than five minutes', { 'x-webhook-timestamp': String(NOW - 5 * 60 * 1000 - 1) }, 'X-Webhook-Timestamp is older than five minutes'],
		['not a time', { 'x-webhook-timestamp': 'yesterday' }, 'X-Webhook-Timestamp is older than five minutes'],
		['more than a minute ahead', { 'x-webhook-timestamp': String(NOW + MAX_CLOCK_SKEW_MS + 1) }, 'X-Webhook-Timestamp is more than a minute in the future'],
		['ten years ahead', { 'x-webhook-timestamp': String(NOW + 10 * 365 * 24 * 3600 * 1000) }, 'X-Webhook-Timestamp is more than a minute in the future'],
	])('answers 401 to a signature that is %s', async (_label, overrides, reason) => {
		const delivery = await trigger().post(wahaBody, headers(overrides));
		expect({ status: delivery.status, sent: delivery.sent, items: delivery.items }).toEqual({
			status: 401,
			sent: { message: `Signature rejected: ${reason}` },
			items: [],
		});
	});

	it('answers 401 to a tampered body', async () => {
		const tampered = wahaBody.replace('"archived":true', '"archived":false');
		const delivery = await trigger().post(tampered, headers());
		expect(delivery.status).toBe(401);
		expect(delivery.items).toEqual([]);
	});

	describe('when the key in the credential changes', () => {
		const NEW_KEY = 'a-rotated-webhook-key-fedcba9876543210';
		afterEach(() => {
			CREDENTIALS_BY_TYPE.greenApiWebhookApi = { secret: WEBHOOK_SECRET };
		});

		it('accepts the new key at once, and the old one no longer once the new one has been read', async () => {
			const workflow = trigger();
			expect((await workflow.post(wahaBody, headers())).items).toHaveLength(1); // reads the old key
			CREDENTIALS_BY_TYPE.greenApiWebhookApi = { secret: NEW_KEY };

			const signedWith = async (key: string) => (await workflow.post(wahaBody, headers({ 'x-webhook-hmac': sign(wahaBody, key) }))).status;
			expect(await signedWith(NEW_KEY)).toBeUndefined(); // accepted: the credential is read again
			expect(await signedWith(WEBHOOK_SECRET)).toBe(401);
			expect(await signedWith(NEW_KEY)).toBeUndefined();
		});

		it('keeps accepting the old key until SECRET_REUSE_MS has passed', async () => {
			const workflow = trigger();
			expect((await workflow.post(wahaBody, headers())).items).toHaveLength(1);
			CREDENTIALS_BY_TYPE.greenApiWebhookApi = { secret: NEW_KEY };
			virtualClock().time = NOW + SECRET_REUSE_MS - 1;
			// verified (no 401); the same event again starts nothing
			const again = await workflow.post(wahaBody, headers());
			expect([again.status, again.result.webhookResponse]).toEqual([undefined, { message: 'Event received before; not started again' }]);
			virtualClock().time = NOW + SECRET_REUSE_MS;
			expect((await workflow.post(wahaBody, headers())).status).toBe(401);
		});
	});

	it('keeps the key out of every answer', async () => {
		const refused = await trigger().post(wahaBody, headers({ 'x-webhook-hmac': sign(wahaBody, 'x') }));
		const accepted = await trigger().post(wahaBody, headers());
		expectNoSecret([refused, accepted], WEBHOOK_SECRET);
	});
});

describe('a Verification value the node does not know', () => {
	const signedHeaders = () => ({
		authorization: `Bearer ${WEBHOOK_SECRET}`,
		'x-webhook-hmac': sign(wahaBody),
		'x-webhook-timestamp': String(NOW),
	});
	beforeEach(() => {
		virtualClock().time = NOW;
	});

	it.each([
		['"bearer" (the old example)', 'bearer'],
		['empty', ''],
		['another case', 'BearerToken'],
		['not text', 42],
	])('refuses every request (401) when it is %s, with or without credentials, and says why in the log', async (_label, value) => {
		const logs = captureLogs();
		try {
			const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: value });
			const shown = typeof value === 'string' ? `"${value}"` : String(value);
			const message = `Unknown Verification ${shown}: every request is refused. Open the trigger and choose Bearer Token, HMAC Signature or None.`;
			const attempts: Array<Record<string, string>> = [{}, signedHeaders(), { authorization: 'Bearer wrong' }];
			for (const headers of attempts) {
				const delivery = await trigger.post(wahaBody, headers);
				expect({ status: delivery.status, sent: delivery.sent, items: delivery.items }).toEqual({ status: 401, sent: { message }, items: [] });
			}
			expect(logs.lines).toEqual(Array(3).fill(`error: GREEN-API Trigger refused a webhook (401): ${message}`));
		} finally {
			logs.stop();
		}
	});

	it('shows a notice in the panel while the value is unknown, and none for a known value', () => {
		const { description } = new GreenApiTrigger();
		const notice = description.properties.find((property) => property.name === 'unknownVerificationNotice')!;
		const shown = (authentication: unknown) =>
			NodeHelpers.displayParameter({ authentication } as INodeParameters, notice, { typeVersion: 1.2 }, description);
		expect(['bearer', '', 'BearerToken'].map(shown)).toEqual([true, true, true]);
		expect(['bearerToken', 'hmac', 'none'].map(shown)).toEqual([false, false, false]);
	});

	it('refuses with the default (Bearer Token) when the value is missing: an unsigned request gets 401', async () => {
		const delivery = await triggerWorkflow({ events: ['chat.archive'], registerWebhook: false }).post(wahaBody);
		expect([delivery.status, delivery.sent]).toEqual([401, { message: 'Missing or wrong bearer token' }]);
	});
});

describe('no verification', () => {
	it('accepts any request', async () => {
		const delivery = await triggerWorkflow({ events: ['chat.archive'], authentication: 'none' }).post(wahaBody);
		expect(delivery.items).toHaveLength(1);
	});
});
