import nock from 'nock';

import type { IDataObject } from 'n8n-workflow';

import { API_URL, apiPath, runNode, runNodeError } from '../../helpers/harness';

const GROUP = '120363043968066561@g.us';
const run = async (parameters: Record<string, unknown>, items?: IDataObject[]) =>
	(await runNode({ parameters: { resource: 'group', ...parameters }, items }))[0];
const fail = async (parameters: Record<string, unknown>) => await runNodeError({ parameters: { resource: 'group', ...parameters } });

describe('Group › Create', () => {
	it('posts {groupName, chatIds} to createGroup and puts out groupId and inviteLink beside the API fields', async () => {
		const answer = { created: true, chatId: GROUP, groupInviteLink: 'https://chat.whatsapp.com/x1y2' };
		const scope = nock(API_URL)
			.post(apiPath('createGroup'), { groupName: 'Project Team', chatIds: ['79001234567@c.us', '79001234568@c.us'] })
			.reply(200, answer);
		const items = await run({ operation: 'create', name: 'Project Team', participants: '79001234567@c.us, +7 (900) 123-45-68' });
		expect(items).toEqual([
			{
				json: {
					groupId: GROUP,
					created: true,
					inviteLink: 'https://chat.whatsapp.com/x1y2',
					chatId: GROUP,
					groupInviteLink: 'https://chat.whatsapp.com/x1y2',
				},
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});

	it('takes the participants as a list from an expression, dropping repeats', async () => {
		const scope = nock(API_URL)
			.post(apiPath('createGroup'), { groupName: 'Team', chatIds: ['79001234567@c.us', '123456789012345@lid'] })
			.reply(200, { created: true, chatId: GROUP, groupInviteLink: '' });
		await run(
			{ operation: 'create', name: 'Team', participants: '={{ $json.people }}' },
			[{ people: ['79001234567', '79001234567@c.us', '123456789012345@lid'] }],
		);
		scope.done();
	});

	it('fails the item when GREEN-API answers created: false', async () => {
		nock(API_URL).post(apiPath('createGroup')).reply(200, { created: false });
		const error = await fail({ operation: 'create', name: 'Team', participants: '79001234567' });
		expect(error.message).toBe('The group "Team" was not created');
	});

	it.each([
		[{ name: 'Team', participants: '79001234567, 120363043968066562@g.us' }, /^Invalid Participants "120363043968066562@g.us" in item 0: expected for each participant a personal chat id such as 79001234567@c.us/],
		[{ name: 'Team', participants: ' , ' }, /^Invalid Participants " , " in item 0: expected at least one chat id or phone number$/],
		[{ name: '  ', participants: '79001234567' }, /^Invalid Group Name " {2}" in item 0: expected text of 1 to 100 characters$/],
		[{ name: 'x'.repeat(101), participants: '79001234567' }, /^Invalid Group Name "x{40}…" in item 0: expected at most 100 characters \(it has 101\)$/],
	])('refuses bad input without a request: %o', async (fields, message) => {
		expect((await fail({ operation: 'create', ...fields })).message).toMatch(message);
	});
});

describe('Group › Get', () => {
	it('posts {groupId} to getGroupData and puts out the group with its participants', async () => {
		const group = {
			groupId: GROUP,
			owner: '79001230000@c.us',
			subject: 'Project Team',
			participants: [{ id: '79001230000@c.us', isAdmin: true, isSuperAdmin: true }],
			groupInviteLink: 'https://chat.whatsapp.com/x1y2',
		};
		const scope = nock(API_URL).post(apiPath('getGroupData'), { groupId: GROUP }).reply(200, group);
		expect(await run({ operation: 'get', groupId: GROUP })).toEqual([{ json: group, pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('reads item-not-found as an unknown group', async () => {
		nock(API_URL).post(apiPath('getGroupData')).reply(400, 'Error: item-not-found');
		const error = await fail({ operation: 'get', groupId: GROUP });
		expect(error.message).toBe(`Group ${GROUP} was not found: the account is not a member, or the id is wrong`);
		expect(error.httpCode).toBe('400');
	});

	it('refuses a personal chat as Group ID without a request', async () => {
		expect((await fail({ operation: 'get', groupId: '79001234567@c.us' })).message).toBe(
			'Invalid Group ID "79001234567@c.us" in item 0: expected a group id such as 120363043968066561@g.us or 79001234567-1479621234@g.us',
		);
	});
});

describe('Group › Rename', () => {
	it('posts {groupId, groupName} to updateGroupName', async () => {
		const scope = nock(API_URL).post(apiPath('updateGroupName'), { groupId: GROUP, groupName: 'New' }).reply(200, { updateGroupName: true });
		expect((await run({ operation: 'rename', groupId: GROUP, name: 'New' }))[0].json).toEqual({ groupId: GROUP, name: 'New', renamed: true });
		scope.done();
	});

	it('fails the item on updateGroupName: false', async () => {
		nock(API_URL).post(apiPath('updateGroupName')).reply(200, { updateGroupName: false });
		const error = await fail({ operation: 'rename', groupId: GROUP, name: 'New' });
		expect(error.message).toBe(`Group ${GROUP} was not renamed`);
		expect(error.description).toMatch(/^GREEN-API answered updateGroupName: false\. The account must be a member/);
	});
});

describe('Group › Update Settings', () => {
	it('sends only the settings to change, as GREEN-API flags', async () => {
		const scope = nock(API_URL)
			.post(apiPath('updateGroupSettings'), { groupId: GROUP, allowParticipantsSendMessages: false })
			.reply(200, { updateGroupSettings: true, reason: '' });
		const items = await run({ operation: 'updateSettings', groupId: GROUP, whoCanSendMessages: 'admins' });
		expect(items[0].json).toEqual({ groupId: GROUP, allowParticipantsSendMessages: false, updated: true });
		scope.done();
	});

	it('sends both when both change', async () => {
		const scope = nock(API_URL)
			.post(apiPath('updateGroupSettings'), { groupId: GROUP, allowParticipantsEditGroupSettings: true, allowParticipantsSendMessages: true })
			.reply(200, { updateGroupSettings: true });
		await run({ operation: 'updateSettings', groupId: GROUP, whoCanEditSettings: 'all', whoCanSendMessages: 'all' });
		scope.done();
	});

	it('fails with GREEN-API\'s reason on updateGroupSettings: false', async () => {
		nock(API_URL).post(apiPath('updateGroupSettings')).reply(200, { updateGroupSettings: false, reason: 'not an admin' });
		const error = await fail({ operation: 'updateSettings', groupId: GROUP, whoCanEditSettings: 'admins' });
		expect(error.message).toBe(`The settings of group ${GROUP} were not changed (GREEN-API: not an admin)`);
	});

	it('refuses a call that changes nothing', async () => {
		expect((await fail({ operation: 'updateSettings', groupId: GROUP })).message).toBe(
			'Invalid Who Can Edit Settings "keep" in item 0: expected a setting to change ("Who Can Send Messages" keeps its value too)',
		);
	});
});

describe.each([
	['addParticipant', 'addGroupParticipant', 'addParticipant', { added: true }, 'was not added to'],
	['promote', 'setGroupAdmin', 'setGroupAdmin', { isAdmin: true }, 'was not made an admin of'],
	['demote', 'removeAdmin', 'removeAdmin', { isAdmin: false }, 'was not demoted in'],
])('Group › %s', (operation, method, flag, output, failed) => {
	const parameters = { operation, groupId: GROUP, participantChatId: '+7 900 123-45-65' };

	it(`posts {groupId, participantChatId} to ${method}`, async () => {
		const scope = nock(API_URL)
			.post(apiPath(method), { groupId: GROUP, participantChatId: '79001234565@c.us' })
			.reply(200, { [flag]: true });
		expect(await run(parameters)).toEqual([
			{ json: { groupId: GROUP, participantChatId: '79001234565@c.us', ...output }, pairedItem: { item: 0 } },
		]);
		scope.done();
	});

	it(`fails the item clearly on ${flag}: false`, async () => {
		nock(API_URL).post(apiPath(method)).reply(200, { [flag]: false });
		const error = await fail(parameters);
		expect(error.message).toBe(`79001234565@c.us ${failed} group ${GROUP}`);
		expect(error.description).toMatch(new RegExp(`^GREEN-API answered ${flag}: false\\. `));
	});

	it('refuses a group as the participant without a request', async () => {
		expect((await fail({ ...parameters, participantChatId: GROUP })).message).toMatch(/^Invalid Participant Chat ID "120363043968066561@g.us" in item 0/);
	});
});

describe('Group › Leave', () => {
	it('posts {groupId} to leaveGroup', async () => {
		const scope = nock(API_URL).post(apiPath('leaveGroup'), { groupId: GROUP }).reply(200, { leaveGroup: true });
		expect((await run({ operation: 'leave', groupId: GROUP }))[0].json).toEqual({ groupId: GROUP, left: true });
		scope.done();
	});

	it('fails the item on leaveGroup: false', async () => {
		nock(API_URL).post(apiPath('leaveGroup')).reply(200, { leaveGroup: false });
		expect((await fail({ operation: 'leave', groupId: GROUP })).message).toBe(`The account did not leave group ${GROUP}`);
	});
});

describe('Group › Leave is marked destructive', () => {
	it('says so in its action and description', async () => {
		const { group } = await import('../../../nodes/GreenApi/actions/group/Group.resource');
		const leave = group.operations.find((operation) => operation.value === 'leave')!;
		expect(leave.action).toBe('Leave a group permanently');
		expect(leave.description).toMatch(/This cannot be undone/);
	});
});
