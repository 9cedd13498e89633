import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { journalFields, optionsCollection, readJournal } from '../common';
import type { Operation } from '../types';

export const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many calls',
	description: 'Get the WhatsApp calls the account received or made in the last minutes, from GREEN-API\'s call journal',
	properties: [...journalFields('Calls'), optionsCollection()],
	async execute(itemIndex) {
		const { direction, minutes } = readJournal(this, itemIndex);
		const calls = (await greenApiRequest.call(this, {
			method: direction === 'incoming' ? 'lastIncomingCalls' : 'lastOutgoingCalls',
			qs: { minutes },
			itemIndex,
			longAnswer: true,
		})) as IDataObject[];
		return Array.isArray(calls) ? calls : [];
	},
};
