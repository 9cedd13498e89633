import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { clock } from '../transport/clock';

/** The Verification values the trigger knows. Anything else (a typo, an old value, none) refuses every request. */
export const VERIFICATIONS = ['bearerToken', 'hmac', 'none'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export function isVerification(value: unknown): value is Verification {
	return typeof value === 'string' && (VERIFICATIONS as readonly string[]).includes(value);
}

/** Why every request is refused when the saved Verification is not one the node knows. */
export function unknownVerificationMessage(value: unknown): string {
	const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
	return `Unknown Verification ${shown}: every request is refused. Open the trigger and choose Bearer Token, HMAC Signature or None.`;
}

/** Equal strings, compared in constant time whatever their lengths (both are hashed first). */
export function safeEqual(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && expected.length > 0;
}

/** Whether an `Authorization` header carries `Bearer <token>` for this token. */
export function verifyBearer(header: unknown, token: string): boolean {
	if (typeof header !== 'string' || token === '') return false;
	const [scheme, value, ...rest] = header.trim().split(/\s+/);
	return rest.length === 0 && /^bearer$/i.test(scheme ?? '') && safeEqual(value ?? '', token);
}

/** How old a signed WAHA request may be. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;
/** How far ahead of n8n's clock a signed WAHA request may claim to be (clocks drift a little, never years). */
export const MAX_CLOCK_SKEW_MS = 60 * 1000;

export interface HmacOptions {
	/** Accept a signature without `X-Webhook-Timestamp` (a WAHA that sends none): such a request can be replayed. */
	allowMissingTimestamp?: boolean;
}

/**
 * Whether a WAHA request is signed with this key: `X-Webhook-Hmac` is the hex HMAC-SHA512 of the raw body, and
 * `X-Webhook-Timestamp` (ms) is at most five minutes old and at most a minute ahead. A request without a timestamp
 * is refused unless `allowMissingTimestamp`: WAHA signs only the body, so the timestamp is what stops a replay.
 */
export function verifyHmac(
	rawBody: Buffer,
	headers: Record<string, unknown>,
	key: string,
	now: number,
	{ allowMissingTimestamp = false }: HmacOptions = {},
): { ok: true } | { ok: false; reason: string } {
	if (key === '') return { ok: false, reason: 'no HMAC key is configured' };
	const signature = headers['x-webhook-hmac'];
	if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/i.test(signature.trim())) {
		return { ok: false, reason: 'missing or malformed X-Webhook-Hmac' };
	}
	const algorithm = headers['x-webhook-hmac-algorithm'];
	if (algorithm !== undefined && String(algorithm).toLowerCase() !== 'sha512') {
		return { ok: false, reason: 'unsupported X-Webhook-Hmac-Algorithm' };
	}
	const expected = createHmac('sha512', key).update(rawBody).digest();
	if (!timingSafeEqual(Buffer.from(signature.trim(), 'hex'), expected)) {
		return { ok: false, reason: 'X-Webhook-Hmac does not match the body' };
	}
	const sentAt = headers['x-webhook-timestamp'];
	if (sentAt === undefined || sentAt === '') {
		return allowMissingTimestamp
			? { ok: true }
			: { ok: false, reason: 'no X-Webhook-Timestamp (turn on "Accept Signatures Without Timestamp" for a WAHA that sends none)' };
	}
	const ms = Number(sentAt);
	if (!Number.isFinite(ms) || now - ms > MAX_SIGNATURE_AGE_MS) {
		return { ok: false, reason: 'X-Webhook-Timestamp is older than five minutes' };
	}
	if (ms - now > MAX_CLOCK_SKEW_MS) {
		return { ok: false, reason: 'X-Webhook-Timestamp is more than a minute in the future' };
	}
	return { ok: true };
}

/** How long a secret read from the webhook credential is reused before it is read again. */
export const SECRET_REUSE_MS = 10_000;
const secretsRead = new Map<string, { secret: string; readAt: number }>();

/**
 * The secret of the node's webhook credential. Reading a credential is a database query in n8n, so each workflow
 * reuses what it read for SECRET_REUSE_MS; `fresh` reads it again.
 */
async function webhookSecret(context: IWebhookFunctions, { fresh = false } = {}): Promise<string> {
	const credentialId = context.getNode().credentials?.greenApiWebhookApi?.id;
	const key = `${context.getWorkflow().id ?? ''}\u0000${credentialId ?? ''}`;
	const now = clock().now();
	const kept = credentialId ? secretsRead.get(key) : undefined;
	if (kept && !fresh && now - kept.readAt < SECRET_REUSE_MS) return kept.secret;
	const secret = String((await context.getCredentials('greenApiWebhookApi')).secret ?? '');
	if (credentialId) secretsRead.set(key, { secret, readAt: now });
	return secret;
}

/**
 * Why the request is refused (401), or undefined when the sender is verified or Verification is None.
 * `registeredToken` is the token self-registration gave GREEN-API, checked instead of the credential.
 */
export async function refusalOf(
	context: IWebhookFunctions,
	request: { headers: Record<string, unknown>; rawBody: Buffer; registeredToken?: string },
): Promise<string | undefined> {
	const verification = context.getNodeParameter('authentication', '') as unknown;
	if (!isVerification(verification)) return unknownVerificationMessage(verification);
	if (verification === 'none') return undefined;
	const allowMissingTimestamp = context.getNodeParameter('allowMissingTimestamp', false) === true;
	const check = (secret: string): string | undefined => {
		if (verification === 'bearerToken') {
			return verifyBearer(request.headers.authorization, secret) ? undefined : 'Missing or wrong bearer token';
		}
		const verdict = verifyHmac(request.rawBody, request.headers, secret, clock().now(), { allowMissingTimestamp });
		return verdict.ok ? undefined : `Signature rejected: ${verdict.reason}`;
	};
	if (request.registeredToken !== undefined) return check(request.registeredToken);
	// a request that fails against the secret read earlier is checked against the credential as it is now, so a
	// changed secret is accepted at once (the old one for at most SECRET_REUSE_MS more)
	return check(await webhookSecret(context)) && check(await webhookSecret(context, { fresh: true }));
}
