import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tryToParseDateTime } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { invalidField, limitField, optionsCollection, readChatId, readPositiveInteger } from '../common';
import type { Operation } from '../types';

/** A date-time option as unix seconds (in the workflow's time zone when it has none), or undefined when empty. */
function readTime(context: IExecuteFunctions, itemIndex: number, name: string, displayName: string): number | undefined {
	const value = context.getNodeParameter(`options.${name}`, itemIndex, '') as unknown;
	if (value === '' || value === undefined || value === null) return undefined;
	try {
		return tryToParseDateTime(value, context.getTimezone()).toSeconds();
	} catch {
		throw invalidField(context, itemIndex, displayName, value, 'a date and time such as 2024-05-01T09:30:00');
	}
}

export const getHistory: Operation = {
	value: 'getHistory',
	name: 'Get History',
	action: 'Get the message history of a chat',
	description: 'Get the messages of a chat, newest first',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat whose messages to get'),
		limitField,
		optionsCollection([
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Keep only messages sent at or after this time',
			},
			{
				displayName: 'Until',
				name: 'until',
				type: 'dateTime',
				default: '',
				description: 'Keep only messages sent at or before this time',
			},
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const count = readPositiveInteger(this, itemIndex, 'limit', 'Limit');
		const since = readTime(this, itemIndex, 'since', 'Since');
		const until = readTime(this, itemIndex, 'until', 'Until');
		const messages = (await greenApiRequest.call(this, {
			method: 'getChatHistory',
			body: { chatId, count },
			itemIndex,
			longAnswer: true,
			hints: [
				{
					status: 504,
					message: 'The phone linked to the instance is offline',
					description:
						'GREEN-API reads the history from the phone, which did not answer in time: make sure it is on, online and WhatsApp is running, then retry',
				},
			],
		})) as IDataObject[];
		if (!Array.isArray(messages)) return [];
		if (since === undefined && until === undefined) return messages;
		return messages.filter((message) => {
			const time = Number(message.timestamp);
			return (since === undefined || time >= since) && (until === undefined || time <= until);
		});
	},
};
