import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { FieldProblem, type ReadParameter } from './config';

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * When to stop waiting: n8n's "wait indefinitely" without the Limit Wait Time option, else the end of the interval
 * from `now`, or the time given (a date and time without an offset is read in the n8n server's time zone, as n8n's own
 * send-and-wait nodes read it). Throws a FieldProblem for an amount, unit or time it cannot use.
 */
export function readWaitTill(read: ReadParameter, now: number): Date {
	const limit = read('options.limitWaitTime.values', null) as Record<string, unknown> | undefined;
	if (limit === undefined || limit === null) return WAIT_INDEFINITELY;
	const limitType = limit.limitType ?? 'afterTimeInterval';
	if (limitType === 'afterTimeInterval') {
		const amount = limit.resumeAmount ?? 1;
		const unit = String(limit.resumeUnit ?? 'hours');
		if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
			throw new FieldProblem('Limit Wait Time › Amount', amount, 'a number greater than 0');
		}
		if (!(unit in UNIT_MS)) throw new FieldProblem('Limit Wait Time › Unit', unit, 'seconds, minutes, hours or days');
		return new Date(now + Math.round(amount * UNIT_MS[unit]));
	}
	if (limitType === 'atSpecifiedTime') {
		const given = limit.maxDateAndTime;
		const until = given === undefined || given === '' ? new Date(NaN) : new Date(String(given));
		if (Number.isNaN(until.getTime()) || until.getTime() <= now) {
			throw new FieldProblem('Limit Wait Time › Max Date and Time', given ?? '', 'a date and time in the future, e.g. 2026-12-24T18:00:00');
		}
		return until;
	}
	throw new FieldProblem('Limit Wait Time › Limit Type', limitType, 'After Time Interval or At Specified Time');
}
