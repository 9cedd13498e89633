import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readChatId, readText } from '../common';
import type { Operation } from '../types';
import { quotedMessageIdOption, readQuoted } from './fields';

/** A coordinate from field `name`, within ±`limit` degrees; fails the item otherwise. */
function readDegrees(context: IExecuteFunctions, itemIndex: number, name: string, displayName: string, limit: number): number {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > limit) {
		throw invalidField(context, itemIndex, displayName, value, `a number of degrees from -${limit} to ${limit}`);
	}
	return number;
}

export const sendLocation: Operation = {
	value: 'sendLocation',
	name: 'Send Location',
	action: 'Send a location',
	description: 'Send a point on the map to a chat',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to send the location to'),
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			required: true,
			typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
			default: 0,
			description: 'Degrees north (negative: south), from -90 to 90, e.g. 55.7539',
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			required: true,
			typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
			default: 0,
			description: 'Degrees east (negative: west), from -180 to 180, e.g. 37.6208',
		},
		optionsCollection([
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: 'The address shown under the map, e.g. Red Square, Moscow',
			},
			{
				displayName: 'Location Name',
				name: 'nameLocation',
				type: 'string',
				default: '',
				description: 'The name shown above the address, e.g. Head office',
			},
			quotedMessageIdOption,
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const latitude = readDegrees(this, itemIndex, 'latitude', 'Latitude', 90);
		const longitude = readDegrees(this, itemIndex, 'longitude', 'Longitude', 180);
		const nameLocation = readText(this, itemIndex, 'options.nameLocation', 'Location Name', { optional: true, maxLength: 1000 });
		const address = readText(this, itemIndex, 'options.address', 'Address', { optional: true, maxLength: 1000 });
		const body: IDataObject = {
			chatId,
			latitude,
			longitude,
			...(nameLocation ? { nameLocation } : {}),
			...(address ? { address } : {}),
			...readQuoted(this, itemIndex),
		};
		const answer = (await greenApiRequest.call(this, { method: 'sendLocation', body, itemIndex })) as IDataObject;
		return { chatId, idMessage: answer.idMessage };
	},
};
