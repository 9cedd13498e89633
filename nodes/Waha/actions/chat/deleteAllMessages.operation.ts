import { chatIdField, readChatId } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';

export const deleteAllMessages: Operation = {
	value: 'deleteAllMessages',
	name: 'Delete All Messages',
	action: 'Delete all messages of a chat',
	description: 'Permanently clear every message of a chat, keeping the chat: this cannot be undone (not on the NOWEB engine)',
	properties: [
		{
			displayName: 'This permanently deletes every message of the chat from the WhatsApp account. It cannot be undone.',
			name: 'deleteAllMessagesNotice',
			type: 'notice',
			default: '',
		},
		chatIdField('chatId', 'Chat ID', 'any', 'The chat to clear'),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		await wahaRequest.call(this, {
			action: `delete all messages of chat ${chatId}`,
			httpMethod: 'DELETE',
			path: `chats/${escapePathPart(chatId)}/messages`,
			itemIndex,
			hints: [
				{ status: 500, match: /not found/i, message: `Cannot clear chat ${chatId}: WhatsApp does not know this chat`, description: 'Check the chat id, e.g. with Chat › Get Many' },
			],
		});
		return { chatId, cleared: true };
	},
};
