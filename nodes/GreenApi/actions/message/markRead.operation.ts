import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, requireFlag } from '../common';
import type { Operation } from '../types';
import { messageIdField, readMessageId } from './fields';

export const markRead: Operation = {
	value: 'markRead',
	name: 'Mark as Read',
	action: 'Mark messages as read',
	description: 'Mark a chat’s incoming messages as read (blue ticks), or one message',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to mark as read'),
		messageIdField('One message to mark as read; empty marks the whole chat', false),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const idMessage = readMessageId(this, itemIndex, 'messageId', 'Message ID', true);
		const answer = await greenApiRequest.call(this, { method: 'readChat', body: { chatId, ...(idMessage ? { idMessage } : {}) }, itemIndex });
		requireFlag(
			this,
			itemIndex,
			answer,
			'setRead',
			idMessage ? `Message ${idMessage} in chat ${chatId} was not marked as read` : `Chat ${chatId} was not marked as read`,
			'Check the chat id (and the message id): GREEN-API marks only incoming messages of a chat the account has.',
		);
		return { chatId, ...(idMessage ? { idMessage } : {}), read: true };
	},
};
