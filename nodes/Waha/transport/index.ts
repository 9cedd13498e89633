import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wahaBaseUrl } from '../../../credentials/WahaApi.credentials';
import { NETWORK_FAILURES, networkCode } from '../../GreenApi/helpers/network';
import { redactText, redactValue } from '../../GreenApi/helpers/redact';
import { clock } from '../../GreenApi/transport/clock';
import { type ReadJson, readJson } from '../../GreenApi/transport/readJson';
import { parseRetryAfter, RETRY_POLICY, retryDelay } from '../../GreenApi/transport/retry';
import { type WahaFailure, type WahaHint, wahaError } from './errors';

export interface WahaCall {
	/** What the call does, for errors: e.g. "archive chat 79001234567@c.us". */
	action: string;
	httpMethod: IHttpRequestMethods;
	/** The path after `/api/{session}/`, its ids already escaped with escapePathPart. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
	/** The operation's own readings of failures, tried before the defaults. */
	hints?: WahaHint[];
	/** The answer can be long (the list of chats, a chat's messages): read it as it arrives. */
	longAnswer?: boolean;
}

/** An id as one path segment: `@` becomes %40 (as WAHA's Chats page asks), and so does anything else special. */
export function escapePathPart(id: string): string {
	return encodeURIComponent(id);
}


/**
 * When a call is tried again. A read (GET) changes nothing, so it is retried after any transient failure. A call
 * that changes something (archive, edit, delete) is retried only when WAHA provably did not act on it: the
 * connection was refused, or the answer was a 429 (refused before any work). After a reset or a timeout it may have
 * been done, so it is not sent twice.
 */
