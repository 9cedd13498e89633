import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { readChatId } from '../common';

/** What the transport returns when GREEN-API says the chat is already in the asked state. */
const UNCHANGED = Symbol('unchanged');

/**
 * Archives or unarchives the chat of one item. A chat that is already in the asked state is a success with
 * `changed: false` (GREEN-API answers 400 "… already archive=true|false").
 */
export async function setArchived(
	this: IExecuteFunctions,
	itemIndex: number,
	archived: boolean,
): Promise<IDataObject> {
	const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
	const verb = archived ? 'archive' : 'unarchive';
	const answer = await greenApiRequest.call(this, {
		method: `${verb}Chat`,
		body: { chatId },
		itemIndex,
		hints: [
			{ status: 400, match: new RegExp(`already archive=${archived}`, 'i'), result: UNCHANGED },
			{
				status: 400,
				match: /last message not found/i,
				message: `Cannot archive chat ${chatId}: it has no messages, or the chat id is wrong`,
				description:
					'WhatsApp archives only chats with at least one message, and GREEN-API must have seen an incoming one (enable incoming notifications on the instance). Check the chat id.',
			},
			{
				status: 400,
				match: /not found/i,
				message: `Cannot ${verb} chat ${chatId}: GREEN-API does not know this chat`,
				description: 'Check the chat id, e.g. with the Chat › Get Many operation',
			},
		],
	});
	return { chatId, archived, changed: answer !== UNCHANGED };
}
