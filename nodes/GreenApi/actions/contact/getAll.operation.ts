import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { filtersCollection } from '../../fields/filters';
import { invalidField, optionsCollection, readLimit, returnAllFields } from '../common';
import type { Operation } from '../types';

/** The Contact Type filter's values as GREEN-API's `type`. */
const TYPE_OF_FILTER: Record<string, string | undefined> = { any: undefined, user: 'user', group: 'group' };

export const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: "List the account's contacts: people and groups, with their names",
	properties: [
		...returnAllFields(),
		filtersCollection([
			{
				displayName: 'Contact Type',
				name: 'contactType',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Group', value: 'group', description: 'Groups the account is a member of' },
					{ name: 'User', value: 'user', description: 'People (…@c.us and …@lid)' },
				],
				default: 'any',
				description: 'Only contacts of this type, e.g. User',
			},
		]),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const limit = readLimit(this, itemIndex);
		const { contactType = 'any' } = this.getNodeParameter('filters', itemIndex, {}) as { contactType?: string };
		if (!(contactType in TYPE_OF_FILTER)) {
			throw invalidField(this, itemIndex, 'Contact Type', contactType, '"any", "user" or "group"');
		}
		const type = TYPE_OF_FILTER[contactType];
		const contacts = (await greenApiRequest.call(this, { method: 'getContacts', itemIndex, longAnswer: true })) as IDataObject[];
		const matching = Array.isArray(contacts) ? contacts.filter((contact) => type === undefined || contact.type === type) : [];
		return limit === undefined ? matching : matching.slice(0, limit);
	},
};
