import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import type { Operation } from '../types';

export const getMessages: Operation = {
	value: 'getMessages',
	name: 'Get Messages',
	action: 'Get the messages waiting to be sent',
	description: "Get the messages in the instance's outgoing queue, oldest first, one item each",
	properties: [optionsCollection()],
	async execute(itemIndex) {
		const messages = (await greenApiRequest.call(this, { method: 'showMessagesQueue', itemIndex, longAnswer: true })) as IDataObject[];
		return Array.isArray(messages) ? messages : [];
	},
};
