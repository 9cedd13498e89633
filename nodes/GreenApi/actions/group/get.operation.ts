import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { groupNotFound } from './groupNotFound';

export const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a group',
	description: "Get a group's name, owner, invite link and participants (with who is an admin)",
	properties: [...chatField('groupId', 'Group ID', 'group', 'The group to get'), optionsCollection()],
	async execute(itemIndex) {
		const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
		return (await greenApiRequest.call(this, {
			method: 'getGroupData',
			body: { groupId },
			itemIndex,
			hints: [groupNotFound(groupId)],
		})) as IDataObject;
	},
};
