import type { Resource } from '../types';
import { addParticipant } from './addParticipant.operation';
import { create } from './create.operation';
import { demote } from './demote.operation';
import { get } from './get.operation';
import { leave } from './leave.operation';
import { promote } from './promote.operation';
import { removeParticipant } from './removeParticipant.operation';
import { rename } from './rename.operation';
import { setPicture } from './setPicture.operation';
import { updateSettings } from './updateSettings.operation';

export const group: Resource = {
	value: 'group',
	name: 'Group',
	// Remove Participant first: it is the default operation, which workflows saved before the others existed rely on
	// (n8n does not save a parameter that has its default value); the rest by name.
	defaultOperation: get.value,
	operations: [removeParticipant, addParticipant, create, demote, get, leave, promote, rename, setPicture, updateSettings],
};
