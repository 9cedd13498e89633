import { greenApiRequest } from '../../transport';
import { chatIdField, invalidField, optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';

export const sendTyping: Operation = {
	value: 'sendTyping',
	name: 'Send Typing',
	action: 'Show typing or recording in a chat',
	description: 'Show "typing…" or "recording audio…" in a chat for a while',
	properties: [
		chatIdField('chatId', 'Chat ID', 'any', 'The chat to show the indicator in'),
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
		const typingTime = this.getNodeParameter('typingTime', itemIndex, 5000) as unknown;
		if (!Number.isInteger(typingTime) || (typingTime as number) < 1000 || (typingTime as number) > 20000) {
			throw invalidField(this, itemIndex, 'Typing Time (Ms)', typingTime, 'a whole number of milliseconds from 1000 to 20000');
		}
		const recording = this.getNodeParameter('typingType', itemIndex, 'typing') === 'recording';
		await greenApiRequest.call(this, {
			method: 'sendTyping',
			body: { chatId, typingTime: typingTime as number, ...(recording ? { typingType: 'recording' } : {}) },
			itemIndex,
		});
		return { chatId, typingType: recording ? 'recording' : 'typing', typingTime: typingTime as number };
	},
};
