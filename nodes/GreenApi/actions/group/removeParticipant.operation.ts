import { NodeOperationError } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';

export const removeParticipant: Operation = {
	value: 'removeParticipant',
	name: 'Remove Participant',
	action: 'Remove a participant from a group',
	description: 'Remove a member from a group chat',
	properties: [
		...chatField('groupId', 'Group ID', 'group', 'The group to remove the participant from'),
		...chatField('participantChatId', 'Participant Chat ID', 'personal', 'The member to remove'),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
		const participantChatId = readChatId(this, itemIndex, 'participantChatId', 'Participant Chat ID', 'personal');
		const answer = (await greenApiRequest.call(this, {
			method: 'removeGroupParticipant',
			body: { groupId, participantChatId },
			itemIndex,
		})) as { removeParticipant?: boolean };
		if (answer?.removeParticipant !== true) {
			throw new NodeOperationError(
				this.getNode(),
				`${participantChatId} was not removed from group ${groupId}: it is not a member, or an id is wrong`,
				{
					itemIndex,
					description:
						'GREEN-API answered removeParticipant: false. Check both ids, e.g. with the group data in the GREEN-API console; only group admins can remove members.',
				},
			);
		}
		return { groupId, participantChatId, removed: true };
	},
};
