import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, readText } from '../common';
import type { Operation } from '../types';
import { MAX_MESSAGE_CHARS, messageIdField, messageTextField, readMessageId } from './fields';

export const edit: Operation = {
	value: 'edit',
	name: 'Edit',
	action: 'Edit a message',
	description: 'Change the text of a message the account sent (WhatsApp allows it for 15 minutes)',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat the message is in'),
		messageIdField('The message to change'),
		messageTextField('The new text, 1 to 20,000 characters, e.g. Your order is ready (updated)'),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const idMessage = readMessageId(this, itemIndex);
		const message = readText(this, itemIndex, 'message', 'Message', { maxLength: MAX_MESSAGE_CHARS });
		const answer = (await greenApiRequest.call(this, {
			method: 'editMessage',
			body: { chatId, idMessage, message },
			itemIndex,
			hints: [
				{
					status: 400,
					match: /not found|edit/i,
					message: `Message ${idMessage} in chat ${chatId} cannot be edited`,
					description:
						'Only text messages the account sent can be edited, and only within 15 minutes of sending: check the message ID and its age',
				},
			],
		})) as IDataObject;
		return { chatId, idMessage: answer?.idMessage ?? idMessage, edited: true };
	},
};
