import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';

export const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a contact',
	description: "Get what WhatsApp tells about a contact: name, business details, and the chat's archive, mute and disappearing-message state",
	properties: [...chatField('chatId', 'Chat ID', 'any', 'The contact or group to get'), optionsCollection()],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		return (await greenApiRequest.call(this, { method: 'getContactInfo', body: { chatId }, itemIndex })) as IDataObject;
	},
};
