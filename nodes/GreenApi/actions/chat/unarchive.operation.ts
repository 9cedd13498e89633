import { chatField } from '../../fields/chatLocator';
import type { Operation } from '../types';
import { optionsCollection } from '../common';
import { setArchived } from './archiveState';

export const unarchive: Operation = {
	value: 'unarchive',
	name: 'Unarchive',
	action: 'Unarchive a chat',
	description: 'Move a chat out of the archive',
	properties: [...chatField('chatId', 'Chat ID', 'any', 'The chat to unarchive'), optionsCollection()],
	async execute(itemIndex) {
		return await setArchived.call(this, itemIndex, false);
	},
};
