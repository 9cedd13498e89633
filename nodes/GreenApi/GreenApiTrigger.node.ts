import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testWebhookSecret } from './trigger/credentialTest';
import { receiveWebhook } from './trigger/delivery';
import { EVENTS_SUBTITLE, eventsProperty, PACKAGE_DESCRIPTION, triggerFilters } from './trigger/description';
import { firstRunsOnly } from './trigger/repeats';
import { registration } from './trigger/registration';
import { VERIFICATIONS } from './trigger/verification';

export { SECRET_REUSE_MS } from './trigger/verification';

const bearer = { authentication: ['bearerToken'] };
const registering = { authentication: ['bearerToken'], registerWebhook: [true] };
const REGISTER_DESCRIPTION =
	"Whether to point the instance's webhook at this workflow on activation, with a token the node generates, and restore the previous settings on deactivation";

export class GreenApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API Trigger',
		name: 'greenApiTrigger',
		icon: { light: 'file:greenApi.svg', dark: 'file:greenApi.dark.svg' },
		group: ['trigger'],
		// Not 1: n8n (2.x) treats a webhook node at typeVersion 1 as its legacy Webhook node and, before every request,
		// evaluates `$parameter.options.binaryData` in a fresh expression sandbox. That cost 4-5 ms of CPU per event
		// and halved throughput (npm run bench, BENCHMARKS.md); this node has no such option.
		// 1.2: defaults that fit together for a GREEN-API user (an incoming message, bearer token, registration); 1.1
		// keeps its defaults, since n8n does not save a parameter left at its default
		version: [1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: EVENTS_SUBTITLE,
		// n8n's node creator lists this trigger and the GREEN-API node as one entry and shows the trigger's description
		// for both (and in the package's details header), so it speaks for the package
		description: PACKAGE_DESCRIPTION,
		defaults: { name: 'GREEN-API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'greenApi',
				required: true,
				displayOptions: { show: registering },
			},
			{
				name: 'greenApiWebhookApi',
				required: true,
				testedBy: 'testWebhookSecret',
				displayOptions: { show: { authentication: ['bearerToken', 'hmac'] }, hide: { registerWebhook: [true] } },
			},
		],
		// responseData '': n8n then answers an accepted event with the small JSON the node returns (its default,
		// 'firstEntryJson', is meant for responseMode lastNode and was sent as the literal text)
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' }],
		properties: [
			eventsProperty(['chat.archive'], { displayOptions: { show: { '@version': [1.1] } } }),
			eventsProperty(['incomingMessageReceived'], { displayOptions: { show: { '@version': [{ _cnd: { gte: 1.2 } }] } } }),
			{
				displayName:
					'Chat Archived or Unarchived is sent by WAHA only: GREEN-API has no such webhook. For a GREEN-API instance, use the GREEN-API Queue Trigger, which detects archive changes by comparing the chat list.',
				name: 'archiveNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { ...bearer, events: ['chat.archive'] } },
			},
			{
				displayName: 'Verification',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Bearer Token (GREEN-API)',
						value: 'bearerToken',
						description: 'GREEN-API sends the instance\'s webhookUrlToken as "Authorization: Bearer …"',
					},
					{
						name: 'HMAC Signature (WAHA)',
						value: 'hmac',
						description: 'WAHA signs the body with HMAC-SHA512 in X-Webhook-Hmac',
					},
					{ name: 'None', value: 'none', description: 'Accept every request: anyone who knows the URL can start the workflow' },
				],
				default: 'bearerToken',
				description: 'How the node checks who sent a webhook; requests that fail get 401 and start nothing',
			},
			{
				displayName:
					'This Verification value is not one the node knows, so every webhook is refused (401). Choose Bearer Token, HMAC Signature or None.',
				name: 'unknownVerificationNotice',
				type: 'notice',
				default: '',
				displayOptions: { hide: { authentication: [...VERIFICATIONS] } },
			},
			{
				displayName: 'Register Webhook with GREEN-API',
				name: 'registerWebhook',
				type: 'boolean',
				default: false,
				displayOptions: { show: { ...bearer, '@version': [1.1] } },
				description: REGISTER_DESCRIPTION,
			},
			{
				displayName: 'Register Webhook with GREEN-API',
				name: 'registerWebhook',
				type: 'boolean',
				// from 1.2 the node registers by default
				default: true,
				displayOptions: { show: { ...bearer, '@version': [{ _cnd: { gte: 1.2 } }] } },
				description: REGISTER_DESCRIPTION,
			},
			{
				displayName:
					'GREEN-API applies new settings within about five minutes: events sent before then still go to the previous URL',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: registering },
			},
			{
				displayName: 'Replace Existing Webhook',
				name: 'replaceExistingWebhook',
				type: 'boolean',
				default: false,
				displayOptions: { show: registering },
				description:
					'Whether to take over an instance whose webhook already points elsewhere (GREEN-API allows one webhook URL per instance); the previous URL is restored on deactivation',
			},
			{
				displayName: 'Accept Signatures Without Timestamp',
				name: 'allowMissingTimestamp',
				type: 'boolean',
				default: false,
				displayOptions: { show: { authentication: ['hmac'] } },
				description:
					'Whether to accept a signed request without X-Webhook-Timestamp, for a WAHA version that sends none. Such a request can be replayed by anyone who captured it; leave off otherwise.',
			},
			{
				displayName:
					'To archive, unarchive or delete WAHA chats, read their history, or edit and delete WAHA messages, use the WAHA node with a WAHA API credential',
				name: 'wahaNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['hmac'] } },
			},
			{
				displayName:
					"An event GREEN-API sends again runs once: a repeat this n8n process remembers starts nothing, and one it does not (after a restart, on another process) stops at this trigger with no items. In queue mode a repeat that reaches another process before the first copy's record is in n8n's store (a second or more) can still run: where it must not, use the GREEN-API Queue Trigger.",
				name: 'duplicatesNotice',
				type: 'notice',
				default: '',
			},
			triggerFilters,
		],
	};

	methods = { credentialTest: { testWebhookSecret } };

	webhookMethods = { default: registration };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook(this);
	}

	/** The first step of each execution: drops an event an earlier execution already ran (see firstRunsOnly). */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await firstRunsOnly(this);
	}
}
