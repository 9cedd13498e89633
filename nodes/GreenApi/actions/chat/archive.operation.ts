import { chatField } from '../../fields/chatLocator';
import type { Operation } from '../types';
import { optionsCollection } from '../common';
import { setArchived } from './archiveState';

export const archive: Operation = {
	value: 'archive',
	name: 'Archive',
	action: 'Archive a chat',
	description: 'Move a chat to the archive',
	properties: [...chatField('chatId', 'Chat ID', 'any', 'The chat to archive'), optionsCollection()],
	async execute(itemIndex) {
		return await setArchived.call(this, itemIndex, true);
	},
};
