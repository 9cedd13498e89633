import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { API_URL, apiPath, runNode, runNodeError } from '../helpers/harness';

// GREEN-API's documented answers and limits (issue 19): each case is the exact request, item or error
const CHAT = '79001234567@c.us';
const GROUP = '120363043968066561@g.us';
const json = async (parameters: IDataObject) => (await runNode({ parameters }))[0].map((item) => item.json);

describe('Message › Mark as Read: setRead', () => {
	it('fails the item when GREEN-API answers {setRead: false} with HTTP 200', async () => {
		const scope = nock(API_URL).post(apiPath('readChat'), { chatId: CHAT }).reply(200, { setRead: false });
		const error = await runNodeError({ parameters: { resource: 'message', operation: 'markRead', chatId: CHAT } });
		expect(error.message).toBe(`Chat ${CHAT} was not marked as read`);
		expect(error.description).toBe(
			'GREEN-API answered setRead: false. Check the chat id (and the message id): GREEN-API marks only incoming messages of a chat the account has.',
		);
		scope.done();
	});

	it('names the message when one was given', async () => {
		nock(API_URL).post(apiPath('readChat'), { chatId: CHAT, idMessage: 'BAE5F4886F6F2D05' }).reply(200, { setRead: false });
		const error = await runNodeError({
			parameters: { resource: 'message', operation: 'markRead', chatId: CHAT, messageId: 'BAE5F4886F6F2D05' },
		});
		expect(error.message).toBe(`Message BAE5F4886F6F2D05 in chat ${CHAT} was not marked as read`);
	});
});

describe('Group › Leave: the documented answers', () => {
	it('takes {removeAdmin: true}, the answer to an admin leaving, as left', async () => {
		const scope = nock(API_URL).post(apiPath('leaveGroup'), { groupId: GROUP }).reply(200, { removeAdmin: true });
		expect(await json({ resource: 'group', operation: 'leave', groupId: GROUP })).toEqual([{ groupId: GROUP, left: true }]);
		scope.done();
	});

	it('still fails on {leaveGroup: false}, and on {removeAdmin: false}', async () => {
		nock(API_URL).post(apiPath('leaveGroup')).reply(200, { leaveGroup: false });
		expect((await runNodeError({ parameters: { resource: 'group', operation: 'leave', groupId: GROUP } })).message).toBe(
			`The account did not leave group ${GROUP}`,
		);
		nock(API_URL).post(apiPath('leaveGroup')).reply(200, { removeAdmin: false });
		expect((await runNodeError({ parameters: { resource: 'group', operation: 'leave', groupId: GROUP } })).message).toBe(
			`The account did not leave group ${GROUP}`,
		);
	});
});

describe('Queue counters: count and the documented сount', () => {
	it.each(['getMessagesCount', 'getWebhooksCount'])('%s reads the Cyrillic "сount" of the documentation', async (method) => {
		nock(API_URL).get(apiPath(method)).reply(200, { '\u0441ount': 4 });
		expect(await json({ resource: 'queue', operation: method })).toEqual([{ count: 4 }]);
	});

	it.each([{}, { total: 3 }, { count: '3' }])('fails the item when the answer %j has no count, instead of reading 0', async (answer) => {
		nock(API_URL).get(apiPath('getWebhooksCount')).reply(200, answer);
		const error = await runNodeError({ parameters: { resource: 'queue', operation: 'getWebhooksCount' } });
		expect(error.message).toBe("GREEN-API's answer to getWebhooksCount has no count");
		expect(error.description).toBe(
			`GREEN-API answered ${JSON.stringify(answer)}: expected {"count": <number>}. Try again, and contact GREEN-API support if it persists.`,
		);
	});
});

describe('Limits', () => {
	it('Status › Send Media refuses a caption over 1,024 characters without a request, and sends one of 1,024', async () => {
		const parameters = { resource: 'status', operation: 'sendMedia', source: 'url', url: 'https://example.com/a.jpg', fileName: 'a.jpg' };
		const error = await runNodeError({ parameters: { ...parameters, options: { caption: 'x'.repeat(1025) } } });
		expect(error.message).toBe(`Invalid Caption "${'x'.repeat(40)}…" in item 0: expected at most 1024 characters (it has 1025)`);
		const scope = nock(API_URL)
			.post(apiPath('sendMediaStatus'), { urlFile: 'https://example.com/a.jpg', fileName: 'a.jpg', caption: 'y'.repeat(1024) })
			.reply(200, { idMessage: 'S1' });
		expect(await json({ ...parameters, options: { caption: 'y'.repeat(1024) } })).toEqual([{ idMessage: 'S1', urlFile: 'https://example.com/a.jpg' }]);
		scope.done();
	});

	it('Status › Send Voice says voice statuses are cut at 1 minute', async () => {
		const { status } = await import('../../nodes/GreenApi/actions/status/Status.resource');
		const sendVoice = status.operations.find((operation) => operation.value === 'sendVoice')!;
		expect(sendVoice.description).toBe(
			'Post an audio file (MP3 recommended) as a status, from binary data or a URL; GREEN-API cuts a voice status at 1 minute',
		);
	});

	const contactCard = { resource: 'message', operation: 'sendContact', chatId: CHAT, phoneContact: '+7 900 555-44-33' };

	it.each([
		[{ options: { lastName: 'Ivanov' } }, { lastName: 'Ivanov' }],
		[{ options: { company: 'Acme' } }, { company: 'Acme' }],
		[{ firstName: 'Ivan' }, { firstName: 'Ivan' }],
	])('Send Contact takes any one name field (%j)', async (names, sent) => {
		const scope = nock(API_URL)
			.post(apiPath('sendContact'), { chatId: CHAT, contact: { phoneContact: 79005554433, ...sent } })
			.reply(200, { idMessage: 'C1' });
		expect(await json({ ...contactCard, ...names })).toEqual([{ chatId: CHAT, idMessage: 'C1' }]);
		scope.done();
	});

	it('Send Contact without any name fails the item before a request', async () => {
		const error = await runNodeError({ parameters: { ...contactCard, firstName: '  ', options: { lastName: '' } } });
		expect(error.message).toBe('The contact card of item 0 has no name');
		expect(error.description).toBe('GREEN-API needs one of First Name, Middle Name, Last Name or Company: fill in at least one');
	});
});

describe('Instance › Update Settings: every documented switch', () => {
	it('sends outgoingCallWebhook and incomingBlockWebhook as yes/no', async () => {
		const scope = nock(API_URL)
			.post(apiPath('setSettings'), { outgoingCallWebhook: 'yes', incomingBlockWebhook: 'no' })
			.reply(200, { saveSettings: true });
		const [item] = await json({
			resource: 'instance',
			operation: 'updateSettings',
			settings: { outgoingCallWebhook: true, incomingBlockWebhook: false },
		});
		expect(item).toMatchObject({ saveSettings: true });
		scope.done();
	});
});
