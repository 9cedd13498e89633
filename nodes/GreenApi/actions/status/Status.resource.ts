import type { Resource } from '../types';
import { sendMedia } from './sendMedia.operation';
import { sendVoice } from './sendVoice.operation';

export const status: Resource = {
	value: 'status',
	name: 'Status',
	operations: [sendMedia, sendVoice],
};
