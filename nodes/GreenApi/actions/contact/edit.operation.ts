import { saveContactOperation } from './addressBook';

export const edit = saveContactOperation(
	'edit',
	'editContact',
	'Edit',
	'Edit a contact',
	"Change the name of a number in the account's contacts (GREEN-API beta)",
);
