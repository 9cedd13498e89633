import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The shared secret that proves a webhook came from your GREEN-API instance or WAHA server. It guards requests that
 * come in, so no service can confirm it: the GREEN-API Trigger tests it (`testedBy`) for what would make every
 * webhook fail, and answers 401 to anything it does not verify.
 */
export class GreenApiWebhookApi implements ICredentialType {
	name = 'greenApiWebhookApi';

	displayName = 'GREEN-API Webhook Secret API';

	icon: Icon = { light: 'file:../nodes/GreenApi/greenApi.svg', dark: 'file:../nodes/GreenApi/greenApi.dark.svg' };

	documentationUrl = 'https://green-api.com/en/docs/api/receiving/technology-webhook-endpoint/';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"For bearer verification: the instance's webhookUrlToken (GREEN-API sends it as Authorization: Bearer …). For HMAC verification: WAHA's HMAC key.",
		},
	];
}
