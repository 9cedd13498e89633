import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ITriggerFunctions,
} from 'n8n-workflow';

import { redactText, redactValue } from '../helpers/redact';
import type { UploadBody } from './binary';
import { clock } from './clock';
import { callError, type CallFailure, type ErrorHint, findHint } from './errors';
import { paceCall } from './pacing';
import { type ReadJson, readJson } from './readJson';
import {
	parseRetryAfter,
	RETRY_POLICY,
	RETRYABLE_NETWORK_CODES,
	RETRYABLE_STATUSES,
	retryDelay,
} from './retry';

export type GreenApiContext = IExecuteFunctions | IHookFunctions | ITriggerFunctions;

export interface GreenApiCall {
	/** The GREEN-API method, e.g. `archiveChat`. */
	method: string;
	/** Defaults to POST when there is a body, GET otherwise. */
	httpMethod?: IHttpRequestMethods;
	body?: IDataObject;
	qs?: IDataObject;
	/** The item the call is for: named in errors, and whose "Pace Requests" option applies. */
	itemIndex?: number;
	/** The operation's own readings of failures, tried before the defaults. */
	hints?: ErrorHint[];
	/**
	 * The answer can be long (a chat's history, the list of chats): read it as it arrives, so that it is never held
	 * whole as bytes or text (see readJson). Reading a stream costs some 45 µs more per call, so short answers are
	 * read as text.
	 */
	longAnswer?: boolean;
	/** Path segments after the token, e.g. deleteNotification's receipt id. */
	pathTail?: string;
	/** Aborts the request under way (a trigger stopping); no attempt starts once it is aborted. */
	abortSignal?: AbortSignal;
	/**
	 * An upload: the method is called with this body instead of JSON. Called anew for every attempt, so that a retry
	 * sends the file from its start.
	 */
	upload?: () => Promise<UploadBody>;
	/**
	 * Where the call goes: the credential's API URL (the default) or its Media URL. GREEN-API takes only
	 * sendFileByUpload and uploadFile on the media host; every other method, picture uploads included, on apiUrl.
	 */
	host?: 'api' | 'media';
}

/** What a 200 with an empty body means: the call did what it was asked. */
export const EMPTY_SUCCESS = { success: true } as const;

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection was aborted',
	ENOTFOUND: 'the host was not found',
	EAI_AGAIN: 'the host name could not be resolved',
};

interface Instance {
	/** The credential as n8n hands it to `authenticate` (read once: each getNode() is a deep copy of the node). */
	credentialsDecrypted: ICredentialsDecrypted;
	/** apiUrl and idInstance: what the rate limits are counted by. */
	key: string;
	host: string;
	/** Where uploads go: the credential's mediaUrl with the instance, e.g. https://media.green-api.com/waInstance1101000001 */
	mediaBase: string;
	/** The values no error may show. */
	secrets: string[];
}

const instances = new WeakMap<GreenApiContext, Promise<Instance>>();

/** The credential, read once per execution context. */
async function instanceOf(context: GreenApiContext): Promise<Instance> {
	let instance = instances.get(context);
	if (!instance) {
		instance = context.getCredentials('greenApi').then((credentials) => {
			const apiUrl = String(credentials.apiUrl ?? '').replace(/\/+$/, '');
			const host = apiUrl.replace(/^https?:\/\//i, '').split('/')[0];
			const token = String(credentials.apiTokenInstance ?? '');
			const mediaUrl = String(credentials.mediaUrl || apiUrl).trim().replace(/\/+$/, '');
			const { id, name } = context.getNode().credentials?.greenApi ?? {};
			return {
				credentialsDecrypted: { id: id ?? '', name: name ?? '', type: 'greenApi', data: credentials },
				key: `${apiUrl}|${String(credentials.idInstance)}`,
				host,
				mediaBase: `${mediaUrl}/waInstance${String(credentials.idInstance ?? '').trim()}`,
				secrets: [token],
			};
		});
		instances.set(context, instance);
	}
	return await instance;
}

function paceEnabled(context: GreenApiContext, itemIndex: number | undefined): boolean {
	if (itemIndex === undefined || !('getInputData' in context)) return true;
	return context.getNodeParameter('options.paceRequests', itemIndex, true) !== false;
}

export type Outcome =
	| { kind: 'answer'; status: number; body: ReadJson; headers: Record<string, unknown> }
	| { kind: 'network'; code: string }
	/** What an attempt that did its whole job returns. */
	| { kind: 'done'; value: unknown };

async function send(context: GreenApiContext, instance: Instance, call: GreenApiCall): Promise<Outcome> {
	const upload = call.upload ? await call.upload() : undefined;
	const options: IHttpRequestOptions = {
		method: call.httpMethod ?? (call.body || upload ? 'POST' : 'GET'),
		url: `${call.host === 'media' ? `${instance.mediaBase}/` : ''}${call.method}${call.pathTail ? `/${call.pathTail}` : ''}`,
		headers: { Accept: 'application/json', ...upload?.headers },
		qs: call.qs,
		body: upload?.body ?? call.body,
		json: call.body !== undefined,
		encoding: call.longAnswer ? 'stream' : 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// GREEN-API answers where it is asked; a redirect would carry the token in the path to another address
		disableFollowRedirect: true,
		abortSignal: call.abortSignal,
	};
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'greenApi', options, {
			credentialsDecrypted: instance.credentialsDecrypted,
		})) as IN8nHttpFullResponse;
		const body = await readJson(response.body);
		return { kind: 'answer', status: response.statusCode, body, headers: response.headers ?? {} };
	} catch (error) {
		return { kind: 'network', code: networkCode(error) };
	}
}

