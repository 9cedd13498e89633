import type { IDataObject, IHookFunctions, INodeProperties, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import { EVENTS, parseChatIdList, type TriggerFilters } from './events';
import { chatTypeFilter, filtersCollection } from '../fields/filters';

/**
 * The trigger's subtitle: the selected events by name, not by id. n8n evaluates it in the editor, so the names are
 * written into the expression.
 */
export const EVENTS_SUBTITLE = `={{ ($parameter["events"] || []).map((value) => (${JSON.stringify(
	Object.fromEntries(EVENTS.map(({ value, name }) => [value, name])),
)})[value] || value).join(", ") }}`;

/** The "Events" list both triggers offer, from the one catalogue. */
export function eventsProperty(defaults: string[], extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: EVENTS.map(({ name, value, description, action }) => ({ name, value, description, action })),
		// a copy: n8n's editor may change a default it shows
		default: [...defaults],
		description: 'The events that start the workflow; other events are acknowledged and dropped',
		...extra,
	};
}

/** The "Filters" both triggers offer. */
export const triggerFilters: INodeProperties = filtersCollection([
	{
		displayName: 'Archive State',
		name: 'archiveState',
		type: 'options',
		options: [
			{ name: 'Archived or Unarchived', value: 'both' },
			{ name: 'Archived Only', value: 'archived' },
			{ name: 'Unarchived Only', value: 'unarchived' },
		],
		default: 'both',
		description: 'For chat.archive events: which changes start the workflow, e.g. Archived Only',
	},
	{
		displayName: 'Chat IDs',
		name: 'chatIds',
		type: 'string',
		default: '',
		placeholder: '79001234567@c.us, 120363043968066561@g.us',
		description:
			'Only events about these chats (separated by commas or new lines; phone numbers allowed), e.g. 79001234567@c.us. Events without a chat are not filtered.',
	},
	chatTypeFilter('Only events about chats of this type, e.g. Group. Events without a chat are not filtered.'),
]);

/** The selected events and filters, as the node's parameters say. */
export function readTriggerFilters(context: IWebhookFunctions | ITriggerFunctions | IHookFunctions): TriggerFilters {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	return {
		events: context.getNodeParameter('events', []) as string[],
		archiveState: filters.archiveState as string | undefined,
		chatIds: parseChatIdList(String(filters.chatIds ?? '')),
		chatType: filters.chatType as string | undefined,
	};
}

/**
 * The webhook trigger's description. n8n's node creator shows the GREEN-API node and this trigger as one entry, with
 * the trigger's description (also in the package's details header), so it describes what the package does.
 */
export const PACKAGE_DESCRIPTION =
	'Send WhatsApp messages and files, manage chats, groups, contacts and statuses, and start workflows on messages, statuses, calls and archived chats, through GREEN-API or WAHA';
