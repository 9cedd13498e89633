import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { messageIdField, readMessageId } from './fields';

export const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a message',
	description: 'Get one message of a chat with all its fields',
	properties: [...chatField('chatId', 'Chat ID', 'any', 'The chat the message is in'), messageIdField('The message to get'), optionsCollection()],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const idMessage = readMessageId(this, itemIndex);
		return (await greenApiRequest.call(this, {
			method: 'getMessage',
			body: { chatId, idMessage },
			itemIndex,
			hints: [
				{
					status: 400,
					match: /not found/i,
					message: `Message ${idMessage} was not found in chat ${chatId}`,
					description: 'Check both IDs, e.g. with Chat › Get History; GREEN-API knows only messages it has seen',
				},
			],
		})) as IDataObject;
	},
};
