import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties, router } from './actions/router';
import { listSearch } from './listSearch';
import { sendAndWaitWebhooks, sendAndWaitWebhookMethods } from './sendAndWait/description';
import { sendAndWaitWebhook } from './sendAndWait/webhook';

export class GreenApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API',
		name: 'greenApi',
		icon: { light: 'file:greenApi.svg', dark: 'file:greenApi.dark.svg' },
		group: ['output'],
		// Version 2 starts on Message › Send, each resource on its safest common operation, and picks chats, groups
		// and participants from lists (or by id or phone number); version 1 keeps its defaults (Chat › Archive …) and
		// typed ids, which its saved workflows rely on.
		version: [1, 2],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and files, and manage chats, groups, contacts, statuses and the instance through GREEN-API',
		defaults: { name: 'GREEN-API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenApi', required: true }],
		// Send and Wait for Response: the links of its question
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip: 'Waiting for the answer on WhatsApp',
		properties: resourceProperties(),
	};

	methods: INodeType['methods'] = { listSearch };

	webhook = sendAndWaitWebhook;

	webhookMethods = sendAndWaitWebhookMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
