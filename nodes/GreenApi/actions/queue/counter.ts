import type { IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection, requireFlag } from '../common';
import type { Operation } from '../types';

/**
 * The counter in a queue counter's answer: GREEN-API's documentation prints the field as `сount` (with a Cyrillic
 * "с", U+0441), the service answers `count`; either is read. Undefined when neither holds a whole number.
 */
export function queueCounter(answer: unknown): number | undefined {
	const fields = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
	for (const value of [fields.count, fields['\u0441ount']]) {
		if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	}
	return undefined;
}

/** An operation that reads one of GREEN-API's queue counters (`{count}`, documented as `{сount}`). */
export function queueCount(
	value: string,
	name: string,
	action: string,
	description: string,
	method: 'getMessagesCount' | 'getWebhooksCount',
): Operation {
	return {
		value,
		name,
		action,
		description,
		properties: [optionsCollection()],
		async execute(itemIndex) {
			const answer = await greenApiRequest.call(this, { method, itemIndex });
			const count = queueCounter(answer);
			if (count === undefined) {
				throw new NodeOperationError(this.getNode(), `GREEN-API's answer to ${method} has no count`, {
					itemIndex,
					description: `GREEN-API answered ${JSON.stringify(answer).slice(0, 200)}: expected {"count": <number>}. Try again, and contact GREEN-API support if it persists.`,
				});
			}
			return { count };
		},
	};
}

/** An operation that empties one of GREEN-API's queues (`{isCleared}`): it cannot be undone. */
export function queueClear(
	value: string,
	name: string,
	action: string,
	description: string,
	method: 'clearMessagesQueue' | 'clearWebhooksQueue',
	httpMethod: IHttpRequestMethods,
	what: string,
): Operation {
	return {
		value,
		name,
		action,
		description,
		properties: [optionsCollection()],
		async execute(itemIndex) {
			const answer = await greenApiRequest.call(this, { method, httpMethod, itemIndex });
			requireFlag(
				this,
				itemIndex,
				answer,
				'isCleared',
				`The ${what} was not cleared`,
				'GREEN-API clears a queue at most once a minute: try again later.',
			);
			return { cleared: true };
		},
	};
}
