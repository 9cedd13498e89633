import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { normalizeChatId } from '../helpers/chatId';

/**
 * The events both triggers can start on, in the order of their names (as the editor lists them): a plain name (the node creator shows `action`), the detail in the
 * description, and the GREEN-API notification flag each one needs. The values are saved in workflows: never change
 * them.
 */
export const EVENTS: Array<INodePropertyOptions & { value: string; action: string; flag?: string }> = [
	{
		name: 'Chat Archived or Unarchived',
		value: 'chat.archive',
		action: 'On chat archived or unarchived',
		description: 'Sent by WAHA; for a GREEN-API instance the GREEN-API Queue Trigger detects it by comparing the chat list once per poll period (chat.archive)',
	},
	{
		name: 'Chat Blocked',
		value: 'incomingBlock',
		action: 'On chat blocked',
		description: 'A chat was blocked or unblocked, or reported as spam (incomingBlock)',
		flag: 'incomingBlockWebhook',
	},
	{
		name: 'Device Info',
		value: 'deviceInfo',
		action: 'On device info',
		description: "The linked phone's model, OS and battery level (deviceInfo)",
		flag: 'deviceWebhook',
	},
	{
		name: 'Incoming Call',
		value: 'incomingCall',
		action: 'On incoming call',
		description: 'A call to the linked phone: offered, answered, missed or declined (incomingCall)',
		flag: 'incomingCallWebhook',
	},
	{
		name: 'Instance State Changed',
		value: 'stateInstanceChanged',
		action: 'On instance state changed',
		description: 'The instance became authorized, not authorized, blocked, starting and so on (stateInstanceChanged)',
		flag: 'stateWebhook',
	},
	{
		name: 'Message Received',
		value: 'incomingMessageReceived',
		action: 'On message received',
		description: 'A message sent to the linked phone, in a personal chat or a group (incomingMessageReceived)',
		flag: 'incomingWebhook',
	},
	{
		name: 'Message Sent by an App',
		value: 'outgoingAPIMessageReceived',
		action: 'On message sent by an app',
		description: "A message sent through GREEN-API's API, by n8n or any other app (outgoingAPIMessageReceived)",
		flag: 'outgoingAPIMessageWebhook',
	},
	{
		name: 'Message Sent From the Phone',
		value: 'outgoingMessageReceived',
		action: 'On message sent from the phone',
		description: 'A message typed on the linked phone or in WhatsApp Web (outgoingMessageReceived)',
		flag: 'outgoingMessageWebhook',
	},
	{
		name: 'Message Status Changed',
		value: 'outgoingMessageStatus',
		action: 'On message status changed',
		description: 'A sent message became sent, delivered, read or failed (outgoingMessageStatus)',
		flag: 'outgoingWebhook',
	},
	{
		name: 'Outgoing Call',
		value: 'outgoingCall',
		action: 'On outgoing call',
		description: 'A call made from the linked phone, a GREEN-API beta: answered, not answered or failed (outgoingCall)',
		flag: 'outgoingCallWebhook',
	},
	{
		name: 'Phone Online or Offline',
		value: 'statusInstanceChanged',
		action: 'On phone online or offline',
		description: 'The linked phone went online or offline (statusInstanceChanged)',
		flag: 'stateWebhook',
	},
	{
		name: 'Quota Exceeded',
		value: 'quotaExceeded',
		action: 'On quota exceeded',
		description: "The instance's tariff quota is used up; sent whatever the flags (quotaExceeded)",
	},
];

/** The name of an event value, for subtitles and messages (the value itself when unknown). */
export function eventName(value: string): string {
	return EVENTS.find((event) => event.value === value)?.name ?? value;
}

/** The GREEN-API notification flags (`"yes"`) that the selected events need. */
export function flagsFor(events: string[]): IDataObject {
	const flags: IDataObject = {};
	for (const event of EVENTS) if (event.flag && events.includes(event.value)) flags[event.flag] = 'yes';
	return flags;
}

