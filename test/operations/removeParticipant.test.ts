import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError } from '../helpers/harness';

const removeParticipant = (groupId: string, participantChatId: string) => ({
	resource: 'group',
	operation: 'removeParticipant',
	groupId,
	participantChatId,
});

describe('Group › Remove Participant', () => {
	it('posts {groupId, participantChatId} to removeGroupParticipant', async () => {
		const scope = nock(API_URL)
			.post(apiPath('removeGroupParticipant'), {
				groupId: '120363043968066561@g.us',
				participantChatId: '79001234565@c.us',
			})
			.reply(200, { removeParticipant: true });
		const [items] = await runNode({ parameters: removeParticipant('120363043968066561@g.us', '79001234565@c.us') });
		expect(items).toEqual([
			{
				json: { groupId: '120363043968066561@g.us', participantChatId: '79001234565@c.us', removed: true },
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});

	it('accepts the old group id format and a participant written as a phone number', async () => {
		const scope = nock(API_URL)
			.post(apiPath('removeGroupParticipant'), {
				groupId: '79001234567-1479621234@g.us',
				participantChatId: '79001234568@c.us',
			})
			.reply(200, { removeParticipant: true });
		await runNode({ parameters: removeParticipant('79001234567-1479621234@g.us', '+7 900 123 45 68') });
		scope.done();
	});

	it('fails the item when GREEN-API answers removeParticipant: false', async () => {
		nock(API_URL).post(apiPath('removeGroupParticipant')).reply(200, { removeParticipant: false });
		const error = await runNodeError({
			parameters: removeParticipant('120363043968066561@g.us', '79001234565@c.us'),
		});
		expect(error.message).toBe(
			'79001234565@c.us was not removed from group 120363043968066561@g.us: it is not a member, or an id is wrong',
		);
		expect(error.context).toMatchObject({ itemIndex: 0 });
	});

	it('rejects a personal chat id as Group ID without sending a request', async () => {
		const error = await runNodeError({ parameters: removeParticipant('79001234567@c.us', '79001234565@c.us') });
		expect(error.message).toBe(
			'Invalid Group ID "79001234567@c.us" in item 0: expected a group id such as 120363043968066561@g.us or 79001234567-1479621234@g.us',
		);
	});

	it('rejects a group id as Participant Chat ID without sending a request', async () => {
		const error = await runNodeError({
			parameters: removeParticipant('120363043968066561@g.us', '120363043968066562@g.us'),
		});
		expect(error.message).toMatch(/^Invalid Participant Chat ID "120363043968066562@g.us" in item 0: expected a personal chat id/);
	});
});
