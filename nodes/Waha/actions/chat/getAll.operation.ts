import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** Fails the item when WAHA answers a later page with the first one again: paging would never end or repeat chats. */
function ignoredOffset(context: IExecuteFunctions, itemIndex: number): never {
	throw new NodeOperationError(context.getNode(), 'WAHA ignored the offset of Get Many: it answered a later page with the first chats again', {
		itemIndex,
		description: `This WAHA version does not page the chat list: update WAHA, or turn Return All off and set a Limit of at most ${CHATS_PAGE_SIZE}`,
	});
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
			const entries = (Array.isArray(page) ? (page as IDataObject[]) : []).map((chat) => ({ chatId: chatIdOf(chat), ...chat }) as IDataObject);
			if (entries.length > pageSize) {
				// a WAHA that ignores limit and offset answers every chat at once
				return chats.length === 0 ? entries.slice(0, limit) : ignoredOffset(this, itemIndex);
			}
			if (chats.length > 0 && entries.length > 0 && entries[0].chatId === chats[0].chatId) return ignoredOffset(this, itemIndex);
			chats.push(...entries);
			if (entries.length < pageSize || (limit !== undefined && chats.length >= limit)) break;
		}
		return chats;
	},
};
