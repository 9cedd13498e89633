import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { readTypingTime } from './fields';

export const sendTyping: Operation = {
	value: 'sendTyping',
	name: 'Send Typing',
	action: 'Show typing or recording in a chat',
	description: 'Show "typing…" or "recording audio…" in a chat for a while',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to show the indicator in'),
		{
			displayName: 'Indicator',
			name: 'typingType',
			type: 'options',
			options: [
				{ name: 'Typing', value: 'typing', description: 'Show "typing…"' },
				{ name: 'Recording', value: 'recording', description: 'Show "recording audio…"' },
			],
			default: 'typing',
			description: 'Which indicator the chat shows',
		},
		{
			displayName: 'Typing Time (Ms)',
			name: 'typingTime',
			type: 'number',
			typeOptions: { minValue: 1000, maxValue: 20000 },
			default: 5000,
			description: 'How long the indicator shows, 1,000 to 20,000 ms, e.g. 5000',
		},
		optionsCollection(),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const typingTime = readTypingTime(this, itemIndex, 'typingTime');
		const recording = this.getNodeParameter('typingType', itemIndex, 'typing') === 'recording';
		await greenApiRequest.call(this, {
			method: 'sendTyping',
			body: { chatId, typingTime, ...(recording ? { typingType: 'recording' } : {}) },
			itemIndex,
		});
		return { chatId, typingType: recording ? 'recording' : 'typing', typingTime };
	},
};
