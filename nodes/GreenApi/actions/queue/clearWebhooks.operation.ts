import { queueClear } from './counter';

export const clearWebhooks = queueClear(
	'clearWebhooks',
	'Clear Webhooks',
	'Permanently clear the queue of notifications waiting to be delivered',
	'Delete every notification in the incoming queue. This cannot be undone: those events (messages received, statuses, calls) are never delivered to any trigger.',
	'clearWebhooksQueue',
	'DELETE',
	'incoming notification queue',
);
