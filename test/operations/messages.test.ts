import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { API_URL, apiPath, runNode, runNodeError } from '../helpers/harness';

const CHAT = '79001234567@c.us';
const GROUP = '120363043968066561@g.us';

interface Case {
	name: string;
	parameters: IDataObject;
	method: string;
	/** The JSON body GREEN-API must get (POST), or the query (GET). */
	body?: IDataObject;
	qs?: IDataObject;
	answer: unknown;
	output: IDataObject[];
}

const cases: Case[] = [
	{
		name: 'Message › Send',
		parameters: { resource: 'message', operation: 'send', chatId: '+7 900 123-45-67', message: 'Your order is ready' },
		method: 'sendMessage',
		body: { chatId: CHAT, message: 'Your order is ready' },
		answer: { idMessage: 'BAE5A1' },
		output: [{ chatId: CHAT, idMessage: 'BAE5A1' }],
	},
	{
		name: 'Message › Send with every option',
		parameters: {
			resource: 'message',
			operation: 'send',
			chatId: GROUP,
			message: 'See https://example.com',
			options: { linkPreview: false, quotedMessageId: 'BAE5F4886F6F2D05', typingTime: 3000 },
		},
		method: 'sendMessage',
		body: { chatId: GROUP, message: 'See https://example.com', quotedMessageId: 'BAE5F4886F6F2D05', linkPreview: false, typingTime: 3000 },
		answer: { idMessage: 'BAE5A2' },
		output: [{ chatId: GROUP, idMessage: 'BAE5A2' }],
	},
	{
		name: 'Message › Send Poll',
		parameters: {
			resource: 'message',
			operation: 'sendPoll',
			chatId: CHAT,
			message: 'Which day suits you?',
			pollOptions: { values: [{ optionName: 'Monday' }, { optionName: 'Tuesday ' }] },
			multipleAnswers: true,
		},
		method: 'sendPoll',
		body: { chatId: CHAT, message: 'Which day suits you?', options: [{ optionName: 'Monday' }, { optionName: 'Tuesday' }], multipleAnswers: true },
		answer: { idMessage: 'BAE5P1' },
		output: [{ chatId: CHAT, idMessage: 'BAE5P1' }],
	},
	{
		name: 'Message › Send Location',
		parameters: { resource: 'message', operation: 'sendLocation', chatId: CHAT, latitude: 55.7539, longitude: '37.6208', options: { nameLocation: 'Head office', address: 'Red Square' } },
		method: 'sendLocation',
		body: { chatId: CHAT, latitude: 55.7539, longitude: 37.6208, nameLocation: 'Head office', address: 'Red Square' },
		answer: { idMessage: 'BAE5L1' },
		output: [{ chatId: CHAT, idMessage: 'BAE5L1' }],
	},
	{
		name: 'Message › Send Contact',
		parameters: { resource: 'message', operation: 'sendContact', chatId: CHAT, phoneContact: '+7 (900) 555-44-33', firstName: 'Ivan', options: { lastName: 'Ivanov', company: 'Acme' } },
		method: 'sendContact',
		body: { chatId: CHAT, contact: { phoneContact: 79005554433, firstName: 'Ivan', lastName: 'Ivanov', company: 'Acme' } },
		answer: { idMessage: 'BAE5C1' },
		output: [{ chatId: CHAT, idMessage: 'BAE5C1' }],
	},
	{
		name: 'Message › Send Buttons (action)',
		parameters: {
			resource: 'message',
			operation: 'sendButtons',
			chatId: CHAT,
			body: 'Your code is ready',
			buttons: {
				values: [
					{ type: 'copy', buttonText: 'Copy code', copyCode: 'SPRING25' },
					{ type: 'call', buttonText: 'Call us', phoneNumber: '+7 900 123-45-67' },
					{ type: 'url', buttonText: 'Open order', url: 'https://example.com/o/42' },
				],
			},
			options: { header: 'Order 42', footer: 'Thank you' },
		},
		method: 'sendInteractiveButtons',
		body: {
			chatId: CHAT,
			header: 'Order 42',
			body: 'Your code is ready',
			footer: 'Thank you',
			buttons: [
				{ type: 'copy', buttonId: '1', buttonText: 'Copy code', copyCode: 'SPRING25' },
				{ type: 'call', buttonId: '2', buttonText: 'Call us', phoneNumber: '+79001234567' },
				{ type: 'url', buttonId: '3', buttonText: 'Open order', url: 'https://example.com/o/42' },
			],
		},
		answer: { idMessage: 'BAE5B1' },
		output: [{ chatId: CHAT, idMessage: 'BAE5B1' }],
	},
	{
		name: 'Message › Send Buttons (reply)',
		parameters: {
			resource: 'message',
			operation: 'sendButtons',
			chatId: CHAT,
			buttonsType: 'reply',
			body: 'Shall we confirm?',
			buttons: { values: [{ buttonText: 'Yes' }, { buttonText: 'No' }] },
		},
		method: 'sendInteractiveButtonsReply',
		body: { chatId: CHAT, body: 'Shall we confirm?', buttons: [{ buttonId: '1', buttonText: 'Yes' }, { buttonId: '2', buttonText: 'No' }] },
		answer: { idMessage: 'BAE5B2' },
		output: [{ chatId: CHAT, idMessage: 'BAE5B2' }],
	},
	{
		name: 'Message › Forward',
		parameters: { resource: 'message', operation: 'forward', chatId: GROUP, fromChatId: CHAT, messageIds: 'BAE5F4886F6F2D05,\nBAE5367237E13A87' },
		method: 'forwardMessages',
		body: { chatId: GROUP, chatIdFrom: CHAT, messages: ['BAE5F4886F6F2D05', 'BAE5367237E13A87'] },
		answer: { messages: ['BAE5F1', 'BAE5F2'] },
		output: [{ chatId: GROUP, fromChatId: CHAT, idMessages: ['BAE5F1', 'BAE5F2'] }],
	},
	{
		name: 'Message › Send Typing (recording)',
		parameters: { resource: 'message', operation: 'sendTyping', chatId: CHAT, typingType: 'recording', typingTime: 4000 },
		method: 'sendTyping',
		body: { chatId: CHAT, typingTime: 4000, typingType: 'recording' },
		answer: '',
		output: [{ chatId: CHAT, typingType: 'recording', typingTime: 4000 }],
	},
	{
		name: 'Message › Edit',
		parameters: { resource: 'message', operation: 'edit', chatId: CHAT, messageId: 'BAE5F4886F6F2D05', message: 'Ready at 5 pm' },
		method: 'editMessage',
		body: { chatId: CHAT, idMessage: 'BAE5F4886F6F2D05', message: 'Ready at 5 pm' },
		answer: { idMessage: 'BAE5F4886F6F2D05' },
		output: [{ chatId: CHAT, idMessage: 'BAE5F4886F6F2D05', edited: true }],
	},
	{
		name: 'Message › Delete (only for me)',
		parameters: { resource: 'message', operation: 'delete', chatId: CHAT, messageId: 'BAE5F4886F6F2D05', options: { onlySenderDelete: true } },
		method: 'deleteMessage',
		body: { chatId: CHAT, idMessage: 'BAE5F4886F6F2D05', onlySenderDelete: true },
		answer: '',
		output: [{ chatId: CHAT, idMessage: 'BAE5F4886F6F2D05', deleted: true, onlySenderDelete: true }],
	},
	{
		name: 'Message › Get',
		parameters: { resource: 'message', operation: 'get', chatId: CHAT, messageId: 'BAE5F4886F6F2D05' },
		method: 'getMessage',
		body: { chatId: CHAT, idMessage: 'BAE5F4886F6F2D05' },
		answer: { type: 'outgoing', idMessage: 'BAE5F4886F6F2D05', typeMessage: 'textMessage', textMessage: 'Hi' },
		output: [{ type: 'outgoing', idMessage: 'BAE5F4886F6F2D05', typeMessage: 'textMessage', textMessage: 'Hi' }],
	},
	{
		name: 'Message › Mark as Read (the whole chat)',
		parameters: { resource: 'message', operation: 'markRead', chatId: CHAT },
		method: 'readChat',
		body: { chatId: CHAT },
		answer: { setRead: true },
		output: [{ chatId: CHAT, read: true }],
	},
	{
		name: 'Message › Get Many (outgoing, limited)',
		parameters: { resource: 'message', operation: 'getAll', direction: 'outgoing', minutes: 60, limit: 1 },
		method: 'lastOutgoingMessages',
		qs: { minutes: '60' },
		answer: [{ idMessage: 'A1' }, { idMessage: 'A2' }],
		output: [{ idMessage: 'A1' }],
	},
	{
		name: 'Status › Send Text',
		parameters: { resource: 'status', operation: 'sendText', message: 'Open until 8 pm', options: { backgroundColor: '#228B22', font: 'SANS_SERIF' } },
		method: 'sendTextStatus',
		body: { message: 'Open until 8 pm', backgroundColor: '#228B22', font: 'SANS_SERIF' },
		answer: { idMessage: 'BAE5S1' },
		output: [{ idMessage: 'BAE5S1' }],
	},
	{
		name: 'Status › Delete',
		parameters: { resource: 'status', operation: 'delete', messageId: 'BAE5S1AAAA' },
		method: 'deleteStatus',
		body: { idMessage: 'BAE5S1AAAA' },
		answer: '',
		output: [{ idMessage: 'BAE5S1AAAA', deleted: true }],
	},
	{
		name: 'Status › Get Statistic',
		parameters: { resource: 'status', operation: 'getStatistic', messageId: 'BAE5S1AAAA' },
		method: 'getStatusStatistic',
		qs: { idMessage: 'BAE5S1AAAA' },
		answer: [{ participant: CHAT, timestamp: 1731000000, status: 'read' }],
		output: [{ idMessage: 'BAE5S1AAAA', participant: CHAT, timestamp: 1731000000, status: 'read' }],
	},
	{
		name: 'Status › Get Many (incoming)',
		parameters: { resource: 'status', operation: 'getAll', direction: 'incoming', minutes: 1440 },
		method: 'getIncomingStatuses',
		qs: { minutes: '1440' },
		answer: [{ idMessage: 'S1' }],
		output: [{ idMessage: 'S1' }],
	},
	{
		name: 'Chat › Set Disappearing Messages',
		parameters: { resource: 'chat', operation: 'setDisappearing', chatId: CHAT, expiration: 604800 },
		method: 'setDisappearingChat',
		body: { chatId: CHAT, ephemeralExpiration: 604800 },
		answer: { chatId: CHAT, disappearingMessagesInChat: true, ephemeralExpiration: 604800 },
		output: [{ chatId: CHAT, ephemeralExpiration: 604800, disappearing: true }],
	},
];