const RETRYABLE = {
	read: { network: new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']), statuses: new Set([429, 502, 503, 504]) },
	effect: { network: new Set(['ECONNREFUSED']), statuses: new Set([429]) },
};

export type Outcome =
	| { kind: 'answer'; status: number; body: ReadJson; headers: Record<string, unknown> }
	| { kind: 'network'; code: string }
	/** What an attempt that did its whole job returns (a download). */
	| { kind: 'done'; value: unknown };

export interface WahaSession {
	/** Base URL, normalised (no trailing slash, no /api). */
	base: string;
	host: string;
	session: string;
	/** The values no error, item or log may show: the API key. */
	secrets: string[];
}

const sessions = new WeakMap<IExecuteFunctions, Promise<WahaSession>>();

/** The credential's session, read once per execution context; a credential without a session fails closed. */
export async function sessionOf(context: IExecuteFunctions): Promise<WahaSession> {
	let found = sessions.get(context);
	if (!found) {
		found = context.getCredentials('wahaApi').then((credentials) => {
			const session = String(credentials.session ?? '').trim();
			if (!session) {
				throw new NodeOperationError(context.getNode(), 'The WAHA credential names no session', {
					description: 'Set Session in the WAHA credential, e.g. default',
				});
			}
			let base: string;
			try {
				base = wahaBaseUrl(credentials);
			} catch (error) {
				throw new NodeOperationError(context.getNode(), (error as Error).message);
			}
			const apiKey = String(credentials.apiKey ?? '').trim();
			return { base, host: base.replace(/^https?:\/\//i, '').replace(/^[^@/]*@/, '').split('/')[0], session, secrets: apiKey ? [apiKey] : [] };
		});
		sessions.set(context, found);
	}
	return await found;
}


/** WAHA's own words in an error answer: `message` (a text or NestJS's list), `error`, or `exception.message`. */
function apiMessageFrom(body: ReadJson, status: number): string {
	if (body.kind === 'json' && body.value && typeof body.value === 'object') {
		const { message, error, exception } = body.value as { message?: unknown; error?: unknown; exception?: { message?: unknown } };
		if (Array.isArray(message) && message.length > 0) return message.map(String).join('; ');
		if (typeof message === 'string' && message) return message;
		if (typeof error === 'string' && error) return error;
		if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
		if (typeof exception?.message === 'string' && exception.message) return exception.message;
	}
	return body.head.trim() || `HTTP ${status} with an empty body`;
}

function failureOf(outcome: Exclude<Outcome, { kind: 'done' }>, call: Attempted, session: WahaSession, attempts: number): WahaFailure {
	const base = { action: call.action, attempts, host: session.host, session: session.session, effectful: call.effectful };
	if (outcome.kind === 'network') {
		return { ...base, apiMessage: NETWORK_FAILURES[outcome.code] ?? `the request failed (${outcome.code})` };
	}
	const quote = (text: string, max: number) => redactText(text, session.secrets).slice(0, max);
	const value = outcome.body.kind === 'json' ? outcome.body.value : undefined;
	const sessionStatus = outcome.status === 422 ? (value as { status?: unknown } | undefined)?.status : undefined;
	return {
		...base,
		status: outcome.status,
		apiMessage: quote(apiMessageFrom(outcome.body, outcome.status), 500),
		body: outcome.body.kind === 'json' ? redactValue(value, session.secrets) : quote(outcome.body.head, 2000),
		sessionStatus: typeof sessionStatus === 'string' ? sessionStatus : undefined,
	};
}

/** What the retry loop needs to know of a call. */
export interface Attempted {
	action: string;
	itemIndex: number;
	hints?: WahaHint[];
	/** Whether the call changes something (see RETRYABLE). */
	effectful: boolean;
}

/**
 * Runs `attempt` until it succeeds, retrying by RETRYABLE with exponential backoff within RETRY_POLICY (a
 * `Retry-After` is honoured). A 2xx answer is the call's JSON value (an empty one is `true`); a failure becomes a
 * NodeApiError that never shows the API key.
 */
export async function withRetries(context: IExecuteFunctions, call: Attempted, attempt: () => Promise<Outcome>): Promise<unknown> {
	const session = await sessionOf(context);
	const rules = call.effectful ? RETRYABLE.effect : RETRYABLE.read;
	const startedAt = clock().now();
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await attempt();
		if (outcome.kind === 'done') return outcome.value;
		if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) {
			if (outcome.body.kind === 'blank') return true;
			if (outcome.body.kind === 'json') return outcome.body.value;
			throw wahaError(context.getNode(), { ...failureOf(outcome, call, session, attemptNumber), apiMessage: 'the answer is not valid JSON' }, [], call.itemIndex);
		}
		const retryable = outcome.kind === 'network' ? rules.network.has(outcome.code) : rules.statuses.has(outcome.status);
		const delay = retryable
			? retryDelay(attemptNumber, clock().random(), outcome.kind === 'answer' ? parseRetryAfter(outcome.headers['retry-after'], clock().now()) : undefined)
			: undefined;
		const withinBudget = delay !== undefined && attemptNumber < RETRY_POLICY.maxAttempts && clock().now() + delay - startedAt <= RETRY_POLICY.maxTotalMs;
		if (!withinBudget) throw wahaError(context.getNode(), failureOf(outcome, call, session, attemptNumber), call.hints ?? [], call.itemIndex);
		await clock().sleep(delay);
	}
}

/** The request options of a call to WAHA; the credential's `authenticate` puts them on Base URL with the key. */
export function requestOptions(session: WahaSession, call: Pick<WahaCall, 'httpMethod' | 'path' | 'qs' | 'body' | 'longAnswer'>): IHttpRequestOptions {
	return {
		method: call.httpMethod,
		url: `/api/${escapePathPart(session.session)}/${call.path}`,
		headers: { Accept: 'application/json' },
		qs: call.qs,
		body: call.body,
		json: call.body !== undefined,
		encoding: call.longAnswer ? 'stream' : 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// a redirect would take the X-Api-Key header to another address
		disableFollowRedirect: true,
	};
}

/** One attempt through the credential: an answer (any status) or what happened to the connection. */
export async function sendWithKey(context: IExecuteFunctions, options: IHttpRequestOptions): Promise<Outcome> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'wahaApi', options)) as IN8nHttpFullResponse;
		return { kind: 'answer', status: response.statusCode, body: await readJson(response.body), headers: response.headers ?? {} };
	} catch (error) {
		return { kind: 'network', code: networkCode(error) };
	}
}

/**
 * Calls WAHA: the one way every WAHA operation talks to it. `/api/{session}/{path}` on the credential's Base URL,
 * with `X-Api-Key`; no pacing (WAHA documents no rate limits); reads retried after transient failures, calls that
 * change something only when WAHA provably did not get them; every failure a NodeApiError without the key.
 */
export async function wahaRequest(this: IExecuteFunctions, call: WahaCall): Promise<unknown> {
	const session = await sessionOf(this);
	const options = requestOptions(session, call);
	return await withRetries(this, { ...call, effectful: call.httpMethod !== 'GET' }, async () => await sendWithKey(this, options));
}
