import type { INodeProperties } from 'n8n-workflow';

/** A "Filters" collection of the given filters. */
export function filtersCollection(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: filters,
	};
}

/** The "Chat Type" filter of Get Many and of the trigger: any chat, groups, or chats with one person. */
export function chatTypeFilter(description: string): INodeProperties {
	return {
		displayName: 'Chat Type',
		name: 'chatType',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Group', value: 'group' },
			{ name: 'Personal', value: 'personal', description: 'Chats with one person (…@c.us and …@lid)' },
		],
		default: 'any',
		description,
	};
}
