import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isResourceLocatorValue, NodeOperationError } from 'n8n-workflow';

import {
	CHAT_ID_FORMATS,
	type ChatIdKind,
	EXACT_ID_FORMATS,
	exactChatId,
	normalizeChatId,
	PHONE_FORMAT,
	phoneChatId,
} from '../helpers/chatId';
import { locatorLabel } from '../fields/chatLocator';

/** The option every operation has: keep calls within GREEN-API's per-second limits. */
export const paceRequestsOption: INodeProperties = {
	displayName: 'Pace Requests',
	name: 'paceRequests',
	type: 'boolean',
	default: true,
	description:
		"Whether to space calls at GREEN-API's documented per-second limits so that large runs do not get rate-limited. Turn off only when something else already limits the rate.",
};

/** The option every operation has: how long to wait for GREEN-API (transport/guard.ts has the defaults). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 0.1, maxValue: 3600, numberPrecision: 1 },
	default: 60,
	description:
		'How long to wait for GREEN-API to start answering, and then between parts of a long answer or a file download, before the attempt fails as timed out, e.g. 60',
};

/** An operation's "Options" collection: its own options, then Pace Requests and Timeout. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...own, paceRequestsOption, timeoutOption],
	};
}

export function chatIdField(
	name: string,
	displayName: string,
	kind: ChatIdKind,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: kind === 'group' ? '120363043968066561@g.us' : '79001234567@c.us',
		description: `${description}: ${CHAT_ID_FORMATS[kind]}`,
	};
}

/** Fails an item whose field holds a value the operation cannot send. */
export function invalidField(
	context: IExecuteFunctions,
	itemIndex: number,
	displayName: string,
	value: unknown,
	expected: string,
): NodeOperationError {
	const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
	return new NodeOperationError(
		context.getNode(),
		`Invalid ${displayName} ${shown} in item ${itemIndex}: expected ${expected}`,
		{ itemIndex, description: `Change the "${displayName}" field (or the expression that fills it) for this item` },
	);
}

