import type { Resource } from '../types';
import { deleteStatus } from './delete.operation';
import { getAll } from './getAll.operation';
import { getStatistic } from './getStatistic.operation';
import { sendMedia } from './sendMedia.operation';
import { sendText } from './sendText.operation';
import { sendVoice } from './sendVoice.operation';

export const status: Resource = {
	value: 'status',
	name: 'Status',
	defaultOperation: getAll.value,
	operations: [sendText, sendMedia, sendVoice, deleteStatus, getStatistic, getAll],
};
