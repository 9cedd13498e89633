import type { IDataObject, IRun, ITriggerFunctions } from 'n8n-workflow';

import { normalizeEvent, passesFilters, type TriggerEvent, type TriggerFilters } from './events';
import { greenApiRequest } from '../transport';
import { clock } from '../transport/clock';
import { deduplicationKey, notificationIdentity } from './identity';

/** The pause after a failed call or a refused execution: doubling from 1 s up to a minute, never giving up. */
export function failurePause(failures: number): number {
	return Math.min(60_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/** An empty long poll that came back sooner than this is followed by a pause, so a server that does not wait is not hammered. */
export const MIN_IDLE_POLL_MS = 1000;

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

	constructor(protected readonly context: ITriggerFunctions) {}

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

	/** Waits `ms`, or less when stopped meanwhile. */
	protected async pause(ms: number): Promise<void> {
		await Promise.race([clock().sleep(ms), this.stopping]);
	}

	/** Waits for `promise`; undefined when stopped first. */
	protected async unlessStopped<T>(promise: Promise<T>): Promise<{ value: T } | undefined> {
		return await Promise.race([promise.then((value) => ({ value })), this.stopping.then(() => undefined)]);
	}

	/**
	 * Starts one execution with `event` and waits until n8n has run it: true when it did, or when it was a duplicate
	 * of one it ran before (same key); false when n8n refused it (or the trigger stopped meanwhile).
	 */
	protected async emitAndWait(event: TriggerEvent, key?: string): Promise<boolean> {
		const done = this.context.helpers.createDeferredPromise<IRun>();
		this.context.emit([[{ json: event as unknown as IDataObject }]], undefined, done, key);
		try {
			return (await this.unlessStopped(done.promise)) !== undefined;
		} catch (error) {
			this.context.logger.warn(`GREEN-API: n8n did not start an execution for ${event.event}; it is received again`, {
				error: (error as Error).message,
			});
			return false;
		}
	}
}

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

/**
 * The HTTP API queue, received one notification at a time: long-poll receiveNotification, start an execution for an
 * event the filters let through, delete the notification once n8n has run it (or recognised it as a duplicate), and
 * again. A failure pauses the loop and never ends it; a notification n8n did not accept is not deleted and comes
 * again. Each execution carries a deduplication key made from the notification's identity, so a notification
 * received again after n8n stopped between running it and deleting it starts nothing twice.
 */
export class QueueLoop extends Stoppable {
	constructor(
		context: ITriggerFunctions,
		private readonly options: { receiveTimeout: number; filters: TriggerFilters },
	) {
		super(context);
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
				answer = await greenApiRequest.call(this.context, {
					method: 'receiveNotification',
					qs: { receiveTimeout: this.options.receiveTimeout },
					abortSignal: this.abort.signal,
				});
			} catch (error) {
				if (this.stopped) break;
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
			if (!(await this.deliver(notification))) {
				if (this.stopped) break;
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
				// received again later and recognised as a duplicate
				this.context.logger.warn('GREEN-API: deleteNotification failed; the notification will be received again', {
					error: (error as Error).message,
				});
			}
		}
	}

	/** Whether the notification may be deleted: run by n8n, a duplicate, or not for this workflow. */
	private async deliver({ receiptId, body }: Notification): Promise<boolean> {
		const event = normalizeEvent(body);
		if (!event || !passesFilters(event, this.options.filters)) return true;
		const node = this.context.getNode();
		const key = deduplicationKey(this.context.getWorkflow().id, node.id, notificationIdentity(body, receiptId));
		return await this.emitAndWait(event, key);
	}
}
