import { queueCount } from './counter';

export const getMessagesCount = queueCount(
	'getMessagesCount',
	'Get Messages Count',
	'Count the messages waiting to be sent',
	"Count the messages in the instance's outgoing queue, waiting to be sent",
	'getMessagesCount',
);
