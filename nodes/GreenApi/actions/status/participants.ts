import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeChatId } from '../../helpers/chatId';
import { invalidField } from '../common';

/** The option that limits who sees a status. */
export const participantsOption: INodeProperties = {
	displayName: 'Participants',
	name: 'participants',
	type: 'string',
	default: '',
	placeholder: '79001234567@c.us, +44 20 7946 0958',
	description:
		'Only these contacts see the status: chat IDs or phone numbers, separated by commas or new lines, e.g. 79001234567@c.us. Empty: all contacts. Recipients must have your number in their contacts.',
};

/** The Participants option of an item as personal chat ids, or undefined when empty; fails the item on a bad id. */
export function readParticipants(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
	const value = context.getNodeParameter('options.participants', itemIndex, '') as unknown;
	const entries = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n;]/))
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (entries.length === 0) return undefined;
	return entries.map((entry) => {
		const chatId = normalizeChatId(entry, 'personal');
		if (!chatId) {
			throw invalidField(context, itemIndex, 'Participants', entry, 'personal chat ids or phone numbers, separated by commas');
		}
		return chatId;
	});
}
