import type { IDataObject, IHookFunctions, ITriggerFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ErrorHint } from '../transport/errors';
import { greenApiRequest } from '../transport';

type ActivationContext = IHookFunctions | ITriggerFunctions;

/**
 * What a trigger says when GREEN-API refuses its credential at activation. n8n shows an activation error's message
 * alone (in the publish dialog, the log, the workflow's error banner), so the advice is in the message itself.
 */
export const ACTIVATION_HINTS: ErrorHint[] = [
	{
		status: 401,
		message:
			'GREEN-API refused the API token (HTTP 401): apiTokenInstance in the GREEN-API credential is wrong; copy it from the GREEN-API console',
		description: 'Open the GREEN-API credential of this trigger, paste the instance\'s apiTokenInstance from the GREEN-API console, save, and publish again',
	},
	{
		status: 403,
		message:
			'GREEN-API refused the instance (HTTP 403): idInstance or apiUrl in the GREEN-API credential is wrong; check both against the GREEN-API console',
		description: 'Open the GREEN-API credential of this trigger and compare idInstance and apiUrl with the instance\'s page in the GREEN-API console',
	},
];

/** The instance's settings (getSettings). */
export async function getSettings(context: ActivationContext): Promise<IDataObject> {
	return (await greenApiRequest.call(context, { method: 'getSettings', hints: ACTIVATION_HINTS })) as IDataObject;
}

/** Saves settings (setSettings); an answer other than saveSettings: true is an error. */
export async function setSettings(context: ActivationContext, settings: IDataObject, what: string): Promise<void> {
	const answer = (await greenApiRequest.call(context, {
		method: 'setSettings',
		body: settings,
		hints: ACTIVATION_HINTS,
	})) as IDataObject;
	if (answer?.saveSettings !== true) {
		throw new NodeApiError(context.getNode(), answer as JsonObject, {
			message: `GREEN-API did not save the ${what} settings`,
			description: 'setSettings answered saveSettings: false; check the instance in the GREEN-API console',
		});
	}
}
