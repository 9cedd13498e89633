import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { phoneDigits } from '../../helpers/chatId';
import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readChatId, readText } from '../common';
import type { Operation } from '../types';
import { quotedMessageIdOption, readQuoted } from './fields';

/** The contact card's name fields, in the order GREEN-API documents them; at least one must be given. */
const NAME_FIELDS = [
	['firstName', 'First Name'],
	['middleName', 'Middle Name'],
	['lastName', 'Last Name'],
	['company', 'Company'],
] as const;

const nameField = (displayName: string, name: string, example: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	description: `The contact's ${displayName.toLowerCase()}, e.g. ${example}`,
});

export const sendContact: Operation = {
	value: 'sendContact',
	name: 'Send Contact',
	action: 'Send a contact card',
	description: 'Send a contact card (phone number and name) to a chat',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to send the contact card to'),
		{
			displayName: 'Phone Number',
			name: 'phoneContact',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+7 900 123-45-67',
			description: "The contact's phone number with country code, in any common writing, e.g. +7 900 123-45-67",
		},
		{
			...nameField('First Name', 'firstName', 'Anna'),
			hint: 'GREEN-API needs one name: the first name, or a middle name, last name or company from the options',
		},
		optionsCollection([
			nameField('Company', 'company', 'Acme Ltd'),
			nameField('Last Name', 'lastName', 'Petrova'),
			nameField('Middle Name', 'middleName', 'Sergeevna'),
			quotedMessageIdOption,
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const phoneValue = this.getNodeParameter('phoneContact', itemIndex, '') as unknown;
		const digits = phoneDigits(String(phoneValue ?? ''));
		if (!digits) throw invalidField(this, itemIndex, 'Phone Number', phoneValue, 'a phone number with country code, such as +7 900 123-45-67');
		const contact: IDataObject = { phoneContact: Number(digits) };
		for (const [name, displayName] of NAME_FIELDS) {
			const field = name === 'firstName' ? name : `options.${name}`;
			const value = readText(this, itemIndex, field, displayName, { optional: true, maxLength: 256 });
			if (value) contact[name] = value;
		}
		if (Object.keys(contact).length === 1) {
			throw new NodeOperationError(this.getNode(), `The contact card of item ${itemIndex} has no name`, {
				itemIndex,
				description: 'GREEN-API needs one of First Name, Middle Name, Last Name or Company: fill in at least one',
			});
		}
		const body: IDataObject = { chatId, contact, ...readQuoted(this, itemIndex) };
		const answer = (await greenApiRequest.call(this, { method: 'sendContact', body, itemIndex })) as IDataObject;
		return { chatId, idMessage: answer.idMessage };
	},
};
