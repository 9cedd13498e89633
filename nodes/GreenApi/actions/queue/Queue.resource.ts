import type { Resource } from '../types';
import { clearMessages } from './clearMessages.operation';
import { clearWebhooks } from './clearWebhooks.operation';
import { getMessages } from './getMessages.operation';
import { getMessagesCount } from './getMessagesCount.operation';
import { getWebhooksCount } from './getWebhooksCount.operation';

export const queue: Resource = {
	value: 'queue',
	name: 'Queue',
	defaultOperation: getMessages.value,
	operations: [clearMessages, clearWebhooks, getMessages, getMessagesCount, getWebhooksCount],
};
