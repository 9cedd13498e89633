/** What Send and Wait for Response asks, read from the node's fields (the same way when sending and when answering). */

export type ResponseType = 'approval' | 'freeText' | 'customForm';

/** What a link stands for: its `answer` query parameter. */
export type Answer = 'approve' | 'decline' | 'respond';

export type FormFieldType = 'text' | 'number' | 'dropdown' | 'date';

export interface FormField {
	label: string;
	type: FormFieldType;
	/** A dropdown's choices. */
	choices: string[];
	required: boolean;
}

export interface WaitConfig {
	message: string;
	responseType: ResponseType;
	/** The links to send, in order, each with the text of its button. */
	links: Array<{ answer: Answer; label: string }>;
	/** Custom Form: its fields. */
	fields: FormField[];
}

/** Reads one field of the node: `(name, fallback)`, whatever the kind of function context. */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

/** A field that holds something the operation cannot use (the caller names the item). */
export class FieldProblem extends Error {
	constructor(
		readonly displayName: string,
		readonly value: unknown,
		readonly expected: string,
	) {
		super(`Invalid ${displayName}: expected ${expected}`);
	}
}

export const MAX_MESSAGE_CHARS = 20000;
export const MAX_BUTTON_TEXT = 25;
const MAX_FIELDS = 20;
const MAX_LABEL = 100;
const FIELD_TYPES: FormFieldType[] = ['text', 'number', 'dropdown', 'date'];

function text(read: ReadParameter, name: string, displayName: string, fallback: string, max: number): string {
	const value = read(name, fallback);
	const given = typeof value === 'number' ? String(value) : value;
	if (typeof given !== 'string' || given.trim() === '' || given.trim().length > max) {
		throw new FieldProblem(displayName, value, `text of 1 to ${max} characters`);
	}
	return given.trim();
}

function readFields(read: ReadParameter): FormField[] {
	const given = read('formFields.values', []);
	const list = Array.isArray(given) ? (given as Array<Record<string, unknown>>) : [];
	if (list.length < 1 || list.length > MAX_FIELDS) throw new FieldProblem('Form Fields', list.length, `1 to ${MAX_FIELDS} fields`);
	const labels = new Set<string>();
	return list.map((field, index) => {
		const name = `Form Field ${index + 1}`;
		const label = String(field.fieldLabel ?? '').trim();
		if (!label || label.length > MAX_LABEL) throw new FieldProblem(`${name} Label`, field.fieldLabel ?? '', `text of 1 to ${MAX_LABEL} characters`);
		if (labels.has(label) || label === 'respondedAt') throw new FieldProblem(`${name} Label`, label, 'a label no other field has (and not respondedAt)');
		labels.add(label);
		const type = (field.fieldType ?? 'text') as FormFieldType;
		if (!FIELD_TYPES.includes(type)) throw new FieldProblem(`${name} Type`, type, FIELD_TYPES.join(', '));
		const choices =
			type === 'dropdown'
				? String(field.fieldOptions ?? '')
						.split(',')
						.map((choice) => choice.trim())
						.filter(Boolean)
				: [];
		if (type === 'dropdown' && (choices.length < 1 || new Set(choices).size !== choices.length)) {
			throw new FieldProblem(`${name} Choices`, field.fieldOptions ?? '', 'one or more different choices, separated by commas');
		}
		return { label, type, choices, required: field.requiredField === true };
	});
}

/** The question, its response type, its links and form; throws a FieldProblem for a field it cannot use. */
export function readWaitConfig(read: ReadParameter): WaitConfig {
	const message = text(read, 'message', 'Message', '', MAX_MESSAGE_CHARS);
	const responseType = read('responseType', 'approval') as ResponseType;
	if (responseType === 'approval') {
		const approval = (read('approvalOptions.values', {}) ?? {}) as Record<string, unknown>;
		const approvalType = approval.approvalType ?? 'single';
		if (approvalType !== 'single' && approvalType !== 'double') {
			throw new FieldProblem('Type of Approval', approvalType, 'Approve Only or Approve and Decline');
		}
		const labelOf = (name: string, displayName: string, fallback: string) =>
			text((key, f) => (approval[key] === undefined ? f : approval[key]), name, displayName, fallback, MAX_BUTTON_TEXT);
		const links: WaitConfig['links'] = [{ answer: 'approve', label: labelOf('approveLabel', 'Approve Button Label', 'Approve') }];
		if (approvalType === 'double') {
			links.push({ answer: 'decline', label: labelOf('disapproveLabel', 'Decline Button Label', 'Decline') });
			if (links[0].label === links[1].label) throw new FieldProblem('Decline Button Label', links[1].label, 'a label other than the approve button’s');
		}
		return { message, responseType, links, fields: [] };
	}
	if (responseType !== 'freeText' && responseType !== 'customForm') {
		throw new FieldProblem('Response Type', responseType, 'Approval, Free Text or Custom Form');
	}
	const label = text(read, 'options.buttonLabel', 'Button Label', 'Respond', MAX_BUTTON_TEXT);
	const fields = responseType === 'customForm' ? readFields(read) : [];
	return { message, responseType, links: [{ answer: 'respond', label }], fields };
}
