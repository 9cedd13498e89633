import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import { messageIdField, readMessageId } from '../message/fields';
import type { Operation } from '../types';

export const deleteStatus: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a status',
	description: 'Delete a status the account posted',
	properties: [messageIdField('The status to delete'), optionsCollection()],
	async execute(itemIndex) {
		const idMessage = readMessageId(this, itemIndex);
		await greenApiRequest.call(this, {
			method: 'deleteStatus',
			body: { idMessage },
			itemIndex,
			hints: [{ status: 400, match: /not found/i, message: `Status ${idMessage} was not found`, description: 'Check the ID, e.g. with Status › Get Many (outgoing)' }],
		});
		return { idMessage, deleted: true };
	},
};
