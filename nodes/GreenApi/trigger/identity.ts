import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';

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
const seenByWorkflow = new Map<string, Map<string, number>>();

/**
 * Records an event the webhook trigger accepted in this n8n process; false when it had accepted the same event before
 * (GREEN-API re-sends a webhook it thinks was not answered 200): the repeat then starts no execution at all. A repeat
 * this process cannot know of (after a restart, or sent to another process) is caught in the execution by
 * `firstRunsOnly`.
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

/**
 * How many events n8n's deduplication store keeps per trigger node (the oldest are dropped first). GREEN-API
 * re-sends a webhook before any later one (its queue is first in, first out), so a repeat is always among the latest
 * accepted; each entry costs about 27 bytes of the store's row, read and written once per execution.
 */
export const STORE_ENTRIES = 1_000;

const UNCHECKED_MODES: WorkflowExecuteMode[] = ['manual', 'retry'];

/**
 * The trigger's step inside the execution: the items whose event no earlier execution of this node recorded, in
 * n8n's deduplication store (its database, shared by every n8n process, the store n8n's Remove Duplicates node uses;
 * n8n offers it to executions, not to the webhook step). A repeat that reached a process which did not know it
 * (after a restart, another webhook process) thus ends at the trigger with no items. Manual (test) executions and
 * retries a user asked for pass everything and record nothing.
 */
export async function firstRunsOnly(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	if (UNCHECKED_MODES.includes(context.getMode()) || items.length === 0) return [items];
	const identities = items.map((item) => notificationIdentity(bodyOf(item)));
	const { processed } = await context.helpers.checkProcessedAndRecord(identities, 'node', {
		mode: 'entries',
		maxEntries: STORE_ENTRIES,
	});
	const repeated = new Set(processed);
	return [items.filter((_item, index) => !repeated.has(identities[index]))];
}

/** The body the sender posted, as the trigger's item carries it. */
function bodyOf(item: INodeExecutionData): IDataObject {
	const body = item.json.body;
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : item.json;
}

/** Forgets every event remembered in memory (tests: an n8n process that starts afresh). */
export function forgetDeliveries(): void {
	seenByWorkflow.clear();
}
