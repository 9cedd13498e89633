import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { chatTypeFilter, filtersCollection } from '../../fields/filters';
import { optionsCollection, readLimit, returnAllFields } from '../common';
import type { Operation } from '../types';

interface Chat extends IDataObject {
	id: string;
	type: string;
	archive: boolean;
}

const CHAT_TYPE_OF_FILTER: Record<string, string | undefined> = { any: undefined, personal: 'user', group: 'group' };
const ARCHIVE_OF_FILTER: Record<string, boolean | undefined> = { any: undefined, archived: true, notArchived: false };

/** Whether a chat passes the Chat Type and Archive State filters. */
export function chatMatches(chat: Chat, filters: { chatType?: string; archiveState?: string }): boolean {
	const type = CHAT_TYPE_OF_FILTER[filters.chatType ?? 'any'];
	const archived = ARCHIVE_OF_FILTER[filters.archiveState ?? 'any'];
	return (type === undefined || chat.type === type) && (archived === undefined || chat.archive === archived);
}

export const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many chats',
	description: 'List the chats of the account, most recently active first',
	properties: [
		...returnAllFields(),
		filtersCollection([
			{
				displayName: 'Archive State',
				name: 'archiveState',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Not Archived', value: 'notArchived' },
				],
				default: 'any',
				description: 'Only archived chats, only chats not archived, or any (e.g. Not Archived to pick chats to archive)',
			},
			chatTypeFilter('Only chats of this type'),
		]),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const limit = readLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as { chatType?: string; archiveState?: string };
		const filtered = Object.values(filters).some((value) => value !== undefined && value !== 'any');
		// Without filters the API can stop at the limit; with them, filter everything first, then take the limit.
		const qs = limit !== undefined && !filtered ? { count: limit } : undefined;
		const chats = (await greenApiRequest.call(this, { method: 'getChats', qs, itemIndex, longAnswer: true })) as Chat[];
		const matching = Array.isArray(chats) ? chats.filter((chat) => chatMatches(chat, filters)) : [];
		return limit === undefined ? matching : matching.slice(0, limit);
	},
};
