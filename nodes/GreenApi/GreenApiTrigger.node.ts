import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	ALL_FLAGS,
	displayUrl,
	flagsFor,
	normalizeEvent,
	parseJsonObject,
	passesFilters,
	verifyBearer,
	verifyHmac,
} from './trigger/events';
import { greenApiRequest } from './transport';
import { clock } from './transport/clock';
import { EVENTS_SUBTITLE, eventsProperty, readTriggerFilters, triggerFilters } from './trigger/description';
import { firstDelivery, notificationIdentity } from './trigger/identity';
import { drainerOf, instanceKey } from './trigger/ownership';

/** What self-registration keeps in the workflow's static data. */
interface Registration {
	/** The URL and token this node registered. */
	webhookUrl?: string;
	webhookToken?: string;
	/** The instance's settings before this node changed them, restored on deactivation. */
	previous?: IDataObject;
}

function registrationOf(context: IHookFunctions | IWebhookFunctions): Registration & IDataObject {
	return context.getWorkflowStaticData('node') as Registration & IDataObject;
}

async function getSettings(context: IHookFunctions): Promise<IDataObject> {
	return (await greenApiRequest.call(context, { method: 'getSettings' })) as IDataObject;
}

async function setSettings(context: IHookFunctions, settings: IDataObject): Promise<void> {
	const answer = (await greenApiRequest.call(context, { method: 'setSettings', body: settings })) as IDataObject;
	if (answer?.saveSettings !== true) {
		throw new NodeApiError(context.getNode(), answer as JsonObject, {
			message: 'GREEN-API did not save the webhook settings',
			description: 'setSettings answered saveSettings: false; check the instance in the GREEN-API console',
		});
	}
}

/** The settings this node may change, as they are now: what deactivation puts back. */
function restorableSettings(settings: IDataObject): IDataObject {
	const kept: IDataObject = { webhookUrl: settings.webhookUrl ?? '', webhookUrlToken: settings.webhookUrlToken ?? '' };
	for (const flag of ALL_FLAGS) if (settings[flag] !== undefined) kept[flag] = settings[flag];
	return kept;
}

/**
 * The bytes the sender signed. n8n has already read them for JSON, text and form bodies; for any other content type
 * (or none) the node reads them itself.
 */
async function readRawBody(request: ReturnType<IWebhookFunctions['getRequestObject']>): Promise<Buffer> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
}

/** How long a secret read from the webhook credential is reused before it is read again. */
export const SECRET_REUSE_MS = 10_000;
const secretsRead = new Map<string, { secret: string; readAt: number }>();

/**
 * The secret of the node's webhook credential. Reading a credential is a database query in n8n, so each workflow
 * reuses what it read for SECRET_REUSE_MS; `fresh` reads it again.
 */
async function webhookSecret(context: IWebhookFunctions, { fresh = false } = {}): Promise<string> {
	const credentialId = context.getNode().credentials?.greenApiWebhookApi?.id;
	const key = `${context.getWorkflow().id ?? ''}\u0000${credentialId ?? ''}`;
	const now = clock().now();
	const kept = credentialId ? secretsRead.get(key) : undefined;
	if (kept && !fresh && now - kept.readAt < SECRET_REUSE_MS) return kept.secret;
	const secret = String((await context.getCredentials('greenApiWebhookApi')).secret ?? '');
	if (credentialId) secretsRead.set(key, { secret, readAt: now });
	return secret;
}

/** Whether the node registers its own webhook URL and token with GREEN-API (bearer mode only). */
function registers(context: IHookFunctions | IWebhookFunctions): boolean {
	return context.getNodeParameter('authentication') === 'bearerToken' && context.getNodeParameter('registerWebhook', false) === true;
}

