import type { WahaHint } from '../transport/errors';

/** WAHA's answer for a chat WhatsApp does not know (a 500 "… not found" from the engine). */
export function unknownChatHint(doing: string, chatId: string): WahaHint {
	return {
		status: 500,
		match: /not found/i,
		message: `Cannot ${doing} chat ${chatId}: WhatsApp does not know this chat`,
		description: 'Check the chat id, e.g. with Chat › Get Many',
	};
}

/** WAHA's 404 for a message id that is not in the chat. */
export function unknownMessageHint(messageId: string, chatId: string): WahaHint {
	return {
		status: 404,
		message: `Message ${messageId} was not found in chat ${chatId}`,
		description: 'Check the message ID and the chat, e.g. with Chat › Get History',
	};
}
