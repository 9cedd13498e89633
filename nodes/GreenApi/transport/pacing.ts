import { clock } from './clock';

/**
 * GREEN-API's documented limits in calls per second, per instance and method (lower-cased).
 * Methods not listed here are limited to 1 per second.
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
};

const LIMIT_BY_METHOD = new Map(
	Object.entries(LIMITS).flatMap(([perSecond, methods]) =>
		methods.map((method) => [method.toLowerCase(), Number(perSecond)] as const),
	),
);

export function callsPerSecond(method: string): number {
	return LIMIT_BY_METHOD.get(method.toLowerCase()) ?? 1;
}

/** Spacing kept a little wider than the limit, so that network jitter cannot squeeze 11 calls into a second. */
const SAFETY_FACTOR = 1.05;

/** When the next call of each instance and method may start (epoch ms). Shared by every execution on this n8n instance. */
const nextStart = new Map<string, number>();

/** The gap paced calls of `method` keep between their starts, in ms. */
export function pacingInterval(method: string): number {
	return Math.ceil((1000 / callsPerSecond(method)) * SAFETY_FACTOR);
}

/**
 * Waits until a call of `method` on `instance` may start without exceeding GREEN-API's per-second limit.
 * Calls are spaced evenly; the slot is reserved before waiting, so concurrent callers queue up in order.
 */
export async function paceCall(instance: string, method: string): Promise<void> {
	const key = `${instance}|${method.toLowerCase()}`;
	const now = clock().now();
	const start = Math.max(now, nextStart.get(key) ?? 0);
	nextStart.set(key, start + pacingInterval(method));
	if (start > now) await clock().sleep(start - now);
}

/** Forgets every reservation (tests). */
export function resetPacing(): void {
	nextStart.clear();
}
