import type { IDataObject } from 'n8n-workflow';

import { readLimit, returnAllFields } from '../../../GreenApi/actions/common';
import type { Operation } from '../../../GreenApi/actions/types';
import { wahaRequest } from '../../transport';

/** Chats asked for per request: small enough that WAHA answers quickly (its Chats page advises paging). */
export const CHATS_PAGE_SIZE = 100;

/** A chat's id as text: WEBJS gives whatsapp-web.js's `{_serialized}` object, NOWEB the text itself. */
function chatIdOf(chat: IDataObject): unknown {
	const id = chat.id as unknown;
	return id && typeof id === 'object' ? (id as { _serialized?: unknown })._serialized : id;
}

export const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many chats',
	description: 'List the chats of the session, most recently active first, a page of up to 100 at a time',
	properties: returnAllFields(),
	async execute(itemIndex) {
		const limit = readLimit(this, itemIndex);
		const chats: IDataObject[] = [];
		for (;;) {
			const pageSize = limit === undefined ? CHATS_PAGE_SIZE : Math.min(CHATS_PAGE_SIZE, limit - chats.length);
			const page = await wahaRequest.call(this, {
				action: 'list the chats',
				httpMethod: 'GET',
				path: 'chats',
				qs: { limit: pageSize, offset: chats.length },
				itemIndex,
				longAnswer: true,
			});
			const entries = Array.isArray(page) ? (page as IDataObject[]) : [];
			for (const chat of entries) chats.push({ chatId: chatIdOf(chat), ...chat } as IDataObject);
			if (entries.length < pageSize || (limit !== undefined && chats.length >= limit)) break;
		}
		return chats;
	},
};
