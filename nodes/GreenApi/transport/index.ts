import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ITriggerFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { authenticateGreenApi } from '../../../credentials/GreenApi.credentials';
import { networkCode } from '../helpers/network';
import { type ByteStream, framed, isProgressStream, type ProgressStream, type UploadBody } from './binary';
import { clock } from './clock';
import { callError, type ErrorHint, failureOf, findHint, maybeDoneError, type Quoting } from './errors';
import { guarded, type NoAnswer, STOPPED, type Timeouts } from './guard';
import { paceEnabled, stopSignalOf, timeoutsOf } from './itemOptions';
import { isSafeToRepeat } from './methods';
import { paceCall, paceSucceeded, rateLimited } from './pacing';
import { type ReadJson, readJson } from './readJson';
import { type Instance, instanceOf } from './instance';
import { findSent } from './reconcile';
import { failureKind, parseRetryAfter, RATE_LIMIT_POLICY, RETRY_POLICY, RETRYABLE_STATUSES, retryDelay } from './retry';

/** The contexts that call GREEN-API: the node, the pickers' lists, the triggers' hooks and the triggers. */
export type GreenApiContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | ITriggerFunctions;
export type { Timeouts } from './guard';
export { secretsOf } from './instance';
export { DEFAULT_TIMEOUTS } from './guard';
export { itemTimeouts } from './itemOptions';

export interface GreenApiCall {
	/** The GREEN-API method, e.g. `archiveChat`. */
	method: string;
	/** Defaults to POST when there is a body, GET otherwise. */
	httpMethod?: IHttpRequestMethods;
	body?: IDataObject;
	qs?: IDataObject;
	/** The item the call is for: named in errors, and whose "Pace Requests" and "Timeout" options apply. */
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
	/** Aborts the request and any wait under way (a trigger stopping); no attempt starts once it is aborted. */
	abortSignal?: AbortSignal;
	/**
	 * The call's own timeouts, over the item's option and the defaults: e.g. the Queue Trigger's long poll, whose
	 * answer may take receiveTimeout seconds to begin.
	 */
	timeouts?: Partial<Timeouts>;
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

const EMPTY = Buffer.alloc(0);

/** What a 200 with an empty body means: the call did what it was asked. */
export const EMPTY_SUCCESS = { success: true } as const;

export type Outcome =
	| { kind: 'answer'; status: number; body: ReadJson; headers: Record<string, unknown> }
	| NoAnswer
	/** What an attempt that did its whole job returns. */
	| { kind: 'done'; value: unknown };

/** An upload body that tells the guard of each chunk read for sending, so that a long upload is not a stalled one. */
function withProgress(body: ByteStream | Buffer, touch: () => void): ByteStream | Buffer {
	if (Buffer.isBuffer(body)) return body;
	const watched = isProgressStream(body) ? body : (framed(EMPTY, body, EMPTY) as ProgressStream);
	watched.onChunk = touch;
	return watched;
}

/** The request options of an attempt, completed by the credential (the one place that puts the token in the URL). */
async function requestOptions(context: GreenApiContext, instance: Instance, call: GreenApiCall, upload?: UploadBody) {
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
		// the guard's timeouts apply (n8n's client would otherwise cut any request at 300 s); this only bounds the
		// client's idle socket beyond the longest Timeout option (3600 s)
		timeout: 3_660_000,
	};
	try {
		return await authenticateGreenApi(instance.credentialsDecrypted.data ?? {}, options);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex: call.itemIndex,
			description: 'Fix the GREEN-API credential: copy apiUrl, idInstance and apiTokenInstance from the GREEN-API console',
		});
	}
}

async function send(
	context: GreenApiContext,
	instance: Instance,
	call: GreenApiCall,
	timeouts: Timeouts,
	stop: AbortSignal | undefined,
): Promise<Outcome> {
	return await guarded<Outcome>(timeouts, stop, async (guard) => {
		const upload = call.upload ? await call.upload() : undefined;
		if (upload) upload.body = withProgress(upload.body, guard.touch);
		const options = await requestOptions(context, instance, call, upload);
		options.abortSignal = guard.signal;
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequest(options)) as IN8nHttpFullResponse;
		} catch (error) {
			return { kind: 'network', code: networkCode(error) };
		}
		guard.answered(response.body);
		try {
			const body = await readJson(response.body, undefined, guard.touch);
			return { kind: 'answer', status: response.statusCode, body, headers: response.headers ?? {} };
		} catch (error) {
			return { kind: 'network', code: networkCode(error) };
		}
	});
}


/** The answer's value: an empty answer means the call did what it was asked. */
function valueOf(body: ReadJson): { ok: true; value: unknown } | { ok: false } {
	if (body.kind === 'blank') return { ok: true, value: EMPTY_SUCCESS };
	return body.kind === 'json' ? { ok: true, value: body.value } : { ok: false };
}

/** What the retry loop needs to know of a call. */
export type Attempted = Pick<GreenApiCall, 'method' | 'itemIndex' | 'hints' | 'abortSignal' | 'body'>;

/** Whether another attempt may follow this failure: what rule 1 of the README ("Retries") allows. */
function mayRetry(outcome: Exclude<Outcome, { kind: 'done' }>, method: string): boolean {
	if (outcome.kind === 'answer' && outcome.status < 300) return false;
	const kind = failureKind(outcome);
	if (kind === 'refused') return true;
	if (kind !== 'unknown' || !isSafeToRepeat(method)) return false;
	return outcome.kind === 'network' || RETRYABLE_STATUSES.has(outcome.status);
}

