import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, readText, requireFlag } from '../common';
import type { Operation } from '../types';

const MAX_NAME_CHARS = 256;

export const contactChatIdField = (description: string): INodeProperties[] =>
	chatField('chatId', 'Chat ID', 'personal', description);

/** The fields of Add and Edit: the contact's names, and whether the phone's address book gets the contact too. */
export function contactNameFields(verb: string): INodeProperties[] {
	return [
		...contactChatIdField(`The number to ${verb}`),
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			required: true,
			default: '',
			description: `The contact's first name, up to ${MAX_NAME_CHARS} characters, e.g. Anna`,
		},
		optionsCollection([
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				description: `The contact's last name, up to ${MAX_NAME_CHARS} characters, e.g. Petrova`,
			},
			{
				displayName: 'Save in Phone Address Book',
				name: 'saveInAddressbook',
				type: 'boolean',
				default: true,
				description: "Whether to save the contact in the linked phone's address book too, not only in WhatsApp's contacts",
			},
		]),
	];
}

/** The body of addContact / editContact for an item: chatId, firstName, and lastName / saveInAddressbook when given. */
function contactBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const chatId = readChatId(context, itemIndex, 'chatId', 'Chat ID', 'personal');
	const firstName = readText(context, itemIndex, 'firstName', 'First Name', { maxLength: MAX_NAME_CHARS });
	const lastName = readText(context, itemIndex, 'options.lastName', 'Last Name', { optional: true, maxLength: MAX_NAME_CHARS });
	const saveInAddressbook = context.getNodeParameter('options.saveInAddressbook', itemIndex, true) as unknown;
	return {
		chatId,
		firstName,
		...(lastName ? { lastName } : {}),
		saveInAddressbook: saveInAddressbook !== false,
	};
}

/**
 * Calls one of GREEN-API's contact methods (beta in its documentation) for an item: each answers `{<method>: true}`,
 * or an error with `message`; fails the item unless the flag is `true`.
 */
export async function callContactMethod(
	context: IExecuteFunctions,
	itemIndex: number,
	method: 'addContact' | 'editContact' | 'deleteContact',
	body: IDataObject,
	failure: string,
): Promise<void> {
	const answer = await greenApiRequest.call(context, { method, body, itemIndex });
	requireFlag(context, itemIndex, answer, method, failure, 'Check that the number has WhatsApp and, to edit or delete, that it is in the contacts.');
}

/** Contact › Add or Edit: the same fields, the method and its words differ. */
export function saveContactOperation(
	value: 'add' | 'edit',
	method: 'addContact' | 'editContact',
	name: string,
	action: string,
	description: string,
): Operation {
	return {
		value,
		name,
		action,
		description,
		properties: contactNameFields(value === 'add' ? 'add to the contacts' : 'edit in the contacts'),
		async execute(itemIndex) {
			const body = contactBody(this, itemIndex);
			const done = value === 'add' ? 'added' : 'edited';
			await callContactMethod(this, itemIndex, method, body, `Contact ${String(body.chatId)} was not ${done}`);
			return { ...body, [done]: true };
		},
	};
}
