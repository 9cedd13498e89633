import type { IDataObject } from 'n8n-workflow';

import type { Answer } from './config';

/** A link of the question: the n8n-signed address that shows its page, and the text of its button. */
export interface SignedLink {
	answer: Answer;
	label: string;
	url: string;
}

/**
 * The GREEN-API call that asks the question: URL buttons (sendInteractiveButtons, up to 3) in a personal chat, or a
 * text message listing the links (groups, where WhatsApp allows no buttons, or when asked), link previews off.
 */
export function waitRequest(chatId: string, message: string, links: SignedLink[], asText: boolean): { method: string; body: IDataObject } {
	if (asText || chatId.endsWith('@g.us')) {
		const lines = links.map((link) => `${link.label}: ${link.url}`).join('\n');
		return { method: 'sendMessage', body: { chatId, message: `${message}\n\n${lines}`, linkPreview: false } };
	}
	return {
		method: 'sendInteractiveButtons',
		body: {
			chatId,
			body: message,
			buttons: links.map((link, index) => ({ type: 'url', buttonId: String(index + 1), buttonText: link.label, url: link.url })),
		},
	};
}
