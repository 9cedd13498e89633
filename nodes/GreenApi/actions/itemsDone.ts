import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** An input item that was carried out before the node failed: what a user needs to find it and not send it again. */
export interface DoneItem {
	itemIndex: number;
	chatId?: string;
	groupId?: string;
	idMessage?: string;
	/** How many output items it gave, when more than one (a list). */
	results?: number;
}

const NAMED_FIELDS = ['chatId', 'groupId', 'idMessage'] as const;

/** The done item of one input item's output items. */
export function doneItem(itemIndex: number, outputs: INodeExecutionData[]): DoneItem {
	const done: DoneItem = { itemIndex };
	const json: IDataObject = outputs[0]?.json ?? {};
	if (outputs.length > 1) {
		done.results = outputs.length;
		return done;
	}
	for (const field of NAMED_FIELDS) {
		if (typeof json[field] === 'string' && json[field] !== '') done[field] = json[field] as string;
	}
	return done;
}

function describeDone({ itemIndex, results, ...fields }: DoneItem): string {
	const named = Object.entries(fields).map(([name, value]) => `${name} ${value}`);
	if (results !== undefined) named.push(`${results} results`);
	return named.length ? `item ${itemIndex} (${named.join(', ')})` : `item ${itemIndex}`;
}

/** "items 3–9", "item 3", or "" for none: the items with index from `from` up to `count` - 1. */
function itemRange(from: number, count: number): string {
	if (from >= count) return '';
	return from === count - 1 ? `item ${from}` : `items ${from}–${count - 1}`;
}

/**
 * What the node's error adds to its description when it stops on a failure: every item already carried out (so
 * that a rerun does not send them again blindly), the other items that failed, and those never started. Nothing
 * when the failed item was the only one.
 */
export function stoppedReport(done: DoneItem[], otherFailures: number[], firstNotStarted: number, count: number): string {
	if (count === 1) return '';
	const lines = [
		done.length
			? `Already done before the node stopped (do not send these again): ${done.map(describeDone).join('; ')}.`
			: 'No item was done before the node stopped.',
	];
	if (otherFailures.length) lines.push(`Also failed: ${otherFailures.map((index) => `item ${index}`).join(', ')}.`);
	const notStarted = itemRange(firstNotStarted, count);
	if (notStarted) lines.push(`Not started: ${notStarted}.`);
	return lines.join(' ');
}
