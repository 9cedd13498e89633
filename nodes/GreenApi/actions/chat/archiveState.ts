import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { apiMessageOf } from '../../transport/errors';
import { readChatId } from '../common';

/** GREEN-API's 400 for a chat that is already in the asked state: `… already archive=true`. */
const ALREADY = /already archive=(true|false)/i;

/**
 * Archives or unarchives the chat of one item. A chat that is already in the asked state is a success with
 * `changed: false`.
 */
export async function setArchived(
	this: IExecuteFunctions,
	itemIndex: number,
	archived: boolean,
): Promise<IDataObject> {
	const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
	const method = archived ? 'archiveChat' : 'unarchiveChat';
	try {
		await greenApiRequest.call(this, {
			method,
			body: { chatId },
			itemIndex,
			hints: [
				{
					status: 400,
					match: /last message not found/i,
					message: `Cannot archive chat ${chatId}: it has no messages, or the chat id is wrong`,
					description:
						'WhatsApp archives only chats with at least one message (and GREEN-API must have seen an incoming one: enable incoming notifications on the instance). Check the chat id.',
				},
				{
					status: 400,
					match: /not found/i,
					message: `Cannot ${archived ? 'archive' : 'unarchive'} chat ${chatId}: GREEN-API does not know this chat`,
					description: 'Check the chat id, e.g. with the Chat › Get Many operation',
				},
			],
		});
		return { chatId, archived, changed: true };
	} catch (error) {
		const already = ALREADY.exec(apiMessageOf(error));
		if (already && (already[1].toLowerCase() === 'true') === archived) return { chatId, archived, changed: false };
		throw error;
	}
}
