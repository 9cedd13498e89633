import type { Operation } from '../types';
import { chatIdField, optionsCollection } from '../common';
import { setArchived } from './archiveState';

export const archive: Operation = {
	value: 'archive',
	name: 'Archive',
	action: 'Archive a chat',
	description: 'Move a chat to the archive',
	properties: [chatIdField('chatId', 'Chat ID', 'any', 'The chat to archive'), optionsCollection()],
	async execute(itemIndex) {
		return await setArchived.call(this, itemIndex, true);
	},
};
