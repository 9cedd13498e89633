import { chatIdField } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { setArchived } from './archiveState';

export const unarchive: Operation = {
	value: 'unarchive',
	name: 'Unarchive',
	action: 'Unarchive a chat',
	description: 'Bring a chat back from the archive (not on the NOWEB engine)',
	properties: [chatIdField('chatId', 'Chat ID', 'any', 'The chat to unarchive')],
	async execute(itemIndex) {
		return await setArchived.call(this, itemIndex, false);
	},
};
