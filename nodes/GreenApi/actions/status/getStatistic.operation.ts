import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import { messageIdField, readMessageId } from '../message/fields';
import type { Operation } from '../types';

export const getStatistic: Operation = {
	value: 'getStatistic',
	name: 'Get Statistic',
	action: 'Get who saw a status',
	description: 'Get who a status was delivered to and who saw it: one item per contact',
	properties: [messageIdField('The status sent by the account'), optionsCollection()],
	async execute(itemIndex) {
		const idMessage = readMessageId(this, itemIndex);
		const views = (await greenApiRequest.call(this, { method: 'getStatusStatistic', qs: { idMessage }, itemIndex })) as IDataObject[];
		return (Array.isArray(views) ? views : []).map((view) => ({ idMessage, ...view }));
	},
};
