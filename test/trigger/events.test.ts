import { triggerWorkflow } from '../helpers/triggerHarness';

const ALL_EVENTS = [
	'chat.archive',
	'incomingMessageReceived',
	'outgoingMessageReceived',
	'outgoingAPIMessageReceived',
	'outgoingMessageStatus',
	'stateInstanceChanged',
	'statusInstanceChanged',
	'incomingCall',
	'outgoingCall',
	'incomingBlock',
	'quotaExceeded',
	'deviceInfo',
];

const instanceData = { idInstance: 1101000001, wid: '79990000000@c.us', typeInstance: 'whatsapp' };
const senderData = { chatId: '79001234567@c.us', sender: '79001234567@c.us', chatName: 'Jane', senderName: 'Jane' };

/** One GREEN-API body per typeWebhook, and the normalised fields each must give. */
const GREEN_API_EVENTS: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
	['incomingMessageReceived', { idMessage: 'A1', senderData, messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'hi' } } }, { chatId: '79001234567@c.us' }],
	['outgoingMessageReceived', { idMessage: 'A2', senderData: { ...senderData, chatId: '120363043968066561@g.us' }, messageData: { typeMessage: 'textMessage' } }, { chatId: '120363043968066561@g.us' }],
	['outgoingAPIMessageReceived', { idMessage: 'A3', senderData, messageData: { typeMessage: 'textMessage' } }, { chatId: '79001234567@c.us' }],
	['outgoingMessageStatus', { chatId: '79001234567@c.us', idMessage: 'A4', status: 'read', sendByApi: true }, { chatId: '79001234567@c.us' }],
	['stateInstanceChanged', { stateInstance: 'authorized' }, {}],
	['statusInstanceChanged', { statusInstance: 'online' }, {}],
	['incomingCall', { from: '79001234567@c.us', status: 'offer', idMessage: 'C1' }, { chatId: '79001234567@c.us' }],
	['outgoingCall', { from: '79001234567@c.us', status: 'pickUp', idMessage: 'C2', isVideo: false, duration: 12 }, { chatId: '79001234567@c.us' }],
	['incomingBlock', { chatId: '123456789012345@lid', isBlocked: true }, { chatId: '123456789012345@lid' }],
	['quotaExceeded', { quotaData: { method: 'sendMessage', used: 100, total: 100 } }, {}],
	['deviceInfo', { deviceData: { platform: 'android', deviceManufacturer: 'x', deviceModel: 'y' } }, {}],
];

describe('GREEN-API Trigger events', () => {
	it.each(GREEN_API_EVENTS)('starts one execution for a GREEN-API %s with normalised fields and the whole body', async (typeWebhook, fields, expected) => {
		const trigger = triggerWorkflow({ events: ALL_EVENTS, authentication: 'none' });
		const body = { typeWebhook, instanceData, timestamp: 1731000000, ...fields };
		const delivery = await trigger.post(body);
		expect(delivery.items).toEqual([
			{ event: typeWebhook, ...expected, timestamp: 1731000000, idInstance: 1101000001, body },
		]);
	});

	it.each([true, false])('starts one execution for a WAHA chat.archive with archived: %s', async (archived) => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'none' });
		const body = {
			id: 'evt_01HZY0000000000000000000',
			timestamp: 1667561485123,
			event: 'chat.archive',
			session: 'default',
			me: { id: '79990000000@c.us', pushName: 'Me' },
			payload: { id: '123123123@c.us', timestamp: 1667561485, archived },
		};
		const delivery = await trigger.post(body);
		expect(delivery.items).toEqual([
			{ event: 'chat.archive', chatId: '123123123@c.us', timestamp: 1667561485, session: 'default', archived, body },
		]);
	});

	it('takes the time from the envelope (ms) when the WAHA payload has none', async () => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'none' });
		const body = { event: 'chat.archive', session: 's1', timestamp: 1667561485999, payload: { id: '1@g.us', archived: false } };
		const delivery = await trigger.post(body);
		expect(delivery.items[0]).toMatchObject({ timestamp: 1667561485 });
	});

	it('acknowledges an event of a type that is not selected with 200 and starts nothing', async () => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'none' });
		const delivery = await trigger.post({ typeWebhook: 'incomingMessageReceived', instanceData, timestamp: 1, senderData });
		expect(delivery.items).toEqual([]);
		expect(delivery.result).toEqual({ webhookResponse: { message: 'Event received and filtered out' } });
		expect(delivery.status).toBeUndefined();
	});

	it.each([
		['not JSON', '{"event":'],
		['a JSON array', '[{"event":"chat.archive"}]'],
		['a JSON string', '"chat.archive"'],
		['empty', ''],
	])('answers 400 to a body that is %s and starts nothing', async (_label, body) => {
		const trigger = triggerWorkflow({ events: ALL_EVENTS, authentication: 'none' });
		const delivery = await trigger.post(body);
		expect({ status: delivery.status, sent: delivery.sent, result: delivery.result }).toEqual({
			status: 400,
			sent: { message: 'The body must be a JSON object' },
			result: { noWebhookResponse: true },
		});
	});

	it('answers 400 to a JSON object in neither envelope', async () => {
		const trigger = triggerWorkflow({ events: ALL_EVENTS, authentication: 'none' });
		const delivery = await trigger.post({ hello: 'world' });
		expect(delivery.status).toBe(400);
		expect(delivery.sent).toEqual({ message: 'The body is neither a GREEN-API nor a WAHA webhook' });
		expect(delivery.items).toEqual([]);
	});
});

