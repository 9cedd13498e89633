import { HookContext, WebhookContext } from 'n8n-core';
import type { IDataObject, IWebhookData, IWebhookResponseData } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { buildAdditionalData, buildWorkflow, CREDENTIALS_BY_TYPE, WEBHOOK_ID } from './harness';

export interface Delivery {
	/** What the node returned to n8n. */
	result: IWebhookResponseData;
	/** The status the node answered with itself, if it did. */
	status?: number;
	sent?: unknown;
	/** The items that would start an execution (none when the request was refused or filtered). */
	items: IDataObject[];
}

/** An express-like response that records what the node answers. */
function recordingResponse() {
	const response = {
		statusCode: undefined as number | undefined,
		sent: undefined as unknown,
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		json(body: unknown) {
			response.sent = body;
			return response;
		},
		send(body: unknown) {
			response.sent = body;
			return response;
		},
	};
	return response;
}

/**
 * A workflow holding a GREEN-API Trigger, driven through n8n-core's real HookContext and WebhookContext; the
 * workflow (and so its static data) lives as long as this object.
 */
export function triggerWorkflow(parameters: IDataObject) {
	const nodeType = new GreenApiTrigger();
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApiTrigger', parameters, {
		webhookId: WEBHOOK_ID,
	});
	const methods = nodeType.webhookMethods.default;
	const hook = () => new HookContext(workflow, node, buildAdditionalData(CREDENTIALS_BY_TYPE), 'trigger', 'activate');
	return {
		staticData: () => workflow.getStaticData('node', node) as IDataObject,
		checkExists: async () => await methods.checkExists.call(hook()),
		create: async () => await methods.create.call(hook()),
		delete: async () => await methods.delete.call(hook()),
		/**
		 * Delivers a request. n8n reads the raw body before the node runs for JSON, text and form content types; with
		 * `unread: true` it has not (any other content type), and the node must read it through `readRawBody()`.
		 */
		async post(body: string | object, headers: Record<string, string> = {}, { unread = false } = {}): Promise<Delivery> {
			const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
			const request: { method: string; headers: Record<string, string>; body: object; rawBody?: Buffer; readRawBody: () => Promise<void> } = {
				method: 'POST',
				headers,
				body: {},
				rawBody: unread ? undefined : bytes,
				async readRawBody() {
					request.rawBody = bytes;
				},
			};
			const response = recordingResponse();
			const webhookData = {
				httpMethod: 'POST',
				node: node.name,
				path: 'webhook',
				webhookDescription: nodeType.description.webhooks![0],
				workflowId: 'wf-1',
				webhookId: WEBHOOK_ID,
			} as unknown as IWebhookData;
			const context = new WebhookContext(
				workflow,
				node,
				buildAdditionalData(CREDENTIALS_BY_TYPE, { httpRequest: request, httpResponse: response }),
				'trigger',
				webhookData,
				[],
				null,
			);
			const result = await nodeType.webhook.call(context);
			const items = (result.workflowData ?? []).flat().map((item) => item.json);
			return { result, status: response.statusCode, sent: response.sent, items };
		},
	};
}
