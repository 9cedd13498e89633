import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { normalizeEvent, passesFilters, type TriggerFilters } from './events';
import { greenApiRequest } from '../transport';
import { clock } from '../transport/clock';
import { deduplicationKey, notificationIdentity } from './identity';
import { attemptSuffix, type Ledger, type LedgerEntry, nextAttempt, remember } from './ledger';
import { bound, type Outcome, Stoppable } from './stoppable';

/** The pause after a failed call or a refused execution: doubling from 1 s up to a minute, never giving up. */
export function failurePause(failures: number): number {
	return Math.min(60_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/** An empty long poll that came back sooner than this is followed by a pause, so a server that does not wait is not hammered. */
export const MIN_IDLE_POLL_MS = 1000;

/** A notification as receiveNotification gives it. */
interface Notification {
	receiptId: number | string;
	body: IDataObject;
}

function asNotification(answer: unknown): Notification | undefined {
	if (answer === null || typeof answer !== 'object') return undefined;
	const { receiptId, body } = answer as IDataObject;
	if ((typeof receiptId !== 'number' && typeof receiptId !== 'string') || body === null || typeof body !== 'object') {
		return undefined;
	}
	return { receiptId, body: body as IDataObject };
}

/** How long past receiveTimeout a long poll may take before it is given up and asked again. */
export const LONG_POLL_MARGIN_MS = 5000;

interface QueueState extends IDataObject {
	queueLedger?: Ledger;
}

/**
 * The HTTP API queue, received one notification at a time: long-poll receiveNotification, start an execution for an
 * event the filters let through, delete the notification once it is done, and again. A failure pauses the loop and
 * never ends it.
 *
 * Exactly one execution per notification runs to its end. Each attempt carries its own deduplication key (n8n
 * skips a key any earlier execution holds, even a crashed one), and the attempt is written in the ledger (static
 * data, which n8n saves at each emit) before it starts. Once an execution ended, the ledger marks the notification
 * done and n8n saves it (by an emit with the key just used, which n8n skips as a duplicate) before it is deleted.
 * A notification received again is then skipped when done, its attempt started again while n8n has not said how it
 * ended (n8n skips it when its execution exists), and the next attempt started otherwise: after a crash, a
 * cancellation or a refusal, or when an n8n process started it and stopped before recording its end.
 */
export class QueueLoop extends Stoppable {
	/** Notifications whose last attempt this process started and never learned the end of. */
	private readonly unfinished = new Set<string>();

	/** Whether the last long poll was aborted for taking longer than its bound. */
	private late = false;

	private readonly longPollLimitMs: number;

	constructor(
		context: ITriggerFunctions,
		private readonly options: { receiveTimeout: number; filters: TriggerFilters; executionWaitMs: number },
	) {
		super(context, options.executionWaitMs);
		this.longPollLimitMs = options.receiveTimeout * 1000 + LONG_POLL_MARGIN_MS;
	}

	run(): void {
		this.start(async () => await this.loop());
	}

	private async loop(): Promise<void> {
		let failures = 0;
		while (!this.stopped) {
			const startedAt = clock().now();
			let answer: unknown;
			try {
				answer = await this.receive();
			} catch (error) {
				if (this.stopped) break;
				if (this.late) {
					this.context.logger.warn(
						`GREEN-API: receiveNotification did not answer within ${this.longPollLimitMs / 1000} s; asking again`,
					);
					continue;
				}
				failures++;
				this.context.logger.warn('GREEN-API: receiveNotification failed; trying again after a pause', {
					error: (error as Error).message,
				});
				await this.pause(failurePause(failures));
				continue;
			}
			const notification = asNotification(answer);
			if (!notification) {
				failures = 0;
				if (clock().now() - startedAt < MIN_IDLE_POLL_MS) await this.pause(MIN_IDLE_POLL_MS);
				continue;
			}
			const outcome = await this.deliver(notification);
			if (this.stopped) break;
			if (outcome === 'unknown') continue; // received again at once: n8n then recognises its execution
			if (outcome !== 'done') {
				failures++;
				await this.pause(failurePause(failures));
				continue;
			}
			failures = 0;
			try {
				await greenApiRequest.call(this.context, {
					method: 'deleteNotification',
					httpMethod: 'DELETE',
					pathTail: String(notification.receiptId),
					abortSignal: this.abort.signal,
				});
			} catch (error) {
				if (this.stopped) break;
				// received again later and skipped: the ledger says it is done
				this.context.logger.warn('GREEN-API: deleteNotification failed; the notification will be received again', {
					error: (error as Error).message,
				});
			}
		}
	}

	/** One long poll, aborted when it takes longer than receiveTimeout and a margin (then `late` is set). */
	private async receive(): Promise<unknown> {
		const request = new AbortController();
		const abortRequest = () => request.abort();
		this.abort.signal.addEventListener('abort', abortRequest, { once: true });
		this.late = false;
		void bound(this.longPollLimitMs, request.signal).then(() => {
			if (request.signal.aborted) return;
			this.late = true;
			request.abort();
		});
		try {
			return await greenApiRequest.call(this.context, {
				method: 'receiveNotification',
				qs: { receiveTimeout: this.options.receiveTimeout },
				abortSignal: request.signal,
			});
		} finally {
			this.abort.signal.removeEventListener('abort', abortRequest);
			request.abort();
		}
	}

	/** `done` when the notification may be deleted: run to its end (now or before), or not for this workflow. */
	private async deliver({ receiptId, body }: Notification): Promise<Outcome> {
		const event = normalizeEvent(body);
		if (!event || !passesFilters(event, this.options.filters)) return 'done';
		const identity = notificationIdentity(body, receiptId);
		const known = this.ledger()[identity];
		if (known?.done) return 'done';
		const attempt = nextAttempt(known, this.unfinished.has(identity));
		this.record(identity, { attempt });
		const key = this.keyOf(identity, attempt);
		const outcome = await this.emitAndWait(event, key);
		if (outcome === 'unknown') this.unfinished.add(identity);
		else this.unfinished.delete(identity);
		if (outcome !== 'done' && outcome !== 'duplicate') return outcome;
		this.record(identity, { attempt, done: true });
		// n8n saves static data at each emit, and skips a key an execution holds: this emit saves the ledger before
		// the notification is deleted, and starts nothing
		const saved = await this.emitAndWait(event, key);
		if (saved === 'done' || saved === 'again') {
			this.context.logger.warn(
				'GREEN-API: n8n kept no execution with this deduplication key and ran the notification again; keep n8n\'s successful executions (the default) for the Queue Trigger to run each once',
			);
		}
		return 'done';
	}

	private ledger(): Ledger {
		return (this.context.getWorkflowStaticData('node') as QueueState).queueLedger ?? {};
	}

	/**
	 * Records an entry in a new ledger object: n8n saves static data only when it saw a change, and sees none inside
	 * an object that was added after the workflow was loaded.
	 */
	private record(identity: string, entry: LedgerEntry): void {
		const ledger = { ...this.ledger() };
		remember(ledger, identity, entry);
		(this.context.getWorkflowStaticData('node') as QueueState).queueLedger = ledger;
	}

	private keyOf(identity: string, attempt: number): string {
		return deduplicationKey(this.context.getWorkflow().id, this.context.getNode().id, identity + attemptSuffix(attempt));
	}
}