/** The network error code behind an error n8n raised for a request that got no answer. */
export function networkCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return 'EUNKNOWN';
}

/** The answer's value: an empty answer means the call did what it was asked. */
function valueOf(body: ReadJson): { ok: true; value: unknown } | { ok: false } {
	if (body.kind === 'blank') return { ok: true, value: EMPTY_SUCCESS };
	return body.kind === 'json' ? { ok: true, value: body.value } : { ok: false };
}

/** The API's own words in an error answer: its `message` (or `error`) field, or the text itself. */
function apiMessageFrom(body: ReadJson, status: number): string {
	if (body.kind === 'json' && body.value && typeof body.value === 'object') {
		const { message, error } = body.value as { message?: unknown; error?: unknown };
		if (typeof message === 'string' && message) return message;
		if (typeof error === 'string' && error) return error;
	}
	const text = body.head.trim();
	return text || `HTTP ${status} with an empty body`;
}

/** Text as an error may show it: the secrets removed first, then cut (cutting first could leave part of one). */
function quote(text: string, instance: Instance, maxChars: number): string {
	return redactText(text, instance.secrets).slice(0, maxChars);
}

function failureOf(
	outcome: Exclude<Outcome, { kind: 'done' }>,
	call: Attempted,
	instance: Instance,
	attempts: number,
): CallFailure {
	const base = { method: call.method, attempts, host: instance.host };
	if (outcome.kind === 'network') {
		return { ...base, apiMessage: NETWORK_FAILURES[outcome.code] ?? `the request failed (${outcome.code})` };
	}
	const parsed = valueOf(outcome.body);
	return {
		...base,
		status: outcome.status,
		apiMessage: quote(apiMessageFrom(outcome.body, outcome.status), instance, 500),
		body: parsed.ok ? redactValue(parsed.value, instance.secrets) : quote(outcome.body.head, instance, 2000),
	};
}

function isRetryable(outcome: Exclude<Outcome, { kind: 'done' }>): boolean {
	return outcome.kind === 'network'
		? RETRYABLE_NETWORK_CODES.has(outcome.code)
		: RETRYABLE_STATUSES.has(outcome.status);
}

/** What the retry loop needs to know of a call: its method (for pacing and errors), item and hints. */
type Attempted = Pick<GreenApiCall, 'method' | 'itemIndex' | 'hints'>;

/**
 * Runs `attempt` until it succeeds, retrying rate limits, gateway failures and connection resets with exponential
 * backoff within RETRY_POLICY, pacing each attempt at the method's limit when `pace` is on. A 2xx answer is the
 * call's JSON value; a failure becomes a NodeApiError that never shows a secret, unless a hint reads it as a result.
 */
export async function withRetries(
	context: GreenApiContext,
	call: Attempted,
	pace: boolean,
	attempt: () => Promise<Outcome>,
): Promise<unknown> {
	const instance = await instanceOf(context);
	const startedAt = clock().now();
	for (let attemptNumber = 1; ; attemptNumber++) {
		if (pace) await paceCall(instance.key, call.method);
		const outcome = await attempt();
		if (outcome.kind === 'done') return outcome.value;
		if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) {
			const parsed = valueOf(outcome.body);
			if (parsed.ok) return parsed.value;
			throw callError(
				context.getNode(),
				{
					method: call.method,
					status: outcome.status,
					apiMessage: 'the answer is not valid JSON',
					body: quote(outcome.body.head, instance, 2000),
					attempts: attemptNumber,
					host: instance.host,
				},
				{ description: 'GREEN-API sent a malformed answer; try again, and contact GREEN-API support if it persists' },
				call.itemIndex,
			);
		}
		const delay = isRetryable(outcome)
			? retryDelay(
					attemptNumber,
					clock().random(),
					outcome.kind === 'answer' ? parseRetryAfter(outcome.headers['retry-after'], clock().now()) : undefined,
				)
			: undefined;
		const withinBudget =
			delay !== undefined &&
			attemptNumber < RETRY_POLICY.maxAttempts &&
			clock().now() + delay - startedAt <= RETRY_POLICY.maxTotalMs;
		if (!withinBudget) {
			const failure = failureOf(outcome, call, instance, attemptNumber);
			const hint = findHint(call.hints ?? [], failure);
			if (hint && 'result' in hint) return hint.result;
			throw callError(context.getNode(), failure, hint, call.itemIndex);
		}
		await clock().sleep(delay);
	}
}

/**
 * Calls a GREEN-API method: the one way every operation and the trigger talk to GREEN-API.
 * Paces calls at the documented per-second limits, retries rate limits, gateway failures and connection resets
 * with exponential backoff, and turns every failure into a NodeApiError that never shows the token.
 * Returns the parsed JSON answer; an empty 200 answer becomes `{ success: true }`; a failure that one of the
 * call's hints reads as a result returns that result.
 */
export async function greenApiRequest(this: GreenApiContext, call: GreenApiCall): Promise<unknown> {
	const instance = await instanceOf(this);
	return await withRetries(this, call, paceEnabled(this, call.itemIndex), async () =>
		call.abortSignal?.aborted ? { kind: 'network', code: 'ERR_CANCELED' } : await send(this, instance, call),
	);
}

/** The values no error, item or log may show for this context's credential (the API token). */
export async function secretsOf(context: GreenApiContext): Promise<string[]> {
	return (await instanceOf(context)).secrets;
}
