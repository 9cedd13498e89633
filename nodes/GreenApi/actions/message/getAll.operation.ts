import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { journalFields, optionsCollection, readJournal, readLimit, returnAllFields } from '../common';
import type { Operation } from '../types';

export const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many messages',
	description: 'Get the messages the whole account received or sent in the last minutes, from GREEN-API’s journals, newest first',
	properties: [...journalFields('Messages'), ...returnAllFields(), optionsCollection()],
	async execute(itemIndex) {
		const { direction, minutes } = readJournal(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const messages = (await greenApiRequest.call(this, {
			method: direction === 'incoming' ? 'lastIncomingMessages' : 'lastOutgoingMessages',
			qs: { minutes },
			itemIndex,
			longAnswer: true,
		})) as IDataObject[];
		const list = Array.isArray(messages) ? messages : [];
		return limit === undefined ? list : list.slice(0, limit);
	},
};
