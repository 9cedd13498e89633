import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { NETWORK_FAILURES } from '../helpers/network';
import { redactText, redactValue } from '../helpers/redact';
import type { NoAnswer } from './guard';
import type { ReadJson } from './readJson';

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
	/** For a timeout: how long the attempt waited, in ms. */
	waitedMs?: number;
}


function seconds(ms: number | undefined): string {
	return `${Math.round((ms ?? 0) / 100) / 10} s`;
}

/** What went wrong, in words: a timeout names the host and the time waited. */
function noAnswerText(outcome: NoAnswer, host: string): string {
	if (outcome.code === 'ETIMEOUT_ANSWER') return `no answer from ${host} within ${seconds(outcome.waitedMs)}`;
	if (outcome.code === 'ETIMEOUT_IDLE') return `the answer from ${host} stopped for ${seconds(outcome.waitedMs)}`;
	return NETWORK_FAILURES[outcome.code] ?? `the request failed (${outcome.code})`;
}

/** How error texts quote what GREEN-API sent: without the secrets, naming the host. */
export interface Quoting {
	secrets: readonly string[];
	host: string;
}

/** Text as an error may show it: the secrets removed first, then cut (cutting first could leave part of one). */
export function quote(text: string, quoting: Quoting, maxChars: number): string {
	return redactText(text, quoting.secrets).slice(0, maxChars);
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

/** A failed attempt as an error shows it, redacted. */
export function failureOf(
	outcome: NoAnswer | { kind: 'answer'; status: number; body: ReadJson },
	method: string,
	quoting: Quoting,
	attempts: number,
): CallFailure {
	const base = { method, attempts, host: quoting.host };
	if (outcome.kind === 'network') {
		return { ...base, apiMessage: noAnswerText(outcome, quoting.host), waitedMs: outcome.waitedMs };
	}
	const body = outcome.body;
	const parsed = body.kind === 'json' ? redactValue(body.value, quoting.secrets) : quote(body.head, quoting, 2000);
	return {
		...base,
		status: outcome.status,
		apiMessage: quote(apiMessageFrom(body, outcome.status), quoting, 500),
		body: body.kind === 'blank' ? '' : parsed,
	};
}

const DEFAULT_HINTS: Record<number, (failure: CallFailure) => string> = {
	400: () => 'GREEN-API refused the request as invalid: check the fields the message names',
	401: () =>
		'The API token is wrong: copy apiTokenInstance from the GREEN-API console into the GREEN-API credential',
	403: () =>
		'The instance id or the host is wrong: check idInstance and apiUrl in the GREEN-API credential against the GREEN-API console',
	404: () => 'GREEN-API has no such method at this address: check that apiUrl in the credential is only the host',
	429: (f) =>
		`GREEN-API's rate limit was still exceeded after ${f.attempts} attempts. Keep "Pace Requests" on: it keeps this n8n process within GREEN-API's limit and slows down when GREEN-API refuses calls, but it cannot see other processes. In queue mode every worker paces on its own, so lower the workers' concurrency (n8n worker --concurrency) or run fewer sending executions at once, or set delaySendMessagesMilliseconds (Instance › Update Settings › Delay Between Messages) so that GREEN-API spaces the sends itself`,
	466: () =>
		"The instance's quota is used up (e.g. the tariff's limit of correspondents or calls): upgrade the tariff in the GREEN-API console or wait until the quota resets",
	500: () => 'GREEN-API failed to process the request: try again later',
	502: (f) => `GREEN-API was unreachable behind its gateway after ${f.attempts} attempts: try again later`,
	503: (f) => `GREEN-API was unavailable after ${f.attempts} attempts: try again later`,
	504: (f) =>
		`GREEN-API timed out ${f.attempts} times waiting for the phone linked to the instance: make sure the phone is online and WhatsApp is running on it`,
};

/** GREEN-API's 400s while the instance cannot work: the state, not the fields, is what to fix. */
const STATE_HINTS: Array<{ match: RegExp; description: string }> = [
	{
		match: /not authori[sz]ed/i,
		description:
			'The phone is not linked to the instance (GREEN-API: not authorized, e.g. after Log Out): link it with Instance › Get QR Code in n8n and scan the code in WhatsApp › Linked devices, or link it in the GREEN-API console, then run again',
	},
	{
		match: /starting process/i,
		description: 'The instance is starting: wait a few minutes and run again',
	},
];

function defaultHint(failure: CallFailure): string {
	if (failure.apiMessage === NETWORK_FAILURES.ERR_CANCELED) return 'The workflow was stopped before GREEN-API answered';
	if (failure.waitedMs !== undefined) {
		return `GREEN-API at ${failure.host} did not answer in time (after ${failure.attempts} attempts): try again later, or raise the "Timeout" option`;
	}
	if (failure.status === undefined) {
		return `Could not reach GREEN-API at ${failure.host} (after ${failure.attempts} attempts): check apiUrl in the credential and the network`;
	}
	const state = STATE_HINTS.find((hint) => hint.match.test(failure.apiMessage));
	if (state && failure.status < 500) return state.description;
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

/** Where a user can see whether an effectful call was carried out. */
function howToCheck(method: string): string {
	const name = method.toLowerCase();
	if (name.endsWith('status')) return 'Status › Get Many (Direction: Outgoing)';
	if (name === 'creategroup' || name === 'addgroupparticipant') return 'Group › Get';
	if (name.startsWith('send') || name === 'forwardmessages') {
		return 'Message › Get Many (Direction: Outgoing) for the chat, or Queue › Get Messages (sends GREEN-API still holds)';
	}
	return 'WhatsApp on the linked phone';
}

/**
 * The error of an effectful call whose outcome is unknown: it was not repeated, since a second copy could reach
 * the chat; it says how to check before running the item again.
 */
export function maybeDoneError(node: INode, failure: CallFailure, itemIndex?: number): NodeApiError {
	const status = failure.status === undefined ? 'no answer' : `HTTP ${failure.status}`;
	return callError(
		node,
		failure,
		{
			message: `GREEN-API ${failure.method} may have been carried out (${status}: ${failure.apiMessage})`,
			description: `The request reached GREEN-API at ${failure.host} but no answer said whether it was carried out, so it was not sent again: a second attempt could make a second copy. Check ${howToCheck(failure.method)} before running this item again.`,
		},
		itemIndex,
	);
}
