import type { Resource } from '../types';
import { archive } from './archive.operation';
import { getAll } from './getAll.operation';
import { getHistory } from './getHistory.operation';
import { setDisappearing } from './setDisappearing.operation';
import { unarchive } from './unarchive.operation';

export const chat: Resource = {
	value: 'chat',
	name: 'Chat',
	defaultOperation: getAll.value,
	operations: [archive, getHistory, getAll, setDisappearing, unarchive],
};
