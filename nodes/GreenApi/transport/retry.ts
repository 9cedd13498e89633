/**
 * What a failed attempt says about the call:
 * - `refused`: GREEN-API provably did not take the call (a 429, the connection refused, the host name not
 *   resolved now, no route): any method may be tried again;
 * - `unknown`: the call may have reached GREEN-API (a timeout or a reset after sending, a 5xx): only a method that is
 *   safe to repeat is tried again; an effectful one is reconciled or fails saying it may have been delivered;
 * - `final`: another try would get the same answer (4xx, a host that does not exist, a TLS failure).
 */
export type FailureKind = 'refused' | 'unknown' | 'final';

/** Network failures that happen before a request can leave this machine. */
export const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Network failures during or after sending (including this transport's own timeouts). */
export const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ETIMEOUT_ANSWER',
	'ETIMEOUT_IDLE',
	'ECANCELED_IN_FLIGHT',
]);
/** Statuses after which the call may or may not have been carried out. */
export const MAYBE_DONE_STATUSES = new Set([500, 502, 503, 504]);
/** Of those, the ones worth repeating for a safe method (a 500 is GREEN-API failing on this call itself). */
export const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export function failureKind(outcome: { kind: 'network'; code: string } | { kind: 'answer'; status: number }): FailureKind {
	if (outcome.kind === 'network') {
		if (NEVER_SENT_CODES.has(outcome.code)) return 'refused';
		return MAYBE_SENT_CODES.has(outcome.code) ? 'unknown' : 'final';
	}
	if (outcome.status === 429) return 'refused';
	return MAYBE_DONE_STATUSES.has(outcome.status) ? 'unknown' : 'final';
}

export const RETRY_POLICY = {
	/** Attempts in all, the first included. */
	maxAttempts: 5,
	/** No retry starts later than this after the first attempt. */
	maxTotalMs: 60_000,
	baseDelayMs: 1_000,
	maxDelayMs: 16_000,
};

/**
 * For 429s: a rate limit shared with other processes (queue-mode workers) clears by waiting, so they get more
 * attempts and time than other failures.
 */
export const RATE_LIMIT_POLICY = {
	maxAttempts: 12,
	maxTotalMs: 180_000,
};

/** Seconds or an HTTP date, as `Retry-After` gives them, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, now: number): number | undefined {
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The pause before retry number `retry` (1 for the first retry): exponential, with jitter between half and all of
 * the step, and never shorter than what the server asked for in `Retry-After`.
 */
export function retryDelay(retry: number, random: number, retryAfterMs?: number): number {
	const step = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (retry - 1));
	const jittered = Math.round(step / 2 + (step / 2) * random);
	return Math.max(jittered, retryAfterMs ?? 0);
}