/** Every flag this node may turn on: what it keeps and restores. */
export const ALL_FLAGS = [...new Set(EVENTS.flatMap((event) => (event.flag ? [event.flag] : [])))];

/** One received event with its normalised fields; `body` is what the sender sent, untouched. */
export interface TriggerEvent {
	event: string;
	chatId?: string;
	timestamp?: number;
	archived?: boolean;
	session?: string;
	idInstance?: number | string;
	body: IDataObject;
}

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The chat a GREEN-API notification is about, where it has one. */
function greenApiChatId(body: IDataObject): string | undefined {
	const senderData = asObject(body.senderData);
	return asString(senderData?.chatId) ?? asString(body.chatId) ?? asString(body.from);
}

/**
 * The normalised event of a webhook body in either envelope — WAHA's (`event`, `session`, `payload`) or GREEN-API's
 * (`typeWebhook`, `instanceData`, `timestamp`) — or undefined when the body is in neither.
 */
export function normalizeEvent(body: IDataObject): TriggerEvent | undefined {
	const wahaEvent = asString(body.event);
	if (wahaEvent) {
		const payload = asObject(body.payload) ?? {};
		const envelopeMs = asNumber(body.timestamp);
		const event: TriggerEvent = {
			event: wahaEvent,
			chatId: asString(payload.id) ?? asString(payload.chatId) ?? asString(payload.from),
			timestamp: asNumber(payload.timestamp) ?? (envelopeMs === undefined ? undefined : Math.floor(envelopeMs / 1000)),
			session: asString(body.session),
			body,
		};
		if (wahaEvent === 'chat.archive' && typeof payload.archived === 'boolean') event.archived = payload.archived;
		return withoutUndefined(event);
	}
	const typeWebhook = asString(body.typeWebhook);
	if (typeWebhook) {
		const instanceData = asObject(body.instanceData);
		return withoutUndefined({
			event: typeWebhook,
			chatId: greenApiChatId(body),
			timestamp: asNumber(body.timestamp),
			idInstance: (asNumber(instanceData?.idInstance) ?? asString(instanceData?.idInstance)) as number | string,
			body,
		});
	}
	return undefined;
}

function withoutUndefined(event: TriggerEvent): TriggerEvent {
	for (const key of Object.keys(event) as Array<keyof TriggerEvent>) if (event[key] === undefined) delete event[key];
	return event;
}

export interface TriggerFilters {
	events: string[];
	/** For chat.archive: both, archived or unarchived. */
	archiveState?: string;
	/** Chat ids, normalised; empty keeps every chat. */
	chatIds?: string[];
	chatType?: string;
}

/**
 * Chat ids as a user types them in one field: separated by commas or new lines, phone numbers allowed. An entry that
 * is no chat id is kept as typed, so it matches nothing: a typo narrows the filter instead of opening it.
 */
export function parseChatIdList(text: string): string[] {
	return text
		.split(/[,;\n]+/)
		.map((part) => part.trim())
		.filter(Boolean)
		.map((entry) => normalizeChatId(entry, 'any') ?? entry);
}

/** Whether the workflow should start for this event. */
export function passesFilters(event: TriggerEvent, filters: TriggerFilters): boolean {
	if (!filters.events.includes(event.event)) return false;
	if (event.event === 'chat.archive' && filters.archiveState && filters.archiveState !== 'both') {
		if (event.archived !== (filters.archiveState === 'archived')) return false;
	}
	if (event.chatId === undefined) return true;
	if (filters.chatIds?.length && !filters.chatIds.includes(event.chatId)) return false;
	const isGroup = event.chatId.endsWith('@g.us');
	if (filters.chatType === 'group' && !isGroup) return false;
	if (filters.chatType === 'personal' && isGroup) return false;
	return true;
}

/** A URL fit to show in an error: without its query string and credentials. */
export function displayUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	} catch {
		return url.split('?')[0];
	}
}
