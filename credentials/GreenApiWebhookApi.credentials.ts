import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The shared secret that proves a webhook came from your GREEN-API instance or WAHA server. It guards requests that
 * come in, so there is no service to test it against: the trigger answers 401 to anything it does not verify.
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required -- see above: nothing to call with it
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
