import type { IDataObject } from 'n8n-workflow';

import { type Answer, type FormField, MAX_MESSAGE_CHARS, type WaitConfig } from './config';

/** An answer the page refuses, with what to fix, and what was typed (to show again). */
export class RefusedAnswer {
	constructor(
		readonly error: string,
		readonly values: Record<string, string>,
	) {}
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().startsWith(text);
}

function fieldValue(field: FormField, raw: string): { value?: unknown; error?: string } {
	if (raw === '') return field.required ? { error: `Please fill in “${field.label}”.` } : { value: null };
	if (field.type === 'number') {
		const value = Number(raw);
		return Number.isFinite(value) ? { value } : { error: `“${field.label}” must be a number.` };
	}
	if (field.type === 'dropdown') {
		return field.choices.includes(raw) ? { value: raw } : { error: `Please choose one of the choices of “${field.label}”.` };
	}
	if (field.type === 'date') return isDate(raw) ? { value: raw } : { error: `“${field.label}” must be a date (YYYY-MM-DD).` };
	return raw.length <= MAX_MESSAGE_CHARS ? { value: raw } : { error: `“${field.label}” is too long.` };
}

/** One form value as text: the first when the form sent several. */
function textOf(value: unknown): string {
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first.trim() : '';
}

/**
 * The answer a page's POST carries, as the node's `data` (respondedAt last, so no field can replace it), or what to
 * fix. `answer` is the link's own (from its signed address), never the body's.
 */
export function readAnswer(config: WaitConfig, answer: Answer, body: IDataObject, respondedAt: string): IDataObject | RefusedAnswer {
	if (config.responseType === 'approval') return { approved: answer === 'approve', respondedAt };
	if (config.responseType === 'freeText') {
		const text = textOf(body.text);
		if (!text) return new RefusedAnswer('Please write your answer.', { text });
		if (text.length > MAX_MESSAGE_CHARS) return new RefusedAnswer('Your answer is too long.', { text: text.slice(0, MAX_MESSAGE_CHARS) });
		return { text, respondedAt };
	}
	const values: Record<string, string> = {};
	config.fields.forEach((_, index) => (values[`field-${index}`] = textOf(body[`field-${index}`])));
	const data: IDataObject = {};
	for (const [index, field] of config.fields.entries()) {
		const { value, error } = fieldValue(field, values[`field-${index}`]);
		if (error) return new RefusedAnswer(error, values);
		data[field.label] = value as IDataObject[string];
	}
	return { ...data, respondedAt };
}