/** Why the request is refused (401), or undefined when the sender is verified (or verification is off). */
async function refusalOf(
	context: IWebhookFunctions,
	headers: Record<string, unknown>,
	rawBody: Buffer,
): Promise<string | undefined> {
	const authentication = context.getNodeParameter('authentication') as string;
	if (authentication !== 'bearerToken' && authentication !== 'hmac') return undefined;
	const check = (secret: string): string | undefined => {
		if (authentication === 'bearerToken') {
			return verifyBearer(headers.authorization, secret) ? undefined : 'Missing or wrong bearer token';
		}
		const verdict = verifyHmac(rawBody, headers, secret, clock().now());
		return verdict.ok ? undefined : `Signature rejected: ${verdict.reason}`;
	};
	if (registers(context)) return check(registrationOf(context).webhookToken ?? '');
	// a request that fails against the secret read earlier is checked against the credential as it is now, so a
	// changed secret is accepted at once (the old one for at most SECRET_REUSE_MS more)
	return check(await webhookSecret(context)) && check(await webhookSecret(context, { fresh: true }));
}

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
		description: 'Starts the workflow when GREEN-API or WAHA sends a webhook, such as a chat being archived',
		defaults: { name: 'GREEN-API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'greenApi',
				required: true,
				displayOptions: { show: { authentication: ['bearerToken'], registerWebhook: [true] } },
			},
			{
				name: 'greenApiWebhookApi',
				required: true,
				displayOptions: { show: { authentication: ['bearerToken', 'hmac'] }, hide: { registerWebhook: [true] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			eventsProperty(['chat.archive'], { displayOptions: { show: { '@version': [1.1] } } }),
			eventsProperty(['incomingMessageReceived'], { displayOptions: { show: { '@version': [{ _cnd: { gte: 1.2 } }] } } }),
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
			...[false, true].map(
				(registersByDefault): INodeProperties => ({
					displayName: 'Register Webhook with GREEN-API',
					name: 'registerWebhook',
					type: 'boolean',
					// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- false for 1.1, true from 1.2
					default: registersByDefault,
					displayOptions: {
						show: {
							authentication: ['bearerToken'],
							'@version': registersByDefault ? [{ _cnd: { gte: 1.2 } }] : [1.1],
						},
					},
					description:
						"Whether to point the instance's webhook at this workflow on activation, with a token the node generates, and restore the previous settings on deactivation",
				}),
			),
			{
				displayName:
					'GREEN-API applies new settings within about five minutes: events sent before then still go to the previous URL',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['bearerToken'], registerWebhook: [true] } },
			},
			{
				displayName: 'Replace Existing Webhook',
				name: 'replaceExistingWebhook',
				type: 'boolean',
				default: false,
				displayOptions: { show: { authentication: ['bearerToken'], registerWebhook: [true] } },
				description:
					'Whether to take over an instance whose webhook already points elsewhere (GREEN-API allows one webhook URL per instance); the previous URL is restored on deactivation',
			},
			triggerFilters,
		],
	};

	webhookMethods = {
		default: {
			/** Registered when the instance points at this workflow's URL with this node's token. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!registers(this)) return true;
				const registration = registrationOf(this);
				if (!registration.webhookToken) return false;
				const settings = await getSettings(this);
				return (
					settings.webhookUrl === this.getNodeWebhookUrl('default') &&
					settings.webhookUrlToken === registration.webhookToken
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (!registers(this)) return true;
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const registration = registrationOf(this);
				const drainer = drainerOf(await instanceKey(this));
				if (drainer) {
					throw new NodeOperationError(
						this.getNode(),
						`This GREEN-API instance's queue is drained by the workflow "${drainer.workflowName}" (ID ${drainer.workflowId})`,
						{
							description:
								'GREEN-API delivers notifications one way only: a webhook URL would empty that workflow\'s queue. Deactivate it first, or use another instance.',
						},
					);
				}
				const settings = await getSettings(this);
				const current = typeof settings.webhookUrl === 'string' ? settings.webhookUrl : '';
				const ours = current === webhookUrl || (registration.webhookUrl !== undefined && current === registration.webhookUrl);
				if (current !== '' && !ours && this.getNodeParameter('replaceExistingWebhook', false) !== true) {
					throw new NodeOperationError(
						this.getNode(),
						`This GREEN-API instance already sends its webhooks to ${displayUrl(current)}`,
						{
							description:
								'GREEN-API allows one webhook URL per instance. Turn on "Replace Existing Webhook" to point it at this workflow instead (the previous URL is restored when the workflow is deactivated), or use another instance.',
						},
					);
				}
				if (!ours || registration.previous === undefined) registration.previous = restorableSettings(settings);
				const token = randomBytes(32).toString('hex');
				const events = this.getNodeParameter('events', []) as string[];
				await setSettings(this, { webhookUrl, webhookUrlToken: token, ...flagsFor(events) });
				registration.webhookUrl = webhookUrl;
				registration.webhookToken = token;
				return true;
			},

			/** Puts the previous settings back, but only if the instance still points at this workflow. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const registration = registrationOf(this);
				if (registration.webhookUrl === undefined) return true;
				const settings = await getSettings(this);
				if (settings.webhookUrl === registration.webhookUrl && registration.previous) {
					await setSettings(this, registration.previous);
				}
				delete registration.webhookUrl;
				delete registration.webhookToken;
				delete registration.previous;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const rawBody = await readRawBody(request);
		const refuse = (status: number, message: string): IWebhookResponseData => {
			response.status(status).json({ message });
			return { noWebhookResponse: true };
		};

		const refusal = await refusalOf(this, request.headers, rawBody);
		if (refusal) return refuse(401, refusal);

		const body = parseJsonObject(rawBody);
		if (!body) return refuse(400, 'The body must be a JSON object');
		const event = normalizeEvent(body);
		if (!event) return refuse(400, 'The body is neither a GREEN-API nor a WAHA webhook');

		if (!passesFilters(event, readTriggerFilters(this))) {
			return { webhookResponse: { message: 'Event received and filtered out' } };
		}
		// GREEN-API re-sends a webhook it thinks was not answered 200: the same event starts one execution
		const scope = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().id}`;
		if (!firstDelivery(scope, notificationIdentity(body), clock().now())) {
			return { webhookResponse: { message: 'Event received before; not started again' } };
		}
		return { workflowData: [this.helpers.returnJsonArray([event as unknown as IDataObject])] };
	}
}
