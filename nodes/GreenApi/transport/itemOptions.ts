/** What an item's options and a call ask of the transport: pacing, timeouts, and the signal that stops it. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_TIMEOUTS, type Timeouts } from './guard';
import type { GreenApiCall, GreenApiContext } from './index';

export function paceEnabled(context: GreenApiContext, itemIndex: number | undefined): boolean {
	if (itemIndex === undefined || !('getInputData' in context)) return true;
	return context.getNodeParameter('options.paceRequests', itemIndex, true) !== false;
}

/** The item's "Timeout" option (seconds), over the defaults; a value that is not 0.1 to 3600 s fails the item. */
export function timeoutsOf(context: GreenApiContext, call: Pick<GreenApiCall, 'itemIndex' | 'qs' | 'timeouts'>): Timeouts {
	let fromItem: Partial<Timeouts> = {};
	if (call.itemIndex !== undefined && 'getInputData' in context) {
		const value = context.getNodeParameter('options.timeout', call.itemIndex, 0) as unknown;
		if (value !== 0 && value !== '' && value !== undefined && value !== null) {
			const seconds = Number(value);
			if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
				throw new NodeOperationError(
					context.getNode(),
					`Invalid Timeout ${JSON.stringify(value)} in item ${call.itemIndex}: expected a number of seconds from 0.1 to 3600`,
					{ itemIndex: call.itemIndex, description: 'Change the "Timeout" option (or the expression that fills it) for this item' },
				);
			}
			fromItem = { answerMs: seconds * 1000, idleMs: seconds * 1000 };
		}
	}
	const timeouts = { ...DEFAULT_TIMEOUTS, ...fromItem, ...call.timeouts };
	// a long poll answers only after its receiveTimeout: never time it out before that (plus a margin)
	const receiveTimeout = Number(call.qs?.receiveTimeout);
	if (Number.isFinite(receiveTimeout) && receiveTimeout > 0) {
		timeouts.answerMs = Math.max(timeouts.answerMs, (receiveTimeout + LONG_POLL_MARGIN_S) * 1000);
	}
	return timeouts;
}

/** What a long poll may take beyond its receiveTimeout before it counts as timed out. */
export const LONG_POLL_MARGIN_S = 15;

/** The signal that stops this call: the trigger's, or the execution's (a user stopping the workflow). */
export function stopSignalOf(context: GreenApiContext, call: Pick<GreenApiCall, 'abortSignal'>): AbortSignal | undefined {
	if (call.abortSignal) return call.abortSignal;
	const execution = context as Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>;
	return typeof execution.getExecutionCancelSignal === 'function' ? execution.getExecutionCancelSignal() : undefined;
}

/** The item's timeouts, for requests the transport makes on other hosts (a file download). */
export function itemTimeouts(context: GreenApiContext, itemIndex: number): Timeouts {
	return timeoutsOf(context, { itemIndex });
}
