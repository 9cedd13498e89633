import type { IDataObject } from 'n8n-workflow';

/**
 * What the queue trigger knows of a notification it started, kept in the workflow's static data: the attempt it
 * started last (each attempt has its own deduplication key) and whether an execution of it ran to its end.
 */
export interface LedgerEntry extends IDataObject {
	attempt: number;
	done?: true;
}

export type Ledger = Record<string, LedgerEntry>;

/**
 * How many notifications the ledger keeps, the most recent last. GREEN-API hands out its queue's head until it is
 * deleted and the trigger works on one notification at a time, so only the last few can come again.
 */
export const LEDGER_SIZE = 50;

/** Records `entry` for `identity` as the most recent, forgetting the oldest beyond LEDGER_SIZE. */
export function remember(ledger: Ledger, identity: string, entry: LedgerEntry): void {
	delete ledger[identity];
	ledger[identity] = entry;
	const identities = Object.keys(ledger);
	for (const old of identities.slice(0, Math.max(0, identities.length - LEDGER_SIZE))) delete ledger[old];
}

/**
 * The attempt to start for a notification: the first for one never started; the same one again while this n8n
 * process started it and never learned its end (a re-emit with its key then finds n8n's execution); otherwise the
 * next one, so that a crashed, cancelled or refused attempt, or one an n8n process started before it was killed,
 * is not skipped as a duplicate of itself.
 */
export function nextAttempt(entry: LedgerEntry | undefined, startedHereUnfinished: boolean): number {
	if (entry === undefined) return 0;
	return startedHereUnfinished ? entry.attempt : entry.attempt + 1;
}

/** The part of the deduplication key that names the attempt (the first keeps the key earlier versions used). */
export function attemptSuffix(attempt: number): string {
	return attempt === 0 ? '' : `:${attempt}`;
}
