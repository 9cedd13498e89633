import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GreenApiQueueTrigger } from '../../nodes/GreenApi/GreenApiQueueTrigger.node';
import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { getAll } from '../../nodes/GreenApi/actions/chat/getAll.operation';

const webhookTrigger = new GreenApiTrigger().description;
const queueTrigger = new GreenApiQueueTrigger().description;

/** The "Events" property a node shows at `version`. */
function eventsOf(description: INodeTypeDescription, version: number): INodeProperties {
	const shown = description.properties.filter(
		(property) => property.name === 'events' && NodeHelpers.displayParameter({}, property, { typeVersion: version }, description),
	);
	expect(shown).toHaveLength(1);
	return shown[0];
}

/** What n8n's node creator lists for a trigger: an option's `action`, else "On " and its name in lower case. */
const creatorEntries = (events: INodeProperties) =>
	(events.options as Array<INodePropertyOptions & { action?: string }>).map((option) => option.action);

/** The saved values and the texts a user reads, per event. */
const EVENT_TEXTS = [
	['chat.archive', 'Chat Archived or Unarchived', 'On chat archived or unarchived'],
	['incomingBlock', 'Chat Blocked', 'On chat blocked'],
	['deviceInfo', 'Device Info', 'On device info'],
	['incomingCall', 'Incoming Call', 'On incoming call'],
	['stateInstanceChanged', 'Instance State Changed', 'On instance state changed'],
	['incomingMessageReceived', 'Message Received', 'On message received'],
	['outgoingAPIMessageReceived', 'Message Sent by an App', 'On message sent by an app'],
	['outgoingMessageReceived', 'Message Sent From the Phone', 'On message sent from the phone'],
	['outgoingMessageStatus', 'Message Status Changed', 'On message status changed'],
	['outgoingCall', 'Outgoing Call', 'On outgoing call'],
	['statusInstanceChanged', 'Phone Online or Offline', 'On phone online or offline'],
	['quotaExceeded', 'Quota Exceeded', 'On quota exceeded'],
];

describe('the triggers as the n8n editor shows them', () => {
	it.each([
		['GREEN-API Trigger', webhookTrigger, 1.2],
		['GREEN-API Trigger 1.1', webhookTrigger, 1.1],
		['GREEN-API Queue Trigger', queueTrigger, 1],
	])('%s: plain event names and node-creator entries, the same saved values', (_label, description, version) => {
		const events = eventsOf(description, version);
		expect(events.displayName).toBe('Events'); // the node creator builds its entries from this property
		const options = events.options as Array<INodePropertyOptions & { action?: string }>;
		expect(options.map((option) => [option.value, option.name, option.action])).toEqual(EVENT_TEXTS);
		// no ids, acronyms or brackets in what the node creator lists
		for (const entry of creatorEntries(events)) expect(entry).toMatch(/^On [a-z ]+$/);
	});

	it('puts the detail in each event description, ending with the id GREEN-API or WAHA uses', () => {
		const options = eventsOf(webhookTrigger, 1.2).options as INodePropertyOptions[];
		for (const option of options) {
			expect(option.description).toMatch(new RegExp(`^[A-Z].+ \\(${String(option.value).replace('.', '\\.')}\\)$`));
		}
		expect(options[0].description).toBe(
			'Sent by WAHA; for a GREEN-API instance the GREEN-API Queue Trigger detects it by comparing the chat list once per poll period (chat.archive)',
		);
	});

	it('version 1.2 defaults fit together (a GREEN-API event, bearer token, registration); 1.1 keeps its own', () => {
		const defaults = (version: number) =>
			NodeHelpers.getNodeParameters(webhookTrigger.properties, {}, true, false, { typeVersion: version }, webhookTrigger);
		expect(defaults(1.2)).toMatchObject({ events: ['incomingMessageReceived'], authentication: 'bearerToken', registerWebhook: true });
		expect(defaults(1.1)).toMatchObject({ events: ['chat.archive'], authentication: 'bearerToken', registerWebhook: false });
		expect(webhookTrigger.defaultVersion).toBe(1.2);
		expect(NodeHelpers.getNodeParameters(queueTrigger.properties, {}, true, false, { typeVersion: 1 }, queueTrigger)).toMatchObject({
			events: ['incomingMessageReceived'],
			options: {},
		});
	});

	it('a new 1.2 trigger shows the GREEN-API credential at once (so n8n fills it in), and no webhook secret', () => {
		const values = NodeHelpers.getNodeParameters(webhookTrigger.properties, {}, true, false, { typeVersion: 1.2 }, webhookTrigger)!;
		const shown = (webhookTrigger.credentials ?? [])
			.filter((credential) => NodeHelpers.displayParameter(values, credential, { typeVersion: 1.2 }, webhookTrigger))
			.map((credential) => credential.name);
		expect(shown).toEqual(['greenApi']);
	});

	it('subtitles name the events, not their ids', () => {
		const subtitle = (description: INodeTypeDescription, events: string[]) => {
			const expression = String(description.subtitle).replace(/^=\{\{/, '').replace(/\}\}$/, '');
			return new Function('$parameter', `return ${expression}`)({ events }) as string;
		};
		expect(subtitle(webhookTrigger, ['incomingMessageReceived', 'chat.archive'])).toBe('Message Received, Chat Archived or Unarchived');
		expect(subtitle(queueTrigger, ['outgoingMessageStatus'])).toBe('Message Status Changed');
		expect(subtitle(queueTrigger, ['somethingNew'])).toBe('somethingNew');
	});

	it('describes the Get Many filter "Archive State"', () => {
		const filters = getAll.properties.find((property) => property.name === 'filters')!;
		const archiveState = (filters.options as INodeProperties[]).find((option) => option.name === 'archiveState')!;
		expect(archiveState.description).toBe(
			'Only archived chats, only chats not archived, or any (e.g. Not Archived to pick chats to archive)',
		);
	});
});