/** Fails an item whose list field holds too few or too many entries, naming how many it has. */
export function invalidCount(
	context: IExecuteFunctions,
	itemIndex: number,
	displayName: string,
	count: number,
	noun: [one: string, many: string],
	expected: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Invalid ${displayName} in item ${itemIndex}: ${count} ${count === 1 ? noun[0] : noun[1]} given, expected ${expected}`,
		{ itemIndex, description: `Change the "${displayName}" field (or the expression that fills it) for this item` },
	);
}

/** How a chat field's value is read, and what the error says it expects. */
interface ChatReader {
	read: (value: unknown, kind: ChatIdKind) => string | undefined;
	expected: (kind: ChatIdKind) => string;
}

/** A typed id (version 1, WAHA) and a value picked From List: an id or a phone number. */
const READ_ANY: ChatReader = { read: normalizeChatId, expected: (kind) => CHAT_ID_FORMATS[kind] };

/** How each picker mode reads its value: By Phone Number takes only phone numbers, By ID only ids. */
const READ_BY_MODE: Record<string, ChatReader> = {
	list: READ_ANY,
	id: {
		read: exactChatId,
		expected: (kind) => (kind === 'group' ? EXACT_ID_FORMATS.group : `${EXACT_ID_FORMATS[kind]} (for a phone number choose "By Phone Number")`),
	},
	phone: { read: phoneChatId, expected: () => PHONE_FORMAT },
};

/** The reader of a picker's mode; a mode the field does not have (a group By Phone Number, a typo) has none. */
function readerOfMode(mode: unknown, kind: ChatIdKind): ChatReader | undefined {
	if (kind === 'group' && mode === 'phone') return undefined;
	return Object.hasOwn(READ_BY_MODE, String(mode)) ? READ_BY_MODE[String(mode)] : undefined;
}

/**
 * The chat id in field `name` for this item, normalised; fails the item, before any request, when it is not one.
 * The field is a typed id (node version 1, the WAHA node) or a picker (chatField, from version 2 on).
 */
export function readChatId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	kind: ChatIdKind,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const picked = isResourceLocatorValue(raw);
	const label = picked ? locatorLabel(displayName) : displayName;
	const mode = picked ? raw.mode : undefined;
	const value = picked ? raw.value : raw;
	const reader = picked ? readerOfMode(mode, kind) : READ_ANY;
	if (!reader) {
		const modes = kind === 'group' ? 'From List or By ID' : 'From List, By ID or By Phone Number';
		throw new NodeOperationError(context.getNode(), `The ${label} of item ${itemIndex} has an unknown mode ${JSON.stringify(mode)}`, {
			itemIndex,
			description: `Choose ${modes} for the "${label}" field`,
		});
	}
	if (value === undefined || value === null || String(value).trim() === '') {
		throw new NodeOperationError(context.getNode(), `The ${label} of item ${itemIndex} is empty: expected ${reader.expected(kind)}`, {
			itemIndex,
			description: `Fill in the "${label}" field, or check that the expression in it gives a value for this item`,
		});
	}
	const chatId = reader.read(value, kind);
	if (chatId === undefined) throw invalidField(context, itemIndex, label, value, reader.expected(kind));
	return chatId;
}

/** A whole number of at least 1 from field `name`; fails the item otherwise. */
export function readPositiveInteger(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
): number {
	const value = context.getNodeParameter(name, itemIndex, 0);
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw invalidField(context, itemIndex, displayName, value, 'a whole number of at least 1');
	}
	return number;
}

/** A "Limit" field as n8n's own nodes have it (n8n's scanner wants it to start at 50). */
export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};

/** Get Many's "Return All" and "Limit" fields, as n8n's own nodes have them. */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{ ...limitField, displayOptions: { show: { returnAll: [false] } } },
	];
}

/** The item's limit from returnAllFields(): undefined when Return All is on. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : readPositiveInteger(context, itemIndex, 'limit', 'Limit');
}

/**
 * The text in field `name`, as it will be sent: fails the item, before any request, when it is empty (or only
 * spaces) or longer than `maxLength` characters. `optional` fields may be empty: then undefined.
 */
export function readText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	{ maxLength, optional = false }: { maxLength?: number; optional?: boolean } = {},
): string | undefined {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string') throw invalidField(context, itemIndex, displayName, value, 'text');
	if (text.trim() === '') {
		if (optional) return undefined;
		throw invalidField(context, itemIndex, displayName, value, maxLength ? `text of 1 to ${maxLength} characters` : 'some text');
	}
	if (maxLength !== undefined && text.length > maxLength) {
		throw invalidField(
			context,
			itemIndex,
			displayName,
			`${text.slice(0, 40)}…`,
			`at most ${maxLength} characters (it has ${text.length})`,
		);
	}
	return text;
}

/**
 * The journal fields of the "Get Many" operations that read GREEN-API's journals (messages, statuses, calls):
 * which direction, and how far back.
 */
export function journalFields(noun: string): INodeProperties[] {
	return [
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: [
				{ name: 'Incoming', value: 'incoming', description: `${noun} received by the instance` },
				{ name: 'Outgoing', value: 'outgoing', description: `${noun} sent from the instance (phone or API)` },
			],
			default: 'incoming',
			description: `Whether to get the ${noun.toLowerCase()} received or sent`,
		},
		{
			displayName: 'Minutes',
			name: 'minutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1440,
			description: 'How far back to look, in minutes (1440 = the last 24 hours), e.g. 60',
		},
	];
}

/** The journal fields' values for an item: direction and minutes (a whole number of at least 1). */
export function readJournal(
	context: IExecuteFunctions,
	itemIndex: number,
): { direction: 'incoming' | 'outgoing'; minutes: number } {
	const direction = context.getNodeParameter('direction', itemIndex, 'incoming') as string;
	if (direction !== 'incoming' && direction !== 'outgoing') {
		throw invalidField(context, itemIndex, 'Direction', direction, '"incoming" or "outgoing"');
	}
	return { direction, minutes: readPositiveInteger(context, itemIndex, 'minutes', 'Minutes') };
}

/**
 * GREEN-API's answer to a call that reports success with a flag (`{leaveGroup: true}`, `{isCleared: true}`, …):
 * fails the item with `message` when the flag is not `true`, adding GREEN-API's `reason` when it gives one.
 */
export function requireFlag(
	context: IExecuteFunctions,
	itemIndex: number,
	answer: unknown,
	flag: string,
	message: string,
	description: string,
): IDataObject {
	const fields = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	if (fields[flag] === true) return fields;
	const reason = typeof fields.reason === 'string' && fields.reason ? ` (GREEN-API: ${fields.reason})` : '';
	throw new NodeOperationError(context.getNode(), `${message}${reason}`, {
		itemIndex,
		description: `GREEN-API answered ${flag}: ${JSON.stringify(fields[flag] ?? null)}. ${description}`,
	});
}
