import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { messageIdField, readMessageId } from './fields';

export const deleteMessage: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a message',
	description: 'Delete a message for everyone in the chat, or only on the account’s own devices',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat the message is in'),
		messageIdField('The message to delete'),
		optionsCollection([
			{
				displayName: 'Only for Me',
				name: 'onlySenderDelete',
				type: 'boolean',
				default: false,
				description: 'Whether to delete the message only on the account’s own devices, leaving it for everyone else',
			},
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const idMessage = readMessageId(this, itemIndex);
		const onlySenderDelete = this.getNodeParameter('options.onlySenderDelete', itemIndex, false) === true;
		await greenApiRequest.call(this, {
			method: 'deleteMessage',
			body: { chatId, idMessage, ...(onlySenderDelete ? { onlySenderDelete } : {}) },
			itemIndex,
			hints: [
				{
					status: 400,
					match: /not found/i,
					message: `Message ${idMessage} was not found in chat ${chatId}`,
					description: 'Check the message ID, e.g. with Chat › Get History',
				},
			],
		});
		return { chatId, idMessage, deleted: true, onlySenderDelete };
	},
};