describe('message, status and chat operations send exactly their request and put out exactly their items', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const scope = c.qs
			? nock(API_URL).get(apiPath(c.method)).query(c.qs as nock.DataMatcherMap).reply(200, c.answer as nock.Body)
			: nock(API_URL).post(apiPath(c.method), c.body as nock.DataMatcherMap).reply(200, c.answer as nock.Body);
		const [items] = await runNode({ parameters: c.parameters });
		expect(items.map((item) => item.json)).toEqual(c.output);
		scope.done();
	});
});

describe('bad input fails its item, names the field, and sends nothing', () => {
	it.each([
		[{ resource: 'message', operation: 'send', chatId: CHAT, message: '   ' }, 'Invalid Message "   " in item 0: expected text of 1 to 20000 characters'],
		[{ resource: 'message', operation: 'send', chatId: 'someone', message: 'Hi' }, /^Invalid Chat ID "someone" in item 0: expected a chat id/],
		[{ resource: 'message', operation: 'send', chatId: CHAT, message: 'x'.repeat(20001) }, /^Invalid Message "x{40}…" in item 0: expected at most 20000 characters \(it has 20001\)$/],
		[{ resource: 'message', operation: 'send', chatId: CHAT, message: 'Hi', options: { typingTime: 50 } }, /^Invalid Typing Time \(Ms\) 50 in item 0/],
		[{ resource: 'message', operation: 'sendPoll', chatId: CHAT, message: 'Q?', pollOptions: { values: [{ optionName: 'Yes' }] } }, 'Invalid Poll Options in item 0: 1 answer given, expected 2 to 12 different answers of 1 to 100 characters'],
		[{ resource: 'message', operation: 'sendPoll', chatId: CHAT, message: 'Q?', pollOptions: { values: [{ optionName: 'Yes' }, { optionName: 'yes' }] } }, /^Invalid Poll Options \["Yes","yes"\]/],
		[{ resource: 'message', operation: 'sendPoll', chatId: CHAT, message: 'Q?', pollOptions: { values: Array.from({ length: 13 }, (_, i) => ({ optionName: `A${i}` })) } }, 'Invalid Poll Options in item 0: 13 answers given, expected 2 to 12 different answers of 1 to 100 characters'],
		[{ resource: 'message', operation: 'sendLocation', chatId: CHAT, latitude: 91, longitude: 0 }, 'Invalid Latitude 91 in item 0: expected a number of degrees from -90 to 90'],
		[{ resource: 'message', operation: 'sendLocation', chatId: CHAT, latitude: 0, longitude: -180.5 }, 'Invalid Longitude -180.5 in item 0: expected a number of degrees from -180 to 180'],
		[{ resource: 'message', operation: 'sendContact', chatId: CHAT, phoneContact: '12', firstName: 'Ivan' }, /^Invalid Phone Number "12" in item 0/],
		[{ resource: 'message', operation: 'sendButtons', chatId: GROUP, body: 'x', buttons: { values: [{ buttonText: 'a' }] } }, /^Invalid Chat ID "120363043968066561@g.us" in item 0: expected a personal chat id/],
		[{ resource: 'message', operation: 'sendButtons', chatId: CHAT, body: 'x', buttons: { values: [{ buttonText: 'A text far longer than 25 chars', type: 'url', url: 'https://a.b' }] } }, /^Invalid Button 1 Text/],
		[{ resource: 'message', operation: 'sendButtons', chatId: CHAT, body: 'x', buttons: { values: Array.from({ length: 4 }, () => ({ buttonText: 'a', type: 'url', url: 'https://a.b' })) } }, 'Invalid Buttons in item 0: 4 buttons given, expected 1 to 3 buttons'],
		[{ resource: 'message', operation: 'sendButtons', chatId: CHAT, body: 'x', buttons: { values: [{ buttonText: 'Go', type: 'url', url: 'example.com' }] } }, 'Invalid Button 1 URL "example.com" in item 0: expected an http or https URL'],
		[{ resource: 'message', operation: 'forward', chatId: CHAT, fromChatId: GROUP, messageIds: ' , ' }, /^Invalid Message IDs " , " in item 0/],
		[{ resource: 'message', operation: 'edit', chatId: CHAT, messageId: 'has space', message: 'x' }, 'Invalid Message ID "has space" in item 0: expected a message ID such as BAE5F4886F6F2D05'],
		[{ resource: 'status', operation: 'sendText', message: 'x'.repeat(501) }, /^Invalid Message "x{40}…" in item 0: expected at most 500 characters/],
		[{ resource: 'status', operation: 'sendText', message: 'Hi', options: { font: 'COMIC' } }, /^Invalid Font "COMIC" in item 0/],
		[{ resource: 'chat', operation: 'setDisappearing', chatId: CHAT, expiration: 3600 }, /^Invalid Expiration 3600 in item 0/],
		[{ resource: 'message', operation: 'getAll', direction: 'incoming', minutes: 0 }, 'Invalid Minutes 0 in item 0: expected a whole number of at least 1'],
	])('%j', async (parameters, message) => {
		const error = await runNodeError({ parameters: parameters as IDataObject });
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(error.context).toMatchObject({ itemIndex: 0 });
	});
});

