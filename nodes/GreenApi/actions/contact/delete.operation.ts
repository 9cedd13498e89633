import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { callContactMethod, contactChatIdField } from './addressBook';

export const deleteContact: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a contact',
	description: "Remove a number from the account's contacts (GREEN-API beta)",
	properties: [...contactChatIdField('The number to remove from the contacts'), optionsCollection()],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'personal');
		await callContactMethod(this, itemIndex, 'deleteContact', { chatId }, `Contact ${chatId} was not deleted`);
		return { chatId, deleted: true };
	},
};
