import type { ExecutionStatus, IDataObject, IRun, ITriggerFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { clock } from '../transport/clock';
import type { TriggerEvent } from './events';

/**
 * What became of one emitted execution:
 * - `done`: n8n ran it to its end (success, error, or waiting to resume), so it is not started again;
 * - `again`: it crashed or was cancelled, so it is started again;
 * - `duplicate`: n8n already holds an execution with this deduplication key, and started none;
 * - `refused`: n8n did not start it (the done promise rejected);
 * - `unknown`: n8n did not say within the wait bound (in queue mode main can miss a job's end);
 * - `stopped`: the trigger stopped first.
 */
export type Outcome = 'done' | 'again' | 'duplicate' | 'refused' | 'unknown' | 'stopped';

/** The statuses of an execution that did not run to its end: its notification is run again. */
const UNFINISHED: ExecutionStatus[] = ['crashed', 'canceled'];

/** What an execution's end (the IRun n8n settles the done promise with) means; undefined: a duplicate key. */
export function outcomeOf(run: IRun | undefined): Outcome {
	if (run === undefined) return 'duplicate';
	return UNFINISHED.includes(run.status) ? 'again' : 'done';
}

/**
 * A wall-clock bound: resolves after `ms` unless `signal` aborts first, and leaves no timer behind either way.
 * Bounds are safety nets against a peer that never answers, so they always run on real time.
 */
export async function bound(ms: number, signal: AbortSignal): Promise<void> {
	await sleep(ms, signal).catch(() => undefined);
}

/**
 * Starts work that runs until `stop()`: pauses end at once on stop, and the request under way is aborted.
 */
export class Stoppable {
	protected stopped = false;

	protected readonly abort = new AbortController();

	private wake: () => void = () => undefined;

	private readonly stopping = new Promise<void>((resolve) => {
		this.wake = resolve;
	});

	private running: Promise<void> = Promise.resolve();

	constructor(
		protected readonly context: ITriggerFunctions,
		/** How long to wait for an execution's end before going on without knowing it. */
		protected readonly executionWaitMs: number,
	) {}

	start(work: () => Promise<void>): void {
		this.running = work();
	}

	/** Ends the work within the pause or request under way, and waits for it to end. */
	async stop(): Promise<void> {
		this.stopped = true;
		this.abort.abort();
		this.wake();
		await this.running;
	}

	/** Waits `ms`, or less when stopped meanwhile; no timer is left once stopped. */
	protected async pause(ms: number): Promise<void> {
		await Promise.race([clock().sleep(ms, this.abort.signal).catch(() => undefined), this.stopping]);
	}

	/**
	 * Starts one execution with `event` and waits for its end, at most `executionWaitMs` (wall clock). n8n settles
	 * the done promise with the execution's result once it ended, with nothing when the key was a duplicate, and
	 * rejects it when it started no execution.
	 */
	protected async emitAndWait(event: TriggerEvent, key: string): Promise<Outcome> {
		const done = this.context.helpers.createDeferredPromise<IRun>();
		this.context.emit([[{ json: event as unknown as IDataObject }]], undefined, done, key);
		const waiting = new AbortController();
		try {
			return await Promise.race([
				done.promise.then(outcomeOf, (error: Error) => {
					this.context.logger.warn(`GREEN-API: n8n did not start an execution for ${event.event}; it is received again`, {
						error: error.message,
					});
					return 'refused' as const;
				}),
				this.stopping.then(() => 'stopped' as const),
				bound(this.executionWaitMs, waiting.signal).then(() => 'unknown' as const),
			]);
		} finally {
			waiting.abort();
		}
	}
}
