import { chatIdField, readChatId, readText } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';
import { readWahaMessageId, wahaMessageIdField } from '../fields';
import { unknownMessageHint } from '../hints';

export const edit: Operation = {
	value: 'edit',
	name: 'Edit',
	action: 'Edit a message',
	description: 'Change the text (or a media caption) of a message the account sent',
	properties: [
		chatIdField('chatId', 'Chat ID', 'any', 'The chat the message is in'),
		wahaMessageIdField('The message to change'),
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			description: 'The new text, e.g. Your order is ready (updated)',
		},
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const messageId = readWahaMessageId(this, itemIndex);
		const text = readText(this, itemIndex, 'text', 'Text') as string;
		await wahaRequest.call(this, {
			action: `edit message ${messageId}`,
			httpMethod: 'PUT',
			path: `chats/${escapePathPart(chatId)}/messages/${escapePathPart(messageId)}`,
			body: { text },
			itemIndex,
			hints: [
				unknownMessageHint(messageId, chatId),
				{
					status: 500,
					match: /edit|sent by/i,
					message: `Message ${messageId} in chat ${chatId} cannot be edited`,
					description: 'Only messages the account sent can be edited, and only for a while after sending (WhatsApp allows 15 minutes)',
				},
			],
		});
		return { chatId, messageId, edited: true };
	},
};
