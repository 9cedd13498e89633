import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { MESSAGE_ID } from './fields';

export const forward: Operation = {
	value: 'forward',
	name: 'Forward',
	action: 'Forward messages',
	description: 'Forward messages from one chat to another',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to forward the messages to'),
		...chatField('fromChatId', 'From Chat ID', 'any', 'The chat the messages are in'),
		{
			displayName: 'Message IDs',
			name: 'messageIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'BAE5F4886F6F2D05, BAE5367237E13A87',
			description: 'The IDs of the messages to forward, separated by commas or new lines (or a list from an expression), e.g. BAE5F4886F6F2D05',
		},
		optionsCollection(),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const fromChatId = readChatId(this, itemIndex, 'fromChatId', 'From Chat ID', 'any');
		const value = this.getNodeParameter('messageIds', itemIndex, '') as unknown;
		const messages = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n;]/))
			.map((id) => id.trim())
			.filter(Boolean);
		if (messages.length === 0 || messages.some((id) => !MESSAGE_ID.test(id))) {
			throw invalidField(this, itemIndex, 'Message IDs', value, 'message IDs such as BAE5F4886F6F2D05, separated by commas');
		}
		const answer = (await greenApiRequest.call(this, {
			method: 'forwardMessages',
			body: { chatId, chatIdFrom: fromChatId, messages },
			itemIndex,
		})) as IDataObject;
		return { chatId, fromChatId, idMessages: Array.isArray(answer?.messages) ? answer.messages : [] };
	},
};
