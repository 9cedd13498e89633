import { clock } from './clock';

/**
 * GREEN-API's documented limits in calls per second, per instance and method (lower-cased).
 * Methods not listed here are limited to 1 per second. A limit under 1 is a fraction: 0.1 is 1 call per 10 seconds.
 */
const LIMITS: Record<number, string[]> = {
	100: ['receiveNotification', 'deleteNotification'],
	50: ['sendMessage', 'sendFileByUrl', 'sendFileByUpload', 'sendPoll', 'sendLocation', 'sendContact', 'forwardMessages'],
	10: [
		'archiveChat',
		'unarchiveChat',
		'removeGroupParticipant',
		'addGroupParticipant',
		'setGroupAdmin',
		'removeAdmin',
		'leaveGroup',
		'getMessage',
		'readChat',
		'checkWhatsapp',
		'getAvatar',
		'deleteMessage',
		'deleteStatus',
	],
	5: ['downloadFile', 'sendTextStatus', 'sendVoiceStatus', 'sendMediaStatus'],
	3: ['qr'],
	0.1: ['setProfilePicture'],
};

const LIMIT_BY_METHOD = new Map(
	Object.entries(LIMITS).flatMap(([perSecond, methods]) =>
		methods.map((method) => [method.toLowerCase(), Number(perSecond)] as const),
	),
);

export function callsPerSecond(method: string): number {
	return LIMIT_BY_METHOD.get(method.toLowerCase()) ?? 1;
}

/**
 * Spacing kept a little wider than the limit (2%), so that a second never holds more calls than the limit even when
 * GREEN-API counts by wall-clock seconds and the network shifts a call by a few ms.
 */
const SAFETY_FACTOR = 1.02;

/**
 * How this process adapts to the rate limit it shares with processes it cannot see (queue-mode workers, another
 * n8n): a 429 slows the instance's method by CUT (its spacing × 1.25, at most MAX_SLOWDOWN ×), once per round of
 * calls started at the old speed; each success wins back RECOVERY of the documented rate, so the speed climbs back
 * gradually. Two processes that each run at the full limit settle near half of it each.
 */
const CUT = 1.5;
const MAX_SLOWDOWN = 16;
const RECOVERY = 0.001;
const COOL_DOWN_MS = 1000;

interface Lane {
	/** When the latest call started (a promise while it still waits for its turn). */
	lastStart: Promise<number>;
	/** The spacing as a multiple of the documented one (1: the documented limit). */
	slowdown: number;
	/** Calls started before this time ran at a speed that has been cut already: their 429s cut no more. */
	cutAt: number;
}

/** The lane of each instance and method; shared by every execution in this n8n process (each process paces on its own). */
const lanes = new Map<string, Lane>();

function laneOf(instance: string, method: string): Lane {
	const key = `${instance}|${method.toLowerCase()}`;
	let lane = lanes.get(key);
	if (!lane) {
		lane = { lastStart: Promise.resolve(Number.NEGATIVE_INFINITY), slowdown: 1, cutAt: Number.NEGATIVE_INFINITY };
		lanes.set(key, lane);
	}
	return lane;
}

/** The gap paced calls of `method` keep between their starts, in ms, at the documented limit. */
export function pacingInterval(method: string): number {
	return (1000 / callsPerSecond(method)) * SAFETY_FACTOR;
}

/** How many times slower than the documented limit this process now calls `method` (1: not slowed). */
export function slowdownOf(instance: string, method: string): number {
	return lanes.get(`${instance}|${method.toLowerCase()}`)?.slowdown ?? 1;
}

/**
 * Waits until a call of `method` on `instance` may start without exceeding GREEN-API's per-second limit (slowed
 * after 429s): one interval after the previous call really started. Callers queue in the order they asked; a call
 * that starts late (a busy event loop) moves the ones after it. A stop (`signal`) ends the wait at once (it
 * rejects); the calls queued behind it keep their turn. Returns when the call started, for `rateLimited`.
 */
export async function paceCall(instance: string, method: string, signal?: AbortSignal): Promise<number> {
	const lane = laneOf(instance, method);
	const previous = lane.lastStart;
	const started = (async () => {
		const previousStart = await previous;
		const wait = previousStart + pacingInterval(method) * lane.slowdown - clock().now();
		if (wait > 0) await clock().sleep(wait, signal);
		return clock().now();
	})();
	// a stopped wait hands its turn on as if it had started now
	lane.lastStart = started.catch(() => clock().now());
	return await started;
}

/**
 * A call that started at `startedAt` was refused with a 429: slow the lane down, once per round. A round lasts
 * what GREEN-API asked to wait (Retry-After), and at least COOL_DOWN_MS: its limits count per second, so the calls
 * of the second that was over the limit all hear 429 and must not each cut the speed again.
 */
export function rateLimited(instance: string, method: string, startedAt: number, retryAfterMs = 0): void {
	const lane = laneOf(instance, method);
	if (startedAt < lane.cutAt) return;
	lane.slowdown = Math.min(MAX_SLOWDOWN, lane.slowdown * CUT);
	lane.cutAt = clock().now() + Math.max(COOL_DOWN_MS, retryAfterMs);
}

/** A call went through: win back a little of the documented rate. */
export function paceSucceeded(instance: string, method: string): void {
	const lane = lanes.get(`${instance}|${method.toLowerCase()}`);
	if (!lane || lane.slowdown === 1) return;
	lane.slowdown = Math.max(1, 1 / (1 / lane.slowdown + RECOVERY));
}

/** Forgets every reservation and slowdown (tests). */
export function resetPacing(): void {
	lanes.clear();
}
