import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { phoneDigits } from '../helpers/chatId';
import { greenApiRequest } from '../transport';

/** How many entries one page of a picker's list shows. */
export const PAGE_SIZE = 50;

/** A chat or contact as getChats and getContacts list it. */
interface Listed {
	id?: unknown;
	name?: unknown;
	contactName?: unknown;
	type?: unknown;
}

/** What a picker shows for an entry: its name and its id (the id alone when it has no name). */
function entryOf(listed: Listed): INodeListSearchItems | undefined {
	if (typeof listed?.id !== 'string' || listed.id === '') return undefined;
	const name = [listed.name, listed.contactName].find((text) => typeof text === 'string' && text.trim() !== '') as string | undefined;
	return { name: name ? `${name.trim()} (${listed.id})` : listed.id, value: listed.id };
}

/**
 * Whether an entry matches what was typed in the picker's search box: its name or id contains the text (any case),
 * or, for a phone number in any writing, its id contains those digits.
 */
function matches(entry: INodeListSearchItems, filter: string): boolean {
	const text = filter.trim().toLowerCase();
	if (text === '') return true;
	if (entry.name.toLowerCase().includes(text)) return true;
	const digits = phoneDigits(text) ?? (/^\+?\d+$/.test(text) ? text.replace(/^\+/, '') : undefined);
	return digits !== undefined && String(entry.value).includes(digits);
}

/** The entries a list holds, as a picker shows them (entries without an id left out). */
export function entriesOf(listed: unknown): INodeListSearchItems[] {
	return (Array.isArray(listed) ? (listed as Listed[]) : [])
		.map(entryOf)
		.filter((entry): entry is INodeListSearchItems => entry !== undefined);
}

/** One page of the entries that match `filter`; the token is where the next page starts. */
export function pageOf(entries: INodeListSearchItems[], filter = '', paginationToken?: string): INodeListSearchResult {
	const found = entries.filter((entry) => matches(entry, filter));
	const start = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const end = start + PAGE_SIZE;
	return { results: found.slice(start, end), paginationToken: end < found.length ? String(end) : undefined };
}

async function listOf(context: ILoadOptionsFunctions, method: 'getChats' | 'getContacts'): Promise<Listed[]> {
	const answer = await greenApiRequest.call(context, { method, longAnswer: true });
	return Array.isArray(answer) ? (answer as Listed[]) : [];
}

const byName = (a: INodeListSearchItems, b: INodeListSearchItems): number => a.name.localeCompare(b.name);

/** The pickers' lists: chats (getChats, most recent first), groups and contacts (getContacts, by name). */
export const listSearch = {
	async searchChats(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return pageOf(entriesOf(await listOf(this, 'getChats')), filter, paginationToken);
	},
	async searchGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const groups = (await listOf(this, 'getContacts')).filter((listed) => listed.type === 'group');
		return pageOf(entriesOf(groups).sort(byName), filter, paginationToken);
	},
	async searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const people = (await listOf(this, 'getContacts')).filter((listed) => listed.type !== 'group');
		return pageOf(entriesOf(people).sort(byName), filter, paginationToken);
	},
};
