import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** JSON with every object's keys in order, so that equal notifications give equal text whatever their key order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const object = value as IDataObject;
		return `{${Object.keys(object)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * A notification's identity: a hash of its receipt id (HTTP API queue) and its whole body — type, instance, message
 * id, timestamp and the rest. GREEN-API re-sends a notification unchanged (a webhook not answered 200, a queued
 * notification not deleted), so a re-delivery has the same identity and a new event a different one.
 */
export function notificationIdentity(body: IDataObject, receiptId?: string | number): string {
	return createHash('sha256')
		.update(`${receiptId ?? ''}\u0000${canonical(body)}`)
		.digest('hex');
}

/**
 * The key n8n deduplicates executions by (`emit`'s deduplicationKey, unique across the n8n database): the workflow
 * and node, so that no other workflow's events collide, and the identity. At most 160 characters (n8n keeps 255).
 */
export function deduplicationKey(workflowId: string | undefined, nodeId: string, identity: string): string {
	return `greenapi:${workflowId ?? ''}:${nodeId}:${identity}`.slice(0, 255);
}

/** How long the webhook trigger remembers an event: GREEN-API keeps re-sending for 24 hours. */
export const REMEMBER_MS = 24 * 60 * 60 * 1000;
/** How many events the webhook trigger remembers per workflow in this n8n process (the oldest are forgotten first). */
export const REMEMBER_COUNT = 20_000;
/**
 * How many events it also keeps in the workflow's static data, which n8n saves in its database after each webhook
 * and loads for the next: what survives a restart and is seen by every process serving the workflow. GREEN-API
 * re-sends a webhook before any later one (its queue is first in, first out), so the latest accepted are the ones a
 * re-delivery can repeat; each entry costs about 40 bytes of every save.
 */
export const PERSISTED_COUNT = 1_000;

const seenByWorkflow = new Map<string, Map<string, number>>();

/** What the trigger keeps of accepted events in static data: [identity (24 hex), accepted at (s)], oldest first. */
type Persisted = Array<[string, number]>;

function shortIdentity(identity: string): string {
	return identity.slice(0, 24);
}

/** The events of `staticData.accepted` still worth remembering, oldest first; anything malformed is dropped. */
function persistedOf(staticData: IDataObject, now: number): Persisted {
	const kept = Array.isArray(staticData.accepted) ? (staticData.accepted as unknown[]) : [];
	return kept
		.filter(
			(entry): entry is [string, number] =>
				Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && now - entry[1] * 1000 < REMEMBER_MS,
		)
		.slice(-PERSISTED_COUNT);
}

/**
 * Records an event the webhook trigger accepted; false when it had accepted the same event before (GREEN-API
 * re-sends a webhook it thinks was not answered 200). Remembered in this process's memory and in `staticData`
 * (the workflow's static data, saved by n8n in its database): a re-delivery after a restart, or to another process
 * that serves the workflow's webhooks, is recognised once the first one's save has landed. n8n gives webhook nodes
 * no atomic store (its deduplication helpers are not on the webhook context), so two processes that save at the same
 * moment can each drop the other's record: the README says what holds.
 */
export function firstDelivery(scope: string, identity: string, now: number, staticData?: IDataObject): boolean {
	let seen = seenByWorkflow.get(scope);
	if (!seen) {
		seen = new Map();
		seenByWorkflow.set(scope, seen);
	}
	// entries are in insertion order, oldest first
	for (const [key, at] of seen) {
		if (now - at < REMEMBER_MS && seen.size < REMEMBER_COUNT) break;
		seen.delete(key);
	}
	const short = shortIdentity(identity);
	const persisted = staticData ? persistedOf(staticData, now) : [];
	if (seen.has(identity) || persisted.some(([kept]) => kept === short)) return false;
	seen.set(identity, now);
	if (staticData) staticData.accepted = [...persisted, [short, Math.floor(now / 1000)]].slice(-PERSISTED_COUNT);
	return true;
}

/** Forgets every event remembered in memory (tests: an n8n process that starts afresh). */
export function forgetDeliveries(): void {
	seenByWorkflow.clear();
}