describe('GREEN-API Trigger filters', () => {
	const archive = (chatId: string, archived: boolean) => ({
		event: 'chat.archive',
		session: 'default',
		payload: { id: chatId, timestamp: 1667561485, archived },
	});

	it.each([
		['archived', true, 1],
		['archived', false, 0],
		['unarchived', true, 0],
		['unarchived', false, 1],
		['both', true, 1],
		['both', false, 1],
	])('archive state %s lets archived: %s through %i time(s)', async (archiveState, archived, count) => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'none', filters: { archiveState } });
		const delivery = await trigger.post(archive('79001234567@c.us', archived));
		expect(delivery.items).toHaveLength(count);
		if (count === 0) expect(delivery.result.webhookResponse).toEqual({ message: 'Event received and filtered out' });
	});

	it('keeps only the listed chats, written as ids or phone numbers', async () => {
		const trigger = triggerWorkflow({
			events: ['chat.archive'],
			authentication: 'none',
			filters: { chatIds: '+7 900 123-45-67,\n120363043968066561@g.us' },
		});
		expect((await trigger.post(archive('79001234567@c.us', true))).items).toHaveLength(1);
		expect((await trigger.post(archive('120363043968066561@g.us', true))).items).toHaveLength(1);
		expect((await trigger.post(archive('79001234568@c.us', true))).items).toHaveLength(0);
	});

	it.each([
		['personal', '79001234567@c.us', 1],
		['personal', '123456789012345@lid', 1],
		['personal', '120363043968066561@g.us', 0],
		['group', '120363043968066561@g.us', 1],
		['group', '79001234567@c.us', 0],
		['any', '123456789012345@lid', 1],
	])('chat type %s lets %s through %i time(s)', async (chatType, chatId, count) => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'none', filters: { chatType } });
		expect((await trigger.post(archive(chatId, true))).items).toHaveLength(count);
	});

	it('does not drop events without a chat because of chat filters', async () => {
		const trigger = triggerWorkflow({
			events: ['stateInstanceChanged'],
			authentication: 'none',
			filters: { chatIds: '79001234567@c.us', chatType: 'group' },
		});
		const delivery = await trigger.post({ typeWebhook: 'stateInstanceChanged', instanceData, timestamp: 5, stateInstance: 'blocked' });
		expect(delivery.items).toHaveLength(1);
	});

	it('applies chat filters to GREEN-API events too', async () => {
		const trigger = triggerWorkflow({
			events: ['incomingMessageReceived'],
			authentication: 'none',
			filters: { chatType: 'group' },
		});
		const delivery = await trigger.post({ typeWebhook: 'incomingMessageReceived', instanceData, timestamp: 5, senderData });
		expect(delivery.items).toEqual([]);
		expect(delivery.result.webhookResponse).toEqual({ message: 'Event received and filtered out' });
	});
});

describe('chat id list', () => {
	it('keeps a mistyped entry as typed, so that it narrows the filter instead of opening it', async () => {
		const trigger = triggerWorkflow({ events: ['chat.archive'], authentication: 'none', filters: { chatIds: 'John Doe' } });
		const delivery = await trigger.post({ event: 'chat.archive', session: 'default', payload: { id: '79001234567@c.us', archived: true } });
		expect(delivery.items).toEqual([]);
	});
});
