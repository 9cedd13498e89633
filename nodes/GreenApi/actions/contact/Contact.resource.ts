import type { Resource } from '../types';
import { add } from './add.operation';
import { checkWhatsapp } from './checkWhatsapp.operation';
import { deleteContact } from './delete.operation';
import { edit } from './edit.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getAvatar } from './getAvatar.operation';

export const contact: Resource = {
	value: 'contact',
	name: 'Contact',
	defaultOperation: checkWhatsapp.value,
	operations: [checkWhatsapp, add, deleteContact, edit, get, getAvatar, getAll],
};
