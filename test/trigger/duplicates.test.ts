import { REMEMBER_MS, STORE_ATTEMPTS, STORE_ENTRIES } from '../../nodes/GreenApi/trigger/repeats';
import { captureLogs, failStore, storeCalls, triggerWorkflow } from '../helpers/triggerHarness';
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

describe("GREEN-API Trigger: n8n's deduplication store under concurrent executions and failures", () => {
	const events = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => status(`${prefix}${index}`, 'read'));
	const runAll = async (workflow: ReturnType<typeof webhook>, bodies: object[]) =>
		await Promise.all(bodies.map(async (body) => await workflow.execute([{ body }])));

	it('runs and records every event when 20 executions of one trigger reach the store at once', async () => {
		const workflow = webhook();
		const bodies = events('C', 20);
		// n8n's store: the first two both find no row and both insert; each later one rewrites the list it read
		const first = await runAll(workflow, bodies);
		expect(first).toEqual(bodies.map((body) => [{ body }]));
		// another process (or after a restart): every one of the 20 is known, none runs again
		const again = await runAll(workflow.restart(), bodies);
		expect(again).toEqual(bodies.map(() => []));
	});

	it('records the executions that arrive during a store call together in the next one', async () => {
		const workflow = webhook();
		const bodies = events('B', 20);
		expect(await runAll(workflow, bodies)).toEqual(bodies.map((body) => [{ body }]));
		// the first alone, the 19 that came while it was under way in one more: the store's speed bounds the calls
		expect(storeCalls()).toBe(2);
	});

	it('runs an event once when two executions of it reach the store at the same moment in one process', async () => {
		const workflow = webhook();
		const body = status('S1', 'read');
		const [first, second, third] = await runAll(workflow, [status('S0', 'read'), body, body]);
		expect(first).toHaveLength(1);
		expect([second, third]).toEqual([[{ body }], []]);
	});

	it('passes an event whose first try at the store failed, and records it on the next', async () => {
		const workflow = webhook();
		failStore(1);
		const items = [{ body: status('F1', 'read') }];
		expect(await workflow.execute(items)).toEqual(items);
		expect(await workflow.restart().execute(items)).toEqual([]);
	});

	it(`runs the event, with a warning saying why, when the store fails ${STORE_ATTEMPTS} times`, async () => {
		const workflow = webhook();
		const logs = captureLogs();
		try {
			failStore(STORE_ATTEMPTS);
			const items = [{ body: status('F2', 'read') }];
			expect(await workflow.execute(items)).toEqual(items);
			expect(logs.lines).toEqual([
				"warn: GREEN-API Trigger could not record the event in n8n's deduplication store (Connection terminated unexpectedly); it runs without the repeat check",
			]);
			// nothing was recorded: a repeat runs again (at least once, never lost)
			expect(await workflow.restart().execute(items)).toEqual(items);
		} finally {
			logs.stop();
		}
	});
});
