import { queueCount } from './counter';

export const getWebhooksCount = queueCount(
	'getWebhooksCount',
	'Get Webhooks Count',
	'Count the notifications waiting to be delivered',
	"Count the notifications in the instance's incoming queue, waiting for a webhook or for the HTTP API to take them",
	'getWebhooksCount',
);
