import type { IWebhookDescription, INodeType } from 'n8n-workflow';

/**
 * The two addresses of a waiting Send and Wait for Response (GET shows a page, POST answers). `restartWebhook`: n8n
 * serves them under /webhook-waiting/<execution>/<node id> while the execution waits, and only then.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

/**
 * n8n's lint rule asks every node with webhooks for these. n8n never calls them for restart webhooks (nothing is
 * registered anywhere when the workflow is activated), so they honestly do nothing.
 */
export const sendAndWaitWebhookMethods: NonNullable<INodeType['webhookMethods']> = {
	default: {
		async checkExists() {
			return true;
		},
		async create() {
			return true;
		},
		async delete() {
			return true;
		},
	},
};
