import type { INodeProperties } from 'n8n-workflow';

import {
	CHAT_ID_FORMATS,
	CHAT_ID_PATTERN,
	type ChatIdKind,
	EXACT_ID_FORMATS,
	PHONE_FORMAT,
	PHONE_PATTERN,
} from '../helpers/chatId';
import { FROM_VERSION_2, VERSION_1 } from './versions';

/** The list a kind of chat field picks from (the node's methods.listSearch). */
export const LIST_OF: Record<ChatIdKind, { searchListMethod: string; placeholder: string }> = {
	any: { searchListMethod: 'searchChats', placeholder: 'Select a chat...' },
	personal: { searchListMethod: 'searchContacts', placeholder: 'Select a contact...' },
	group: { searchListMethod: 'searchGroups', placeholder: 'Select a group...' },
};

const EXAMPLE_ID: Record<ChatIdKind, string> = {
	any: '79001234567@c.us',
	personal: '79001234567@c.us',
	group: '120363043968066561@g.us',
};

/** A picker's label: the field's without " ID" (Chat ID → Chat), as n8n's own pickers are named. */
export function locatorLabel(displayName: string): string {
	return displayName.replace(/ ID$/, '');
}

/**
 * A chat, group or participant field. Version 1 keeps the typed id its saved workflows hold (a plain string); from
 * version 2 on it is a picker: From List (searchable), By ID, By Phone Number. readChatId() reads both.
 */
export function chatField(name: string, displayName: string, kind: ChatIdKind, description: string): INodeProperties[] {
	return [
		{
			displayName,
			name,
			type: 'string',
			required: true,
			default: '',
			placeholder: EXAMPLE_ID[kind],
			description: `${description}: ${CHAT_ID_FORMATS[kind]}`,
			displayOptions: { show: VERSION_1 },
		},
		{
			displayName: locatorLabel(displayName),
			name,
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			description,
			// From List, By ID, and for chats that can be people, By Phone Number
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: LIST_OF[kind].placeholder,
					typeOptions: { searchListMethod: LIST_OF[kind].searchListMethod, searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: EXAMPLE_ID[kind],
					validation: [
						{ type: 'regex', properties: { regex: CHAT_ID_PATTERN[kind], errorMessage: `Not ${EXACT_ID_FORMATS[kind]}` } },
					],
				},
				...(kind === 'group'
					? []
					: [
							{
								displayName: 'By Phone Number',
								name: 'phone',
								type: 'string' as const,
								placeholder: '+7 900 123-45-67',
								validation: [{ type: 'regex' as const, properties: { regex: PHONE_PATTERN, errorMessage: `Not ${PHONE_FORMAT}` } }],
							},
						]),
			],
			displayOptions: { show: FROM_VERSION_2 },
		},
	];
}
