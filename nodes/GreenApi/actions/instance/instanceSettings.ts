import type { INodeProperties } from 'n8n-workflow';

/** The yes/no settings of setSettings: name, display name, and what "on" means. */
const FLAGS: Array<[name: string, displayName: string, description: string]> = [
	['deletedMessageWebhook', 'Deleted Message Notifications', 'Whether to notify about messages deleted in chats'],
	['editedMessageWebhook', 'Edited Message Notifications', 'Whether to notify about messages edited in chats'],
	['incomingBlockWebhook', 'Blocked Chat Notifications', 'Whether to notify when a chat is added to the blocked contacts'],
	['incomingCallWebhook', 'Incoming Call Notifications', 'Whether to notify about incoming calls'],
	['incomingWebhook', 'Incoming Message Notifications', 'Whether to notify about incoming messages and files'],
	['keepOnlineStatus', 'Keep Online Status', 'Whether the account shows as "online" all the time'],
	['markIncomingMessagesReaded', 'Mark Incoming Messages Read', 'Whether to mark every incoming message as read at once'],
	[
		'markIncomingMessagesReadedOnReply',
		'Mark Incoming Messages Read on Reply',
		"Whether to mark a chat's incoming messages as read when the API sends a message to it",
	],
	[
		'outgoingAPIMessageWebhook',
		'Outgoing API Message Notifications',
		'Whether to notify about messages sent through the API',
	],
	['outgoingCallWebhook', 'Outgoing Call Notifications', 'Whether to notify about calls made from the phone'],
	['outgoingMessageWebhook', 'Outgoing Message Notifications', 'Whether to notify about messages sent from the phone'],
	['outgoingWebhook', 'Message Status Notifications', 'Whether to notify about the status of sent messages (sent, delivered, read)'],
	['pollMessageWebhook', 'Poll Notifications', 'Whether to notify about polls and votes'],
	['stateWebhook', 'State Notifications', "Whether to notify about changes of the instance's authorization state"],
];

/** Where the webhook URL's owners are named, for the field and the warning. */
export const WEBHOOK_URL_OWNERS =
	'A GREEN-API Trigger with "Register Webhook" on sets this URL itself, and a GREEN-API Queue Trigger needs it empty: changing it here can stop such a trigger from receiving events';

/** The Settings collection of Update Settings: the instance settings GREEN-API documents for setSettings. */
export const settingsCollection: INodeProperties = {
	displayName: 'Settings',
	name: 'settings',
	type: 'collection',
	placeholder: 'Add setting',
	default: {},
	description: 'The settings to change; the others keep their values. GREEN-API takes up to 5 minutes to apply them.',
	options: [
		{
			displayName: 'Delay Between Messages (Ms)',
			name: 'delaySendMessagesMilliseconds',
			type: 'number',
			typeOptions: { minValue: 500 },
			default: 5000,
			description: 'How long GREEN-API waits between two messages it sends from its queue, in milliseconds, e.g. 1000',
		},
		...FLAGS.map(
			([name, displayName, description]): INodeProperties => ({
				displayName,
				name,
				type: 'boolean',
				default: true,
				description,
			}),
		),
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/greenapi',
			description: `Where GREEN-API sends notifications, e.g. https://n8n.example.com/webhook/greenapi; empty: none (they wait in the HTTP API queue). ${WEBHOOK_URL_OWNERS}.`,
		},
		{
			displayName: 'Webhook URL Token',
			name: 'webhookUrlToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret GREEN-API sends with each notification as a Bearer token in the Authorization header, e.g. a long random string; the GREEN-API Trigger checks it',
		},
	],
};

/** The yes/no settings (sent as "yes" or "no"): name → display name. */
export const FLAG_SETTINGS = new Map(FLAGS.map(([name, displayName]) => [name, displayName]));