describe('documented errors read as what to do', () => {
	it('Edit: a message that cannot be edited', async () => {
		nock(API_URL).post(apiPath('editMessage')).reply(400, { message: 'message not found or cannot be edited' });
		const error = await runNodeError({ parameters: { resource: 'message', operation: 'edit', chatId: CHAT, messageId: 'BAE5OLD0', message: 'x' } });
		expect(error.message).toBe(`Message BAE5OLD0 in chat ${CHAT} cannot be edited`);
		expect(error.description).toMatch(/within 15 minutes/);
	});

	it('Get: a message GREEN-API does not know', async () => {
		nock(API_URL).post(apiPath('getMessage')).reply(400, 'message not found');
		const error = await runNodeError({ parameters: { resource: 'message', operation: 'get', chatId: CHAT, messageId: 'BAE5NONE' } });
		expect(error.message).toBe(`Message BAE5NONE was not found in chat ${CHAT}`);
	});

	it('Send: the quota answer (466) says what to do', async () => {
		nock(API_URL).post(apiPath('sendMessage')).reply(466, { invokeStatus: { status: 'QUOTE_ALLOWED_EXCEEDED' }, correspondentsStatus: {} });
		const error = await runNodeError({ parameters: { resource: 'message', operation: 'send', chatId: CHAT, message: 'Hi' } });
		expect(error.message).toMatch(/^GREEN-API sendMessage failed \(HTTP 466\)/);
		expect(error.description).toMatch(/quota is used up/);
	});
});
