import { sleep } from 'n8n-workflow';

/** Time as the transport sees it; tests swap it for a virtual clock. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/** A number in [0, 1), for backoff jitter. */
	random(): number;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
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
