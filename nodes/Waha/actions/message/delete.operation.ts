import { chatIdField, readChatId } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';
import { readWahaMessageId, wahaMessageIdField } from '../fields';
import { unknownMessageHint } from '../hints';

export const deleteMessage: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a message',
	description: 'Delete a message from the chat',
	properties: [chatIdField('chatId', 'Chat ID', 'any', 'The chat the message is in'), wahaMessageIdField('The message to delete')],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const messageId = readWahaMessageId(this, itemIndex);
		await wahaRequest.call(this, {
			action: `delete message ${messageId}`,
			httpMethod: 'DELETE',
			path: `chats/${escapePathPart(chatId)}/messages/${escapePathPart(messageId)}`,
			itemIndex,
			hints: [unknownMessageHint(messageId, chatId)],
		});
		return { chatId, messageId, deleted: true };
	},
};
