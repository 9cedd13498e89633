import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';

/** The expirations WhatsApp offers, in seconds. */
const EXPIRATIONS = [0, 86400, 604800, 7776000];

export const setDisappearing: Operation = {
	value: 'setDisappearing',
	name: 'Set Disappearing Messages',
	action: 'Set disappearing messages in a chat',
	description: 'Turn disappearing messages on (24 hours, 7 days or 90 days) or off for a chat',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to change'),
		{
			displayName: 'Expiration',
			name: 'expiration',
			type: 'options',
			options: [
				{ name: 'Off', value: 0 },
				{ name: '24 Hours', value: 86400 },
				{ name: '7 Days', value: 604800 },
				{ name: '90 Days', value: 7776000 },
			],
			default: 86400,
			description: 'How long new messages in the chat stay before they disappear',
		},
		optionsCollection(),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const expiration = Number(this.getNodeParameter('expiration', itemIndex, 86400));
		if (!EXPIRATIONS.includes(expiration)) {
			throw invalidField(this, itemIndex, 'Expiration', expiration, '0 (off), 86400 (24 hours), 604800 (7 days) or 7776000 (90 days) seconds');
		}
		const answer = (await greenApiRequest.call(this, {
			method: 'setDisappearingChat',
			body: { chatId, ephemeralExpiration: expiration },
			itemIndex,
		})) as IDataObject;
		return { chatId, ephemeralExpiration: answer?.ephemeralExpiration ?? expiration, disappearing: expiration > 0 };
	},
};
