import type { Resource } from '../types';
import { checkWhatsapp } from './checkWhatsapp.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getAvatar } from './getAvatar.operation';

export const contact: Resource = {
	value: 'contact',
	name: 'Contact',
	defaultOperation: checkWhatsapp.value,
	operations: [checkWhatsapp, get, getAvatar, getAll],
};
