import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields of Send and Wait for Response. Their names follow n8n's own send-and-wait nodes (`message`,
 * `responseType`, `approvalOptions`): n8n's AI Agent "human review" tool recognises them by name.
 */
export const responseTypeField: INodeProperties = {
	displayName: 'Response Type',
	name: 'responseType',
	type: 'options',
	options: [
		{ name: 'Approval', value: 'approval', description: 'The person approves (or declines) with a tap' },
		{ name: 'Free Text', value: 'freeText', description: 'The person writes an answer' },
		{ name: 'Custom Form', value: 'customForm', description: 'The person fills in a short form' },
	],
	default: 'approval',
	description: 'What kind of answer to wait for',
};

export const approvalOptionsField: INodeProperties = {
	displayName: 'Approval Options',
	name: 'approvalOptions',
	type: 'fixedCollection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { responseType: ['approval'] } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Type of Approval',
					name: 'approvalType',
					type: 'options',
					options: [
						{ name: 'Approve Only', value: 'single' },
						{ name: 'Approve and Decline', value: 'double' },
					],
					default: 'single',
					description: 'Whether the person can only approve, or approve or decline',
				},
				{
					displayName: 'Approve Button Label',
					name: 'approveLabel',
					type: 'string',
					default: 'Approve',
					description: 'The text on the approve button, up to 25 characters',
				},
				{
					displayName: 'Decline Button Label',
					name: 'disapproveLabel',
					type: 'string',
					default: 'Decline',
					description: 'The text on the decline button, up to 25 characters',
					displayOptions: { show: { approvalType: ['double'] } },
				},
			],
		},
	],
};

export const formFieldsField: INodeProperties = {
	displayName: 'Form Fields',
	name: 'formFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Field' },
	default: { values: [{ fieldLabel: '', fieldType: 'text' }] },
	displayOptions: { show: { responseType: ['customForm'] } },
	description: 'The fields of the form the person fills in; each label becomes a key of the answer',
	options: [
		{
			displayName: 'Field',
			name: 'values',
			values: [
				{
					displayName: 'Label',
					name: 'fieldLabel',
					type: 'string',
					default: '',
					placeholder: 'e.g. How many seats?',
					description: 'The question above the field, and the key of its answer',
				},
				{
					displayName: 'Type',
					name: 'fieldType',
					type: 'options',
					options: [
						{ name: 'Date', value: 'date' },
						{ name: 'Dropdown', value: 'dropdown' },
						{ name: 'Number', value: 'number' },
						{ name: 'Text', value: 'text' },
					],
					default: 'text',
					description: 'What the field takes: a text, a number, one of the choices, or a date',
				},
				{
					displayName: 'Choices',
					name: 'fieldOptions',
					type: 'string',
					default: '',
					placeholder: 'e.g. Small, Medium, Large',
					description: 'For a dropdown: its choices, separated by commas',
					displayOptions: { show: { fieldType: ['dropdown'] } },
				},
				{
					displayName: 'Required',
					name: 'requiredField',
					type: 'boolean',
					default: false,
					description: 'Whether the person must fill in this field',
				},
			],
		},
	],
};

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'hours' } },
	description:
		'Stop waiting after a while or at a time: the execution then goes on with a "no answer" item ({noAnswer: true})',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Wait for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Wait until a date and time' },
					],
					default: 'afterTimeInterval',
					description: 'Whether to stop waiting after a while or at a date and time',
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How long to wait, e.g. 2',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					options: [
						{ name: 'Days', value: 'days' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Seconds', value: 'seconds' },
					],
					default: 'hours',
					description: 'The unit of the amount',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'When to stop waiting, e.g. 2026-12-24T18:00:00',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

/** The options of Send and Wait for Response (Pace Requests is added by the options collection). */
export const sendAndWaitOptions: INodeProperties[] = [
	{
		displayName: 'Button Label',
		name: 'buttonLabel',
		type: 'string',
		default: 'Respond',
		description: 'For Free Text and Custom Form: the text on the button that opens the page, up to 25 characters',
	},
	limitWaitTimeOption,
	{
		displayName: 'Send Links as Text',
		name: 'linksAsText',
		type: 'boolean',
		default: false,
		description:
			'Whether to send a text message with the links instead of buttons (groups always get text: WhatsApp allows buttons in personal chats only)',
	},
];
