import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readChatId } from '../../../GreenApi/actions/common';
import { escapePathPart, wahaRequest } from '../../transport';
import { unknownChatHint } from '../hints';

/**
 * Archives or unarchives the chat of one item, with the GREEN-API node's output `{chatId, archived, changed}`.
 * WAHA does not say whether the chat was already in the asked state, so `changed` is null (unknown); a chat.archive
 * webhook tells the changes themselves.
 */
export async function setArchived(this: IExecuteFunctions, itemIndex: number, archived: boolean): Promise<IDataObject> {
	const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
	const verb = archived ? 'archive' : 'unarchive';
	await wahaRequest.call(this, {
		action: `${verb} chat ${chatId}`,
		httpMethod: 'POST',
		path: `chats/${escapePathPart(chatId)}/${verb}`,
		itemIndex,
		hints: [unknownChatHint(verb, chatId)],
	});
	return { chatId, archived, changed: null };
}
