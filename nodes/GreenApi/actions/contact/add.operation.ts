import { saveContactOperation } from './addressBook';

export const add = saveContactOperation(
	'add',
	'addContact',
	'Add',
	'Add a contact',
	"Add a number to the account's contacts, and to the linked phone's address book unless turned off (GREEN-API beta)",
);
