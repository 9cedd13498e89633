import { sleep } from 'n8n-workflow';

/** Time as the transport sees it for pauses (retries, pacing); tests swap it for a virtual clock. */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or rejects at once when `signal` aborts (a workflow stopping). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/** A number in [0, 1), for backoff jitter. */
	random(): number;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
	random: () => Math.random(),
};

let current: Clock = systemClock;

export function clock(): Clock {
	return current;
}

/** Replaces the clock (tests); `useClock(systemClock)` restores it. */
export function useClock(next: Clock): void {
	current = next;
}

/**
 * A deadline on real time (never the test's virtual clock: timeouts guard real sockets): `expire` runs once `ms`
 * pass without `touch()`, unless `stop()` came first. One timer runs at a time, however often it is touched.
 */
export class Watchdog {
	private last = Date.now();
	private round = new AbortController();

	constructor(
		private ms: number,
		private readonly expire: () => void,
	) {
		void this.watch(this.round.signal);
	}

	touch(): void {
		this.last = Date.now();
	}

	/** Starts a new deadline of `ms` from now. */
	retime(ms: number): void {
		this.round.abort();
		this.round = new AbortController();
		this.ms = ms;
		this.last = Date.now();
		void this.watch(this.round.signal);
	}

	stop(): void {
		this.round.abort();
	}

	private async watch(signal: AbortSignal): Promise<void> {
		if (!Number.isFinite(this.ms) || this.ms <= 0) return;
		for (;;) {
			const wait = this.last + this.ms - Date.now();
			if (wait <= 0) break;
			try {
				await sleep(wait, signal);
			} catch {
				return;
			}
			if (signal.aborted) return;
		}
		if (!signal.aborted) this.expire();
	}
}
