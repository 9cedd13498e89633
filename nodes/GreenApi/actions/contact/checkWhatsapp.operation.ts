import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import type { Operation } from '../types';
import { phoneNumberField, readPhoneNumber } from './phoneNumber';

export const checkWhatsapp: Operation = {
	value: 'checkWhatsapp',
	name: 'Check WhatsApp',
	action: 'Check whether a phone number uses WhatsApp',
	description: 'Find out whether a phone number has a WhatsApp account, e.g. before sending to it',
	properties: [
		{
			...phoneNumberField('The phone number to check'),
			description:
				"The phone number to check, with country code, in any common writing, e.g. +7 900 123-45-67 or 79001234567. GREEN-API's free plan allows only a small number of these checks per month; past it the check fails with HTTP 466 (quota used up).",
		},
		optionsCollection(),
	],
	async execute(itemIndex) {
		const phoneNumber = readPhoneNumber(this, itemIndex);
		const answer = (await greenApiRequest.call(this, { method: 'checkWhatsapp', body: { phoneNumber }, itemIndex })) as {
			existsWhatsapp?: unknown;
		};
		const existsWhatsapp = answer?.existsWhatsapp === true;
		return { phoneNumber, existsWhatsapp, ...(existsWhatsapp ? { chatId: `${phoneNumber}@c.us` } : {}) };
	},
};
