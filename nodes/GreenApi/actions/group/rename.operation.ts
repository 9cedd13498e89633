import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, readText, requireFlag } from '../common';
import type { Operation } from '../types';
import { GROUP_NAME_MAX_LENGTH, groupNameField } from './groupName';
import { groupNotFound } from './groupNotFound';

export const rename: Operation = {
	value: 'rename',
	name: 'Rename',
	action: 'Rename a group',
	description: "Change a group's name",
	properties: [
		...chatField('groupId', 'Group ID', 'group', 'The group to rename'),
		groupNameField('The new name of the group'),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
		const groupName = readText(this, itemIndex, 'name', 'Group Name', { maxLength: GROUP_NAME_MAX_LENGTH }) as string;
		const answer = await greenApiRequest.call(this, {
			method: 'updateGroupName',
			body: { groupId, groupName },
			itemIndex,
			hints: [groupNotFound(groupId)],
		});
		requireFlag(
			this,
			itemIndex,
			answer,
			'updateGroupName',
			`Group ${groupId} was not renamed`,
			'The account must be a member of the group, and an admin when only admins may edit the group settings.',
		);
		return { groupId, name: groupName, renamed: true };
	},
};
