import { clock, type Clock } from '../../nodes/GreenApi/transport/clock';

/**
 * A clock for tests: time stands still while code runs and jumps to the next sleeper's wake-up time, so retries and
 * pacing take no wall-clock time. Sleepers wake one at a time, earliest first: on their own once the event loop has
 * run what was pending, or, after `stepped()`, only when the test calls `step()` (a test that records when each
 * request arrives steps once per request, so that nothing runs ahead of it).
 */
export class VirtualClock implements Clock {
	time = 0;

	/** Every pause asked for, in order. */
	readonly sleeps: number[] = [];

	private readonly timers: Array<{ at: number; wake: () => void }> = [];

	private manual = false;

	private pendingSteps = 0;

	private scheduled = false;

	now(): number {
		return this.time;
	}

	async sleep(ms: number, signal?: AbortSignal): Promise<void> {
		this.sleeps.push(ms);
		if (signal?.aborted) throw new Error('aborted');
		await new Promise<void>((wake, fail) => {
			const timer = { at: this.time + ms, wake };
			this.timers.push(timer);
			signal?.addEventListener(
				'abort',
				() => {
					const index = this.timers.indexOf(timer);
					if (index >= 0) this.timers.splice(index, 1);
					fail(new Error('aborted'));
				},
				{ once: true },
			);
			if (!this.manual) this.scheduleAdvance();
			else if (this.pendingSteps > 0) {
				this.pendingSteps--;
				this.wakeNext();
			}
		});
	}

	random(): number {
		return 0.5;
	}

	/** From now on, sleepers wake only on `step()`. */
	stepped(): this {
		this.manual = true;
		return this;
	}

	/** Wakes the next sleeper, or the next one to come when none sleeps yet. */
	step(): void {
		if (this.timers.length > 0) this.wakeNext();
		else this.pendingSteps++;
	}

	private wakeNext(): void {
		this.timers.sort((a, b) => a.at - b.at);
		const next = this.timers.shift();
		if (!next) return;
		this.time = Math.max(this.time, next.at);
		next.wake();
	}

	private scheduleAdvance(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setTimeout(() => {
			this.scheduled = false;
			this.wakeNext();
			if (this.timers.length > 0) this.scheduleAdvance();
		}, 0);
	}
}

/** The virtual clock the current test runs on (installed by test/setup.ts). */
export function virtualClock(): VirtualClock {
	const current = clock();
	if (!(current instanceof VirtualClock)) throw new Error('test/setup.ts did not install a virtual clock');
	return current;
}
