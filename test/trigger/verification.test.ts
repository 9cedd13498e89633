import { createHmac } from 'crypto';

import { SECRET_REUSE_MS } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { CREDENTIALS_BY_TYPE, WEBHOOK_SECRET } from '../helpers/harness';
import { expectNoSecret } from '../helpers/secrets';
import { triggerWorkflow } from '../helpers/triggerHarness';
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

	it('accepts a signed request without a timestamp', async () => {
		const delivery = await trigger().post(wahaBody, { 'x-webhook-hmac': sign(wahaBody) });
		expect(delivery.items).toHaveLength(1);
	});

	it.each([
		['missing', { 'x-webhook-hmac': '' }, 'missing or malformed X-Webhook-Hmac'],
		['wrong', { 'x-webhook-hmac': sign(wahaBody, 'another key') }, 'X-Webhook-Hmac does not match the body'],
		['of another length', { 'x-webhook-hmac': sign(wahaBody).slice(0, 64) }, 'missing or malformed X-Webhook-Hmac'],
		['for another algorithm', { 'x-webhook-hmac-algorithm': 'sha256' }, 'unsupported X-Webhook-Hmac-Algorithm'],
		['older than five minutes', { 'x-webhook-timestamp': String(NOW - 5 * 60 * 1000 - 1) }, 'X-Webhook-Timestamp is older than five minutes'],
		['not a time', { 'x-webhook-timestamp': 'yesterday' }, 'X-Webhook-Timestamp is older than five minutes'],
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

describe('no verification', () => {
	it('accepts any request', async () => {
		const delivery = await triggerWorkflow({ events: ['chat.archive'], authentication: 'none' }).post(wahaBody);
		expect(delivery.items).toHaveLength(1);
	});
});
