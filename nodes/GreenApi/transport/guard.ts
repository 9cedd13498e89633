import { Watchdog } from './clock';

/** How long one attempt may wait, in ms: for its answer to begin, and then between the chunks of the answer. */
export interface Timeouts {
	answerMs: number;
	idleMs: number;
}

/** README.md ("Timeouts") documents these. */
export const DEFAULT_TIMEOUTS: Timeouts = { answerMs: 60_000, idleMs: 30_000 };

/** What an attempt that got no (whole) answer saw: a network error code, and for a timeout how long it waited. */
export interface NoAnswer {
	kind: 'network';
	code: string;
	waitedMs?: number;
}

/** What an attempt tells its guard. */
export interface Guard {
	/** Aborts the request: on a timeout, or when the workflow stops. */
	signal: AbortSignal;
	/** Progress (a chunk of the upload sent, a chunk of the answer read): the deadline starts again. */
	touch(): void;
	/** The answer's headers came: from now on the idle deadline applies, and a stall destroys `body`. */
	answered(body: unknown): void;
}

interface Destroyable {
	destroy(error?: Error): void;
}

function isDestroyable(body: unknown): body is Destroyable {
	return typeof (body as Destroyable | undefined)?.destroy === 'function';
}

/** The workflow (or the trigger) asked to stop before the attempt began. */
export const STOPPED: NoAnswer = { kind: 'network', code: 'ERR_CANCELED' };
/** It asked to stop while the request was under way: GREEN-API may have received it. */
export const STOPPED_IN_FLIGHT: NoAnswer = { kind: 'network', code: 'ECANCELED_IN_FLIGHT' };

/**
 * Runs one attempt under the timeouts and the stop signal: when the answer does not begin within `answerMs` (the
 * upload's progress counts), or stops for `idleMs`, the request is aborted and the attempt's outcome is that
 * timeout, whatever error the aborted request raised.
 */
export async function guarded<T>(
	timeouts: Timeouts,
	stop: AbortSignal | undefined,
	run: (guard: Guard) => Promise<T>,
): Promise<T | NoAnswer> {
	const controller = new AbortController();
	let body: Destroyable | undefined;
	let ended: NoAnswer | undefined;
	const end = (outcome: NoAnswer) => {
		if (ended) return;
		ended = outcome;
		controller.abort();
		body?.destroy(Object.assign(new Error(outcome.code), { code: outcome.code }));
	};
	const watchdog = new Watchdog(timeouts.answerMs, () =>
		end(
			body
				? { kind: 'network', code: 'ETIMEOUT_IDLE', waitedMs: timeouts.idleMs }
				: { kind: 'network', code: 'ETIMEOUT_ANSWER', waitedMs: timeouts.answerMs },
		),
	);
	const onStop = () => end(STOPPED_IN_FLIGHT);
	if (stop?.aborted) end(STOPPED);
	else stop?.addEventListener('abort', onStop, { once: true });
	const guard: Guard = {
		signal: controller.signal,
		touch: () => watchdog.touch(),
		answered: (answerBody) => {
			if (isDestroyable(answerBody)) body = answerBody;
			watchdog.retime(timeouts.idleMs);
		},
	};
	try {
		if (ended) return ended;
		// an error of the attempt itself (the credential, the binary data store) is already an n8n error
		const result = await run(guard).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if (ended) return ended;
		if ('error' in result) throw result.error;
		return result.value;
	} finally {
		watchdog.stop();
		stop?.removeEventListener('abort', onStop);
	}
}
