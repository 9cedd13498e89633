import { chatIdField, readChatId } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';

export const deleteChat: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a chat',
	description: 'Permanently delete a chat and its messages from the account: this cannot be undone (not on the NOWEB engine)',
	properties: [
		{
			displayName: 'This permanently deletes the chat and all its messages from the WhatsApp account. It cannot be undone.',
			name: 'deleteChatNotice',
			type: 'notice',
			default: '',
		},
		chatIdField('chatId', 'Chat ID', 'any', 'The chat to delete'),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		await wahaRequest.call(this, {
			action: `delete chat ${chatId}`,
			httpMethod: 'DELETE',
			path: `chats/${escapePathPart(chatId)}`,
			itemIndex,
			hints: [
				{ status: 500, match: /not found/i, message: `Cannot delete chat ${chatId}: WhatsApp does not know this chat`, description: 'Check the chat id, e.g. with Chat › Get Many' },
			],
		});
		return { chatId, deleted: true };
	},
};
