import type { Resource } from '../../../GreenApi/actions/types';
import { deleteMessage } from './delete.operation';
import { edit } from './edit.operation';

export const message: Resource = {
	value: 'message',
	name: 'Message',
	defaultOperation: edit.value,
	operations: [deleteMessage, edit],
};
