import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, requireFlag } from '../common';
import type { Operation } from '../types';
import { groupNotFound } from './groupNotFound';

export const leave: Operation = {
	value: 'leave',
	name: 'Leave',
	action: 'Leave a group permanently',
	description:
		'Leave a group chat. This cannot be undone: the account stops receiving its messages, and only a group admin can add it again.',
	properties: [...chatField('groupId', 'Group ID', 'group', 'The group to leave'), optionsCollection()],
	async execute(itemIndex) {
		const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
		const answer = await greenApiRequest.call(this, {
			method: 'leaveGroup',
			body: { groupId },
			itemIndex,
			hints: [groupNotFound(groupId)],
		});
		// GREEN-API documents {leaveGroup: true} for a member, and {removeAdmin: true} for an admin leaving
		if ((answer as { removeAdmin?: unknown } | null)?.removeAdmin !== true) {
			requireFlag(this, itemIndex, answer, 'leaveGroup', `The account did not leave group ${groupId}`, 'Check that the account is still a member of the group.');
		}
		return { groupId, left: true };
	},
};
