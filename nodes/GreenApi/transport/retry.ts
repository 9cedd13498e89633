/** Statuses worth another try: rate limit, bad gateway, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Network failures worth another try: the connection was reset or timed out. */
export const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

export const RETRY_POLICY = {
	/** Attempts in all, the first included. */
	maxAttempts: 5,
	/** No retry starts later than this after the first attempt. */
	maxTotalMs: 60_000,
	baseDelayMs: 1_000,
	maxDelayMs: 16_000,
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
