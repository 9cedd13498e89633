import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, readText } from '../common';
import type { Operation } from '../types';
import { MAX_MESSAGE_CHARS, messageTextField, quotedMessageIdOption, readQuoted, readTypingTime } from './fields';

export const send: Operation = {
	value: 'send',
	name: 'Send',
	action: 'Send a text message',
	description: 'Send a text message to a chat',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to send the message to'),
		messageTextField('The text to send, 1 to 20,000 characters; WhatsApp formatting such as *bold* works, e.g. Your order is ready'),
		optionsCollection([
			{
				displayName: 'Link Preview',
				name: 'linkPreview',
				type: 'boolean',
				default: true,
				description: 'Whether WhatsApp shows a preview of the first link in the text',
			},
			quotedMessageIdOption,
			{
				displayName: 'Typing Time (Ms)',
				name: 'typingTime',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 20000 },
				default: 0,
				description: 'Show "typing…" in the chat for this long before the message arrives, 1,000 to 20,000 ms, e.g. 3000. 0: none.',
			},
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const message = readText(this, itemIndex, 'message', 'Message', { maxLength: MAX_MESSAGE_CHARS });
		const body: IDataObject = { chatId, message, ...readQuoted(this, itemIndex) };
		const linkPreview = this.getNodeParameter('options.linkPreview', itemIndex, true);
		if (linkPreview === false) body.linkPreview = false;
		if (this.getNodeParameter('options.typingTime', itemIndex, 0)) body.typingTime = readTypingTime(this, itemIndex, 'options.typingTime');
		const answer = (await greenApiRequest.call(this, { method: 'sendMessage', body, itemIndex })) as IDataObject;
		return { chatId, idMessage: answer.idMessage };
	},
};
