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
/** How many events the webhook trigger remembers per workflow (the oldest are forgotten first). */
export const REMEMBER_COUNT = 20_000;

const seenByWorkflow = new Map<string, Map<string, number>>();

/**
 * Records an event the webhook trigger accepted; false when it had accepted the same event before (GREEN-API
 * re-sends a webhook it thinks was not answered 200). Kept in n8n's memory: n8n gives webhook nodes no
 * deduplication store (its deduplicationKey is for trigger nodes' `emit`), so a re-delivery across an n8n restart
 * is not recognised here; the GREEN-API Queue Trigger recognises those.
 */
export function firstDelivery(scope: string, identity: string, now: number): boolean {
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
	if (seen.has(identity)) return false;
	seen.set(identity, now);
	return true;
}

/** Forgets every remembered event (tests). */
export function forgetDeliveries(): void {
	seenByWorkflow.clear();
}
