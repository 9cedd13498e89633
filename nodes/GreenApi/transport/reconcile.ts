import type { IDataObject } from 'n8n-workflow';

/**
 * After a send whose outcome is unknown (a timeout or a reset after the request went out, a 5xx), GREEN-API's
 * outgoing journal can say whether the message went out: a message to the same chat, of the same kind, with the same
 * text, sent by the API no earlier than the attempt began (less CLOCK_SKEW_S for the clocks of n8n and GREEN-API).
 * Found: the send succeeded and its idMessage is the answer. Not found: the journal is read once more after
 * RECHECK_AFTER_MS (a send can wait in GREEN-API's queue a few seconds before it goes out); still not found, it may
 * yet be in that queue, so the call fails saying so (it is never sent a second time).
 */
const CLOCK_SKEW_S = 30;
export const RECHECK_AFTER_MS = 3000;

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
	sendpoll: {
		journal: 'lastOutgoingMessages',
		matches: (entry, body) => {
			const poll = entry.pollMessageData as IDataObject | undefined;
			return entry.typeMessage === 'pollMessage' && poll?.name === body.message;
		},
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
 * `sentFrom` is when the first attempt began, in wall-clock ms; `pause` waits (abortably) before the second look.
 */
export async function findSent(
	method: string,
	body: IDataObject,
	sentFrom: number,
	read: (journal: string, qs: IDataObject) => Promise<unknown>,
	pause: (ms: number) => Promise<void>,
): Promise<IDataObject | undefined> {
	const lookup = LOOKUPS[method.toLowerCase()];
	if (!lookup) return undefined;
	const since = Math.floor(sentFrom / 1000) - CLOCK_SKEW_S;
	const isThisSend = (entry: IDataObject) =>
		entry !== null &&
		typeof entry === 'object' &&
		entry.chatId === body.chatId &&
		entry.sendByApi !== false &&
		typeof entry.timestamp === 'number' &&
		entry.timestamp >= since &&
		typeof entry.idMessage === 'string' &&
		lookup.matches(entry, body);
	for (let look = 1; look <= 2; look++) {
		if (look === 2) await pause(RECHECK_AFTER_MS);
		const minutes = Math.max(1, Math.ceil((Date.now() - sentFrom) / 60_000 + CLOCK_SKEW_S / 60));
		const entries = await read(lookup.journal, { minutes });
		const found = Array.isArray(entries) ? (entries as IDataObject[]).find(isThisSend) : undefined;
		if (found) return found;
	}
	return undefined;
}
