import type { IDataObject } from 'n8n-workflow';

/**
 * After a send whose outcome is unknown (a timeout or a reset after the request went out, a 5xx), GREEN-API's
 * outgoing journal can say whether the message went out: a message to the same chat, of the same kind, with the same
 * text, sent by the API no earlier than the attempt began (less CLOCK_SKEW_S for the clocks of n8n and GREEN-API).
 * Found: the send succeeded and its idMessage is the answer. Not found: it may still be in GREEN-API's queue, so the
 * call fails saying so (it is never sent a second time).
 */
const CLOCK_SKEW_S = 30;

/** How to look a send up in the journal: the method, and whether a journal entry is that send. */
interface Lookup {
	journal: 'lastOutgoingMessages';
	matches(entry: IDataObject, body: IDataObject): boolean;
}

function textOf(entry: IDataObject): unknown {
	if (entry.typeMessage === 'textMessage') return entry.textMessage;
	if (entry.typeMessage === 'extendedTextMessage') return (entry.extendedTextMessage as IDataObject | undefined)?.text ?? entry.textMessage;
	return undefined;
}

const LOOKUPS: Record<string, Lookup> = {
	sendmessage: {
		journal: 'lastOutgoingMessages',
		matches: (entry, body) => textOf(entry) === body.message,
	},
	sendlocation: {
		journal: 'lastOutgoingMessages',
		matches: (entry, body) => {
			const location = entry.location as IDataObject | undefined;
			return entry.typeMessage === 'locationMessage' && location?.latitude === body.latitude && location?.longitude === body.longitude;
		},
	},
};

/** Whether GREEN-API's journal can tell if a call of `method` went out. */
export function canReconcile(method: string): boolean {
	return LOOKUPS[method.toLowerCase()] !== undefined;
}

/**
 * The journal entry that is this send, or undefined. `read` calls a (safe, retried) journal method with a query;
 * `startedAt` is when the first attempt began, in ms.
 */
export async function findSent(
	method: string,
	body: IDataObject,
	startedAt: number,
	now: number,
	read: (journal: string, qs: IDataObject) => Promise<unknown>,
): Promise<IDataObject | undefined> {
	const lookup = LOOKUPS[method.toLowerCase()];
	if (!lookup) return undefined;
	const minutes = Math.max(1, Math.ceil((now - startedAt) / 60_000 + CLOCK_SKEW_S / 60));
	const entries = await read(lookup.journal, { minutes });
	if (!Array.isArray(entries)) return undefined;
	const since = Math.floor(startedAt / 1000) - CLOCK_SKEW_S;
	return (entries as IDataObject[]).find(
		(entry) =>
			entry !== null &&
			typeof entry === 'object' &&
			entry.chatId === body.chatId &&
			entry.sendByApi !== false &&
			typeof entry.timestamp === 'number' &&
			entry.timestamp >= since &&
			typeof entry.idMessage === 'string' &&
			lookup.matches(entry, body),
	);
}
