import type { Resource } from '../../../GreenApi/actions/types';
import { archive } from './archive.operation';
import { deleteChat } from './delete.operation';
import { deleteAllMessages } from './deleteAllMessages.operation';
import { getAll } from './getAll.operation';
import { getHistory } from './getHistory.operation';
import { unarchive } from './unarchive.operation';

export const chat: Resource = {
	value: 'chat',
	name: 'Chat',
	defaultOperation: getAll.value,
	operations: [archive, deleteChat, deleteAllMessages, getHistory, getAll, unarchive],
};
