import { REMEMBER_MS, STORE_ENTRIES } from '../../nodes/GreenApi/trigger/identity';
import { triggerWorkflow } from '../helpers/triggerHarness';
import { virtualClock } from '../helpers/virtualClock';

const status = (idMessage: string, state: string, timestamp = 1731000000) => ({
	typeWebhook: 'outgoingMessageStatus',
	instanceData: { idInstance: 1101000001, wid: '79990000000@c.us', typeInstance: 'whatsapp' },
	timestamp,
	chatId: '79001234567@c.us',
	idMessage,
	status: state,
});

const webhook = () =>
	triggerWorkflow({ events: ['outgoingMessageStatus'], authentication: 'none' });

describe('GREEN-API Trigger: a webhook GREEN-API sends again', () => {
	it('starts one execution for an event delivered twice, and answers the re-delivery 200', async () => {
		const workflow = webhook();
		const first = await workflow.post(status('M1', 'delivered'));
		const again = await workflow.post(status('M1', 'delivered'));
		expect(first.items).toHaveLength(1);
		expect(again).toEqual({
			result: { webhookResponse: { message: 'Event received before; not started again' } },
			status: undefined,
			sent: undefined,
			items: [],
		});
	});

	it('recognises the same event whatever the order of its JSON keys', async () => {
		const workflow = webhook();
		const body = status('M2', 'read');
		const reordered = Object.fromEntries(Object.entries(body).reverse());
		expect((await workflow.post(body)).items).toHaveLength(1);
		expect((await workflow.post(reordered)).items).toHaveLength(0);
	});

	it('starts different events: another status of the same message, or another time', async () => {
		const workflow = webhook();
		expect((await workflow.post(status('M3', 'sent'))).items).toHaveLength(1);
		expect((await workflow.post(status('M3', 'delivered'))).items).toHaveLength(1);
		expect((await workflow.post(status('M3', 'delivered', 1731000001))).items).toHaveLength(1);
	});

	it('forgets an event after 24 hours (GREEN-API stops re-sending by then)', async () => {
		const workflow = webhook();
		virtualClock().time = 1_000;
		expect((await workflow.post(status('M4', 'read'))).items).toHaveLength(1);
		virtualClock().time = 1_000 + REMEMBER_MS - 1;
		expect((await workflow.post(status('M4', 'read'))).items).toHaveLength(0);
		virtualClock().time = 1_000 + 2 * REMEMBER_MS;
		expect((await workflow.post(status('M4', 'read'))).items).toHaveLength(1);
	});
});

describe('GREEN-API Trigger: a repeat after a restart or in another process', () => {
	it('runs an event once: a repeat n8n no longer remembers starts an execution that ends at the trigger with no items', async () => {
		const before = webhook();
		const first = await before.receive(status('R1', 'read'));
		expect(first.ran).toEqual(first.delivery.items);
		expect(first.ran).toHaveLength(1);
		// the same process: no execution at all
		expect((await before.receive(status('R1', 'read'))).ran).toBeUndefined();

		const after = before.restart();
		const repeat = await after.receive(status('R1', 'read'));
		expect(repeat.delivery.items).toHaveLength(1); // this process did not know it: an execution starts
		expect(repeat.ran).toEqual([]); // and runs nothing after the trigger
		const next = await after.receive(status('R2', 'read'));
		expect(next.ran).toHaveLength(1);
	});

	it(`keeps the latest ${STORE_ENTRIES} events in n8n's deduplication store, and forgets older ones`, async () => {
		const workflow = webhook();
		for (let index = 0; index <= STORE_ENTRIES; index++) await workflow.execute([{ body: status(`P${index}`, 'sent') }]);
		const restarted = workflow.restart();
		expect((await restarted.receive(status(`P${STORE_ENTRIES}`, 'sent'))).ran).toEqual([]);
		expect((await restarted.receive(status('P1', 'sent'))).ran).toEqual([]);
		// the first of STORE_ENTRIES + 1 is no longer kept
		expect((await restarted.receive(status('P0', 'sent'))).ran).toHaveLength(1);
	});

	it('passes every event and records none in a manual (test) execution or a retry', async () => {
		const workflow = webhook();
		const items = [{ body: status('T1', 'read') }];
		expect(await workflow.execute(items, 'manual')).toEqual(items);
		expect(await workflow.execute(items, 'manual')).toEqual(items);
		expect(await workflow.execute(items, 'retry')).toEqual(items);
		expect(await workflow.execute(items)).toEqual(items);
		expect(await workflow.execute(items)).toEqual([]);
	});
});
