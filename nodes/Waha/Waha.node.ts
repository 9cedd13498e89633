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
		// n8n-nodes-base's older rules ask for the 'main' literal; n8n's community rules ask for the constant.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wahaApi', required: true }],
		properties: resourceProperties(wahaResources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, wahaResources);
	}
}