function isRateLimit(outcome: Outcome): boolean {
	return outcome.kind === 'answer' && outcome.status === 429;
}

/**
 * Runs `attempt` until it succeeds, within the retry rules (README "Retries"): a method safe to repeat is retried
 * after any transient failure; an effectful one only when GREEN-API provably did not take it, and after a failure
 * that leaves it unknown it is looked up in GREEN-API's journal (reconcile.ts) or fails saying it may have been
 * carried out. 429s slow the method down in this process (pacing.ts) and have a longer budget. A stop (the
 * workflow's or the trigger's signal) ends any pause at once.
 */
export async function withRetries(
	context: GreenApiContext,
	call: Attempted,
	pace: boolean,
	attempt: () => Promise<Outcome>,
): Promise<unknown> {
	const instance = await instanceOf(context);
	const stop = stopSignalOf(context, call);
	const quoting: Quoting = { secrets: instance.secrets, host: instance.host };
	const startedAt = clock().now();
	// GREEN-API's journal is on wall-clock time, whatever clock the pauses run on
	const sentFrom = Date.now();
	let rateLimits = 0;
	let others = 0;
	for (let attemptNumber = 1; ; attemptNumber++) {
		// a pacing wait only ends early when the call is stopped
		const attemptStart = pace ? await paceCall(instance.key, call.method, stop).catch(() => undefined) : clock().now();
		const outcome: Outcome = attemptStart === undefined || stop?.aborted ? STOPPED : await attempt();
		if (outcome.kind === 'done') return outcome.value;
		if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) {
			const parsed = valueOf(outcome.body);
			if (!parsed.ok) {
				const failure = { ...failureOf(outcome, call.method, quoting, attemptNumber), apiMessage: 'the answer is not valid JSON' };
				throw callError(context.getNode(), failure, { description: 'GREEN-API sent a malformed answer; try again, and contact GREEN-API support if it persists' }, call.itemIndex);
			}
			if (pace) paceSucceeded(instance.key, call.method);
			return parsed.value;
		}
		const retryAfter = outcome.kind === 'answer' ? parseRetryAfter(outcome.headers['retry-after'], clock().now()) : undefined;
		if (isRateLimit(outcome)) {
			rateLimits++;
			if (pace) rateLimited(instance.key, call.method, attemptStart ?? clock().now(), retryAfter);
		} else if (outcome !== STOPPED) others++;
		const policy = isRateLimit(outcome) ? RATE_LIMIT_POLICY : RETRY_POLICY;
		const tries = isRateLimit(outcome) ? rateLimits : others;
		const delay = retryDelay(tries, clock().random(), retryAfter);
		const retry =
			!stop?.aborted &&
			mayRetry(outcome, call.method) &&
			tries < policy.maxAttempts &&
			clock().now() + delay - startedAt <= policy.maxTotalMs;
		const failure = failureOf(outcome, call.method, quoting, attemptNumber);
		if (!retry) {
			const hint = findHint(call.hints ?? [], failure);
			if (hint && 'result' in hint) return hint.result;
			if (outcome !== STOPPED && failureKind(outcome) === 'unknown' && !isSafeToRepeat(call.method)) {
				const sent = await reconciled(context, call, sentFrom);
				if (sent) return sent;
				throw maybeDoneError(context.getNode(), failure, call.itemIndex);
			}
			throw callError(context.getNode(), failure, hint, call.itemIndex);
		}
		try {
			await clock().sleep(delay, stop);
		} catch {
			throw callError(context.getNode(), failureOf(STOPPED, call.method, quoting, attemptNumber), undefined, call.itemIndex);
		}
	}
}

/** An effectful call whose outcome is unknown, found in GREEN-API's journal: the answer it would have given. */
async function reconciled(context: GreenApiContext, call: Attempted, sentFrom: number): Promise<unknown> {
	if (!call.body) return undefined;
	try {
		const entry = await findSent(
			call.method,
			call.body,
			sentFrom,
			async (journal, qs) =>
				await greenApiRequest.call(context, { method: journal, qs, itemIndex: call.itemIndex, abortSignal: call.abortSignal, longAnswer: true }),
			async (ms) => await clock().sleep(ms, stopSignalOf(context, call)),
		);
		return entry ? { idMessage: entry.idMessage } : undefined;
	} catch {
		// the journal could not be read: the call stays "may have been carried out"
		return undefined;
	}
}

/**
 * Calls a GREEN-API method: the one way every operation and the trigger talk to GREEN-API.
 * Paces calls at the documented per-second limits (slower after 429s), times out stalled answers, retries what the
 * rules allow (withRetries), and turns every failure into a NodeApiError that never shows the token.
 * Returns the parsed JSON answer; an empty 200 answer becomes `{ success: true }`; a failure that one of the
 * call's hints reads as a result returns that result.
 */
export async function greenApiRequest(this: GreenApiContext, call: GreenApiCall): Promise<unknown> {
	const instance = await instanceOf(this);
	const timeouts = timeoutsOf(this, call);
	const stop = stopSignalOf(this, call);
	return await withRetries(this, call, paceEnabled(this, call.itemIndex), async () => await send(this, instance, call, timeouts, stop));
}
