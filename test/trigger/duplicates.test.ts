import { PERSISTED_COUNT, REMEMBER_MS } from '../../nodes/GreenApi/trigger/identity';
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
	it('recognises an event accepted before n8n restarted (kept in the static data n8n saves)', async () => {
		const before = webhook();
		expect((await before.post(status('R1', 'read'))).items).toHaveLength(1);
		const after = before.restart();
		expect((await after.post(status('R1', 'read'))).result.webhookResponse).toEqual({
			message: 'Event received before; not started again',
		});
		expect((await after.post(status('R2', 'read'))).items).toHaveLength(1);
	});

	it(`keeps the latest ${PERSISTED_COUNT} accepted events across restarts, and forgets older ones`, async () => {
		let workflow = webhook();
		for (let index = 0; index <= PERSISTED_COUNT; index++) {
			expect((await workflow.post(status(`P${index}`, 'sent'))).items).toHaveLength(1);
		}
		workflow = workflow.restart();
		expect((await workflow.post(status(`P${PERSISTED_COUNT}`, 'sent'))).items).toHaveLength(0);
		expect((await workflow.post(status('P1', 'sent'))).items).toHaveLength(0);
		// the first of PERSISTED_COUNT + 1 is no longer kept
		expect((await workflow.post(status('P0', 'sent'))).items).toHaveLength(1);
		expect(JSON.stringify(workflow.staticData()).length).toBeLessThan(PERSISTED_COUNT * 40);
	});

	it('forgets after a restart what is older than 24 hours', async () => {
		virtualClock().time = 5_000;
		const before = webhook();
		expect((await before.post(status('R3', 'read'))).items).toHaveLength(1);
		virtualClock().time = 5_000 + REMEMBER_MS;
		expect((await before.restart().post(status('R3', 'read'))).items).toHaveLength(1);
	});

	it('a filtered or refused request records nothing', async () => {
		const workflow = triggerWorkflow({ events: ['incomingMessageReceived'], authentication: 'none' });
		await workflow.post(status('R4', 'read'));
		await workflow.post('{"typeWebhook": ');
		expect(workflow.staticData()).toEqual({});
	});
});
