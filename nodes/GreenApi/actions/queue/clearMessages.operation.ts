import { queueClear } from './counter';

export const clearMessages = queueClear(
	'clearMessages',
	'Clear Messages',
	'Permanently clear the queue of messages waiting to be sent',
	'Delete every message in the outgoing queue. This cannot be undone: those messages are never sent.',
	'clearMessagesQueue',
	'GET',
	'outgoing message queue',
);
