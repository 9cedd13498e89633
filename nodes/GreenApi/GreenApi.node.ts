import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties, router } from './actions/router';
import { sendAndWaitWebhooks, sendAndWaitWebhookMethods } from './sendAndWait/description';
import { sendAndWaitWebhook } from './sendAndWait/webhook';

export class GreenApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API',
		name: 'greenApi',
		icon: { light: 'file:greenApi.svg', dark: 'file:greenApi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage WhatsApp chats and groups through GREEN-API',
		defaults: { name: 'GREEN-API' },
		usableAsTool: true,
		// n8n-nodes-base's older rules ask for the 'main' literal; n8n's community rules ask for the constant.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenApi', required: true }],
		// Send and Wait for Response: the links of its question
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip: 'Waiting for the answer on WhatsApp',
		properties: resourceProperties(),
	};

	webhook = sendAndWaitWebhook;

	webhookMethods = sendAndWaitWebhookMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
