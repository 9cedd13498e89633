import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import type { Operation } from '../types';

/** The settings without the webhook secret: `webhookUrlToken` shows only whether one is set. */
export function withoutWebhookSecret(settings: IDataObject): IDataObject {
	if (!settings || typeof settings !== 'object' || !('webhookUrlToken' in settings)) return settings;
	const { webhookUrlToken, ...rest } = settings;
	return { ...rest, webhookUrlToken: webhookUrlToken ? '***' : '' };
}

export const getSettings: Operation = {
	value: 'getSettings',
	name: 'Get Settings',
	action: 'Get the settings of the instance',
	description:
		"Get the instance's settings: webhook URL, which notifications it sends, message delay, read marks, … (the webhook token is shown as ***)",
	properties: [optionsCollection()],
	async execute(itemIndex) {
		const settings = (await greenApiRequest.call(this, { method: 'getSettings', itemIndex })) as IDataObject;
		return withoutWebhookSecret(settings);
	},
};
