import type { IHttpRequestMethods } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection, requireFlag } from '../common';
import type { Operation } from '../types';

/** An operation that reads one of GREEN-API's queue counters (`{count}`). */
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
			const answer = (await greenApiRequest.call(this, { method, itemIndex })) as { count?: unknown };
			return { count: Number(answer?.count ?? 0) };
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
