import { clock, type Clock } from '../../nodes/GreenApi/transport/clock';

/** A clock that stands still until something sleeps: retries and pacing take no wall-clock time in tests. */
export class VirtualClock implements Clock {
	time = 0;

	readonly sleeps: number[] = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
		this.time += ms;
	}

	random(): number {
		return 0.5;
	}
}

/** The virtual clock the current test runs on (installed by test/setup.ts). */
export function virtualClock(): VirtualClock {
	const current = clock();
	if (!(current instanceof VirtualClock)) throw new Error('test/setup.ts did not install a virtual clock');
	return current;
}
