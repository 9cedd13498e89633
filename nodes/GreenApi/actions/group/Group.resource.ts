import type { Resource } from '../types';
import { removeParticipant } from './removeParticipant.operation';
import { setPicture } from './setPicture.operation';

export const group: Resource = {
	value: 'group',
	name: 'Group',
	operations: [removeParticipant, setPicture],
};
