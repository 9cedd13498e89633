import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties, router } from '../GreenApi/actions/router';
import { wahaResources } from './actions/resources';

export class Waha implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WAHA',
		name: 'waha',
		icon: { light: 'file:waha.svg', dark: 'file:waha.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage WhatsApp chats through WAHA (WhatsApp HTTP API, self-hosted)',
		defaults: { name: 'WAHA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wahaApi', required: true }],
		properties: resourceProperties(wahaResources, { resource: 'chat' }),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, wahaResources);
	}
}
