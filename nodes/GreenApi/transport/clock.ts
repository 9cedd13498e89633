import { sleep } from 'n8n-workflow';

/** Time as the transport sees it; tests swap it for a virtual clock. */
export interface Clock {
	now(): number;
	/** Waits `ms`; with `signal`, ends early (rejecting) when it aborts, leaving no timer behind. */
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
