import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import type { Operation } from '../types';

export const getWhatsappSettings: Operation = {
	value: 'getWhatsappSettings',
	name: 'Get WhatsApp Settings',
	action: 'Get the WhatsApp account of the instance',
	description: "Get the WhatsApp account's phone number, profile picture, device ID and state",
	properties: [optionsCollection()],
	async execute(itemIndex) {
		return (await greenApiRequest.call(this, { method: 'getWaSettings', itemIndex })) as IDataObject;
	},
};
