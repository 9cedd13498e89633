import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * An operation's own reading of a failure, matched by status and/or the API's text: either a clearer error, or
 * (with `result`) an answer that is a success for the operation, such as "already archived".
 */
export type ErrorHint = {
	status?: number;
	/** Matches only failures that got no answer (connection refused, reset, timed out). */
	noAnswer?: boolean;
	match?: RegExp;
} & (
	| {
			/** Replaces the default message (the API's text and the status). */
			message?: string;
			description: string;
	  }
	| { result: unknown }
);

/** What went wrong with one call, already redacted. */
export interface CallFailure {
	method: string;
	/** HTTP status, or undefined when no answer came. */
	status?: number;
	/** The API's own text (or the network error code). */
	apiMessage: string;
	/** The answer's body, redacted, for the error's details. */
	body?: unknown;
	attempts: number;
	host: string;
}

const DEFAULT_HINTS: Record<number, (failure: CallFailure) => string> = {
	400: () => 'GREEN-API refused the request as invalid: check the fields the message names',
	401: () =>
		'The API token is wrong: copy apiTokenInstance from the GREEN-API console into the GREEN-API credential',
	403: () =>
		'The instance id or the host is wrong: check idInstance and apiUrl in the GREEN-API credential against the GREEN-API console',
	404: () => 'GREEN-API has no such method at this address: check that apiUrl in the credential is only the host',
	429: (f) =>
		`GREEN-API's rate limit was still exceeded after ${f.attempts} attempts: keep the node's "Pace Requests" option on, and avoid running other workflows against the same instance at the same time`,
	466: () =>
		"The instance's quota is used up (e.g. the tariff's limit of correspondents or calls): upgrade the tariff in the GREEN-API console or wait until the quota resets",
	500: () => 'GREEN-API failed to process the request: try again later',
	502: (f) => `GREEN-API was unreachable behind its gateway after ${f.attempts} attempts: try again later`,
	503: (f) => `GREEN-API was unavailable after ${f.attempts} attempts: try again later`,
	504: (f) =>
		`GREEN-API timed out ${f.attempts} times waiting for the phone linked to the instance: make sure the phone is online and WhatsApp is running on it`,
};

function defaultHint(failure: CallFailure): string {
	if (failure.status === undefined) {
		return `Could not reach GREEN-API at ${failure.host} (after ${failure.attempts} attempts): check apiUrl in the credential and the network`;
	}
	const hint = DEFAULT_HINTS[failure.status];
	if (hint) return hint(failure);
	if (failure.status >= 300 && failure.status < 400) {
		return 'GREEN-API answered with a redirect, which the node does not follow because the token is part of the URL: set apiUrl in the GREEN-API credential to the exact address the GREEN-API console shows, with https://';
	}
	return 'GREEN-API answered with an unexpected status';
}

function matches(hint: ErrorHint, failure: CallFailure): boolean {
	if (hint.status !== undefined && hint.status !== failure.status) return false;
	if (hint.noAnswer && failure.status !== undefined) return false;
	return hint.match === undefined || hint.match.test(failure.apiMessage);
}

/** The first of an operation's hints that fits a failure. */
export function findHint(hints: ErrorHint[], failure: CallFailure): ErrorHint | undefined {
	return hints.find((candidate) => matches(candidate, failure));
}

/** A NodeApiError that carries only redacted text: the API's message, the status and what to do about it. */
export function callError(
	node: INode,
	failure: CallFailure,
	hint: ErrorHint | undefined,
	itemIndex?: number,
): NodeApiError {
	const reading = hint && 'description' in hint ? hint : undefined;
	const status = failure.status === undefined ? 'no answer' : `HTTP ${failure.status}`;
	const message = reading?.message ?? `GREEN-API ${failure.method} failed (${status}): ${failure.apiMessage}`;
	const response: JsonObject = { method: failure.method, apiMessage: failure.apiMessage };
	if (failure.status !== undefined) response.status = failure.status;
	if (failure.body !== undefined) response.body = failure.body as JsonObject;
	const error = new NodeApiError(node, response, {
		message,
		description: reading?.description ?? defaultHint(failure),
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex,
	});
	// NodeApiError swaps messages that mention a network error code for generic text; keep ours.
	error.message = message;
	return error;
}
