import { chatIdField, readChatId } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';
import { destructiveNotice } from '../fields';
import { unknownChatHint } from '../hints';

export const deleteChat: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a chat',
	description: 'Permanently delete a chat and its messages from the account: this cannot be undone (not on the NOWEB engine)',
	properties: [
		destructiveNotice('deleteChatNotice', 'the chat and all its messages'),
		chatIdField('chatId', 'Chat ID', 'any', 'The chat to delete'),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		await wahaRequest.call(this, {
			action: `delete chat ${chatId}`,
			httpMethod: 'DELETE',
			path: `chats/${escapePathPart(chatId)}`,
			itemIndex,
			hints: [unknownChatHint('delete', chatId)],
		});
		return { chatId, deleted: true };
	},
};
