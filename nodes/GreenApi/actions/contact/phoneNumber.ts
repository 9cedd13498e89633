import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneDigits } from '../../helpers/chatId';
import { invalidField } from '../common';

/** A Phone Number field (any common writing), for methods that take GREEN-API's integer `phoneNumber`. */
export function phoneNumberField(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+7 900 123-45-67',
		description: `${description}, with country code, in any common writing, e.g. +7 900 123-45-67 or 79001234567`,
	};
}

/** The Phone Number field (or a personal `…@c.us` id) as the integer GREEN-API wants; fails the item otherwise. */
export function readPhoneNumber(context: IExecuteFunctions, itemIndex: number): number {
	const value = context.getNodeParameter('phoneNumber', itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/@c\.us$/, '') : '';
	const digits = phoneDigits(text);
	if (digits === undefined) {
		throw invalidField(context, itemIndex, 'Phone Number', value, 'a phone number with country code, e.g. +7 900 123-45-67 or 79001234567');
	}
	return Number(digits);
}
