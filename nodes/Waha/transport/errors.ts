import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SESSION_STATUS_MESSAGES } from '../../../credentials/WahaApi.credentials';

/** What went wrong with one WAHA call, already redacted. */
export interface WahaFailure {
	/** What the call does, for messages: e.g. "archive chat 79001234567@c.us". */
	action: string;
	status?: number;
	/** WAHA's own text, or what happened to the connection. */
	apiMessage: string;
	body?: unknown;
	attempts: number;
	host: string;
	session: string;
	/** Whether the call changes something in WhatsApp (then a lost answer leaves its outcome unknown). */
	effectful: boolean;
	/** The session's status, when WAHA says it is not WORKING (HTTP 422). */
	sessionStatus?: string;
}

/** An operation's own reading of a failure, matched by status and/or WAHA's text. */
export interface WahaHint {
	status?: number;
	match?: RegExp;
	message: string;
	description: string;
}

/** The engine a "not implemented" answer names (`… by 'NOWEB' engine`), or undefined. */
export function engineNamed(apiMessage: string): string | undefined {
	return /by (?:the )?'([A-Z]+)' engine/i.exec(apiMessage)?.[1];
}

/**
 * The message and advice for a failure no hint of the operation read: WAHA's engine limitations, sessions that
 * are unknown or not working, keys, addresses, and WAHA's other statuses.
 */
function defaultReading(failure: WahaFailure): { message?: string; description: string } {
	const { status, apiMessage, session } = failure;
	if (status === undefined) {
		const description = `Could not reach WAHA at ${failure.host} (${apiMessage}, after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}): check Base URL in the WAHA credential and that WAHA is running`;
		return failure.effectful && !/refused|not found|resolved/.test(apiMessage)
			? { description: `${description}. The request may have reached WAHA before the connection broke: check in WhatsApp whether it was done before running it again` }
			: { description };
	}
	if (status === 501 || /not implemented by/i.test(apiMessage)) {
		const engine = engineNamed(apiMessage);
		return {
			message: `WAHA cannot ${failure.action}: the ${engine ? `${engine} engine` : "session's engine"} does not implement it`,
			description: `WAHA's Chats page lists what each engine offers (NOWEB has no archive/unarchive, #445, no chat delete and no "delete all messages"). Run the session on an engine that has it, e.g. WEBJS. WAHA said: ${apiMessage}`,
		};
	}
	if (/enable noweb store/i.test(apiMessage)) {
		return {
			message: `WAHA cannot ${failure.action}: the session's NOWEB store is off`,
			description: 'The NOWEB engine lists chats and messages only from its store: start the session with config.noweb.store.enabled=true and config.noweb.store.full_sync=true',
		};
	}
	if (status === 401) {
		return { description: 'WAHA refused the API key: set API Key in the WAHA credential to the plain value of WAHA_API_KEY' };
	}
	if (status === 422 && failure.sessionStatus) {
		return {
			message: `The WAHA session "${session}" is not working (status "${failure.sessionStatus}")`,
			description: SESSION_STATUS_MESSAGES[failure.sessionStatus] ?? 'Restart the session in the WAHA dashboard, then try again',
		};
	}
	if (status === 404 && /session/i.test(apiMessage)) {
		return {
			message: `WAHA has no session "${session}"`,
			description: 'Check the Session field of the WAHA credential against the WAHA dashboard, and start the session there',
		};
	}
	if (status === 404 && /^Cannot [A-Z]+ /.test(apiMessage)) {
		return { description: 'WAHA does not have this endpoint at this address: check that Base URL in the WAHA credential is WAHA itself (e.g. http://localhost:3000, without /api), and that WAHA is recent enough' };
	}
	if (status === 400) return { description: 'WAHA refused the request as invalid: check the fields its message names' };
	if (status === 429) return { description: `WAHA (or a proxy in front of it) still limited the rate after ${failure.attempts} attempts: run fewer items at once or try again later` };
	if (status >= 500) return { description: `WAHA failed to ${failure.action}${failure.attempts > 1 ? ` after ${failure.attempts} attempts` : ''}: check WAHA's log, then try again` };
	if (status >= 300 && status < 400) return { description: 'WAHA answered with a redirect, which the node does not follow (the API key would go along): set Base URL in the WAHA credential to the address WAHA answers on' };
	return { description: 'WAHA answered with an unexpected status' };
}

function matches(hint: WahaHint, failure: WahaFailure): boolean {
	if (hint.status !== undefined && hint.status !== failure.status) return false;
	return hint.match === undefined || hint.match.test(failure.apiMessage);
}

/** A NodeApiError that carries only redacted text: WAHA's message, the status and what to do about it. */
export function wahaError(node: INode, failure: WahaFailure, hints: WahaHint[], itemIndex?: number): NodeApiError {
	const reading = hints.find((hint) => matches(hint, failure)) ?? defaultReading(failure);
	const status = failure.status === undefined ? 'no answer' : `HTTP ${failure.status}`;
	const message = reading.message ?? `WAHA could not ${failure.action} (${status}): ${failure.apiMessage}`;
	const response: JsonObject = { action: failure.action, apiMessage: failure.apiMessage };
	if (failure.status !== undefined) response.status = failure.status;
	if (failure.body !== undefined) response.body = failure.body as JsonObject;
	const error = new NodeApiError(node, response, {
		message,
		description: reading.description,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex,
	});
	// NodeApiError swaps messages that mention a network error code for generic text; keep ours.
	error.message = message;
	return error;
}
