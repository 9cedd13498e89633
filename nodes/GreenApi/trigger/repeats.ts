import type { IDataObject, IExecuteFunctions, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';

import { notificationIdentity } from './identity';
import { clock, systemClock } from '../transport/clock';

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
/** Tries at n8n's deduplication store per execution, and the pauses between them. */
export const STORE_ATTEMPTS = 3;
const STORE_PAUSES_MS = [50, 250];
/** How long after writing an event's record this process looks whether the store kept it. */
export const RECHECK_AFTER_MS = 1_000;
/** How many records an execution looks at again, at most, and how many a process keeps to look at per trigger. */
const RECHECK_BATCH = 50;
const RECHECK_KEPT = 1_000;

const UNCHECKED_MODES: WorkflowExecuteMode[] = ['manual', 'retry'];

/**
 * The trigger's step inside the execution: the items whose event no earlier execution of this node recorded, in
 * n8n's deduplication store (its database, shared by every n8n process, the store n8n's Remove Duplicates node uses;
 * n8n offers it to executions, not to the webhook step). A repeat that reached a process which did not know it
 * (after a restart, another webhook process) thus ends at the trigger with no items. Manual (test) executions and
 * retries a user asked for pass everything and record nothing.
 *
 * The store reads a trigger's whole list and writes it back, with no lock: two executions recording at once would
 * each write the list without the other's event (and the first two, both finding no list, would both insert one: the
 * second fails). So the executions of one trigger take turns at the store in each n8n process (those that arrive
 * during a call are recorded together in the next), and a failed try is tried again. Across processes (queue mode's
 * workers) turns cannot be taken, so each process looks again, a second or more after writing, whether the store
 * kept its records (in the store calls of later executions: no request and no wait of its own) and writes a lost one
 * again. An event is never dropped for the store's sake: after a failed
 * try (whose write may have been saved) the items pass, and when the store keeps failing they pass unchecked, with a
 * warning in n8n's log, and are recorded by a later execution.
 */
export async function firstRunsOnly(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	if (UNCHECKED_MODES.includes(context.getMode()) || items.length === 0) return [items];
	const identities = items.map((item) => notificationIdentity(bodyOf(item)));
	const scope = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().id}`;
	const repeated = await recordTogether(context, scope, identities);
	return [items.filter((_item, index) => !repeated.has(identities[index]))];
}

/** Per trigger: the events this process recorded and has not yet seen kept by the store, with when it wrote them. */
const unconfirmed = new Map<string, Map<string, number>>();

/** Records the identities in n8n's deduplication store; those an earlier execution recorded. */
async function recordInStore(context: IExecuteFunctions, scope: string, identities: string[]): Promise<Set<string>> {
	let written = unconfirmed.get(scope);
	if (!written) {
		written = new Map();
		unconfirmed.set(scope, written);
	}
	const now = clock().now();
	// an event whose record this process wrote itself is a repeat, whatever the store kept
	const ranHere = identities.filter((identity) => written.has(identity));
	const fresh = identities.filter((identity) => !written.has(identity));
	const due = [...written].filter(([, at]) => now - at >= RECHECK_AFTER_MS).map(([identity]) => identity).slice(0, RECHECK_BATCH);
	// nothing to record or look at: no call (n8n's store would write its list back unchanged, over another's)
	if (fresh.length === 0 && due.length === 0) return new Set(ranHere);
	for (let attempt = 1; ; attempt++) {
		try {
			const { processed } = await context.helpers.checkProcessedAndRecord([...fresh, ...due], 'node', {
				mode: 'entries',
				maxEntries: STORE_ENTRIES,
			});
			const kept = new Set(processed.map(String));
			// after a failed try, an identity found may be this execution's own record: not a repeat, not confirmed
			const found = (identity: string) => attempt === 1 && kept.has(identity);
			for (const identity of due) {
				written.delete(identity);
				// lost (now written again) or not known to be kept: looked at again later
				if (!found(identity)) written.set(identity, now);
			}
			for (const identity of fresh) if (!found(identity)) written.set(identity, now);
			forgetOldest(written, RECHECK_KEPT);
			return new Set([...ranHere, ...fresh.filter(found)]);
		} catch (error) {
			if (attempt >= STORE_ATTEMPTS) {
				const reason = error instanceof Error ? error.message : String(error);
				context.logger.warn(
					`GREEN-API Trigger could not record the event in n8n's deduplication store (${reason}); it runs without the repeat check`,
					{ workflowId: context.getWorkflow().id, node: context.getNode().name },
				);
				// a later execution records them
				for (const identity of fresh) written.set(identity, now - RECHECK_AFTER_MS);
				forgetOldest(written, RECHECK_KEPT);
				return new Set(ranHere);
			}
			// real time: the database recovers on its own clock; not ended by one execution's stop, since the call
			// records the events of every execution waiting for it (300 ms in all at most)
			await systemClock.sleep(STORE_PAUSES_MS[attempt - 1]);
		}
	}
}

/** Drops a map's oldest entries (its first inserted) beyond `size`. */
function forgetOldest(map: Map<string, number>, size: number): void {
	for (const key of map.keys()) {
		if (map.size <= size) return;
		map.delete(key);
	}
}

interface Turn {
	context: IExecuteFunctions;
	identities: string[];
	done: (repeated: Set<string>) => void;
}

/** Per trigger with a store call under way: the executions waiting for the next one. */
const waiting = new Map<string, Turn[]>();

/**
 * The identities of one execution recorded in the store in turn with the other executions of the same trigger in this
 * process: one call at a time, and every execution that arrived during a call is recorded together in the next (so
 * the store's speed bounds the calls, not the events). Of the same event in one call, the first execution gets the
 * store's answer and the others are repeats.
 */
async function recordTogether(context: IExecuteFunctions, scope: string, identities: string[]): Promise<Set<string>> {
	return await new Promise((done) => {
		const turn = { context, identities, done };
		const queue = waiting.get(scope);
		if (queue) queue.push(turn);
		else {
			waiting.set(scope, []);
			void recordInTurns(scope, [turn]);
		}
	});
}

async function recordInTurns(scope: string, first: Turn[]): Promise<void> {
	for (let turns = first; turns.length > 0; turns = waiting.get(scope) ?? []) {
		waiting.set(scope, []);
		const owner = new Map<string, Turn>();
		for (const turn of turns) for (const identity of turn.identities) if (!owner.has(identity)) owner.set(identity, turn);
		// recordInStore answers every failure itself; should anything else throw, the events pass rather than wait for ever
		const repeated = await recordInStore(turns[0].context, scope, [...owner.keys()]).catch(() => new Set<string>());
		for (const turn of turns) {
			turn.done(new Set(turn.identities.filter((identity) => repeated.has(identity) || owner.get(identity) !== turn)));
		}
	}
	waiting.delete(scope);
}

/** The body the sender posted, as the trigger's item carries it. */
function bodyOf(item: INodeExecutionData): IDataObject {
	const body = item.json.body;
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : item.json;
}

/** Forgets every event remembered in memory (tests: an n8n process that starts afresh). */
export function forgetDeliveries(): void {
	seenByWorkflow.clear();
	unconfirmed.clear();
}
