import { chatIdField, readChatId } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';
import { destructiveNotice } from '../fields';
import { unknownChatHint } from '../hints';

export const deleteAllMessages: Operation = {
	value: 'deleteAllMessages',
	name: 'Delete All Messages',
	action: 'Delete all messages of a chat',
	description: 'Permanently clear every message of a chat, keeping the chat: this cannot be undone (not on the NOWEB engine)',
	properties: [
		destructiveNotice('deleteAllMessagesNotice', 'every message of the chat'),
		chatIdField('chatId', 'Chat ID', 'any', 'The chat to clear'),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		await wahaRequest.call(this, {
			action: `delete all messages of chat ${chatId}`,
			httpMethod: 'DELETE',
			path: `chats/${escapePathPart(chatId)}/messages`,
			itemIndex,
			hints: [unknownChatHint('clear', chatId)],
		});
		return { chatId, cleared: true };
	},
};
