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
 * When the latest call of each instance and method started (a promise while it still waits for its turn). Shared by
 * every execution on this n8n instance.
 */
const lastStart = new Map<string, Promise<number>>();

/** The gap paced calls of `method` keep between their starts, in ms. */
export function pacingInterval(method: string): number {
	return (1000 / callsPerSecond(method)) * SAFETY_FACTOR;
}

/**
 * Waits until a call of `method` on `instance` may start without exceeding GREEN-API's per-second limit: one
 * interval after the previous call really started. Callers queue in the order they asked; a call that starts late
 * (a busy event loop) moves the ones after it, so late calls never bunch up with punctual ones.
 */
export async function paceCall(instance: string, method: string): Promise<void> {
	const key = `${instance}|${method.toLowerCase()}`;
	const previous = lastStart.get(key);
	const interval = pacingInterval(method);
	const started = (async () => {
		if (previous !== undefined) {
			const wait = (await previous) + interval - clock().now();
			if (wait > 0) await clock().sleep(wait);
		}
		return clock().now();
	})();
	lastStart.set(key, started);
	await started;
}

/** Forgets every reservation (tests). */
export function resetPacing(): void {
	lastStart.clear();
}
