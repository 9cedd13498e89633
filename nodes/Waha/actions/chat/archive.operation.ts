import { chatIdField } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { setArchived } from './archiveState';

export const archive: Operation = {
	value: 'archive',
	name: 'Archive',
	action: 'Archive a chat',
	description: 'Move a chat to the archive (not on the NOWEB engine)',
	properties: [chatIdField('chatId', 'Chat ID', 'any', 'The chat to archive')],
	async execute(itemIndex) {
		return await setArchived.call(this, itemIndex, true);
	},
};
