import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { journalFields, optionsCollection, readJournal } from '../common';
import type { Operation } from '../types';

export const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many statuses',
	description: 'Get the statuses of contacts (incoming) or of the account (outgoing) of the last minutes',
	properties: [...journalFields('Statuses'), optionsCollection()],
	async execute(itemIndex) {
		const { direction, minutes } = readJournal(this, itemIndex);
		const statuses = (await greenApiRequest.call(this, {
			method: direction === 'incoming' ? 'getIncomingStatuses' : 'getOutgoingStatuses',
			qs: { minutes },
			itemIndex,
			longAnswer: true,
		})) as IDataObject[];
		return Array.isArray(statuses) ? statuses : [];
	},
};
