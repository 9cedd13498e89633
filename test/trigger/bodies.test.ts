import { MAX_BODY_BYTES, MAX_BODY_DEPTH, nestingDepth } from '../../nodes/GreenApi/trigger/body';
import { WEBHOOK_SECRET } from '../helpers/harness';
import { triggerWorkflow } from '../helpers/triggerHarness';

const event = (extra: Record<string, unknown> = {}) => ({
	typeWebhook: 'incomingMessageReceived',
	instanceData: { idInstance: 1101000001, wid: '79990000000@c.us', typeInstance: 'whatsapp' },
	timestamp: 1731000000,
	idMessage: 'B1',
	senderData: { chatId: '79001234567@c.us', sender: '79001234567@c.us' },
	...extra,
});
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const open = () => triggerWorkflow({ events: ['incomingMessageReceived'], authentication: 'none' });

describe('GREEN-API Trigger: hostile bodies', () => {
	it.each(['none', 'bearerToken'])('answers 400 (not 500) to a body nested 20,000 levels deep, Verification %s', async (authentication) => {
		const trigger = triggerWorkflow({ events: ['incomingMessageReceived'], authentication, registerWebhook: false });
		const body = JSON.stringify(event({ messageData: JSON.parse('{"a":1}') })).replace('"a":1', `"a":${nested(20_000)}`);
		const delivery = await trigger.post(body, { authorization: `Bearer ${WEBHOOK_SECRET}` });
		expect({ status: delivery.status, sent: delivery.sent, items: delivery.items }).toEqual({
			status: 400,
			sent: { message: `The body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels` },
			items: [],
		});
	});

	it(`accepts a body nested ${MAX_BODY_DEPTH} levels deep`, async () => {
		const deep = JSON.parse(`{"v":${nested(MAX_BODY_DEPTH - 2)}}`);
		const delivery = await open().post(event({ deep }));
		expect(delivery.items).toHaveLength(1);
	});

	it('does not count brackets inside strings, escaped quotes included', () => {
		expect(nestingDepth(Buffer.from(JSON.stringify({ text: `[{"\\"${'['.repeat(500)}` })))).toBe(1);
		expect(nestingDepth(Buffer.from('{"a":[{"b":[]}]}'))).toBe(4);
	});

	it(`answers 413 to a body over ${MAX_BODY_BYTES / 1024 / 1024} MB, before verifying or hashing it`, async () => {
		const big = JSON.stringify(event({ padding: 'x'.repeat(MAX_BODY_BYTES) }));
		const delivery = await triggerWorkflow({ events: ['incomingMessageReceived'], authentication: 'hmac' }).post(big);
		expect({ status: delivery.status, sent: delivery.sent }).toEqual({ status: 413, sent: { message: 'The body is larger than 4 MB' } });
	});

	it('answers 413 from Content-Length alone, without reading the body', async () => {
		const delivery = await open().post(event(), { 'content-length': String(MAX_BODY_BYTES + 1) }, { unread: true });
		expect(delivery.status).toBe(413);
	});

	it.each([
		['not JSON', '{"typeWebhook": ', 'The body must be a JSON object'],
		['an array', '[1,2]', 'The body must be a JSON object'],
		['null', 'null', 'The body must be a JSON object'],
		['empty', '', 'The body must be a JSON object'],
		['in neither envelope', '{"hello":"world"}', 'The body is neither a GREEN-API nor a WAHA webhook'],
		['with a non-string type', '{"typeWebhook":{"x":1}}', 'The body is neither a GREEN-API nor a WAHA webhook'],
	])('answers 400 to a body that is %s', async (_label, body, message) => {
		const delivery = await open().post(body);
		expect({ status: delivery.status, sent: delivery.sent, items: delivery.items }).toEqual({ status: 400, sent: { message }, items: [] });
	});
});

describe('GREEN-API Trigger: what n8n answers', () => {
	it('answers an event that starts the workflow with a small JSON, not the literal "firstEntryJson"', async () => {
		const delivery = await open().post(event());
		expect(delivery.items).toHaveLength(1);
		expect(delivery.result.webhookResponse).toEqual({ message: 'Event received' });
	});
});
