import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { phoneDigits } from '../../helpers/chatId';
import { greenApiRequest } from '../../transport';
import { invalidCount, invalidField, optionsCollection, readChatId, readText } from '../common';
import type { Operation } from '../types';
import { MAX_MESSAGE_CHARS } from './fields';

const MAX_BUTTONS = 3;
const MAX_BUTTON_TEXT = 25;

interface ButtonInput {
	type?: string;
	buttonText?: string;
	copyCode?: string;
	phoneNumber?: string;
	url?: string;
}

/** GREEN-API's buttons from the Buttons field: action buttons (copy, call, URL) or plain reply buttons. */
function readButtons(context: IExecuteFunctions, itemIndex: number, reply: boolean): IDataObject[] {
	const given = context.getNodeParameter('buttons.values', itemIndex, []) as ButtonInput[];
	const buttons = Array.isArray(given) ? given : [];
	if (buttons.length < 1 || buttons.length > MAX_BUTTONS) {
		throw invalidCount(context, itemIndex, 'Buttons', buttons.length, ['button', 'buttons'], `1 to ${MAX_BUTTONS} buttons`);
	}
	return buttons.map((button, index) => {
		const buttonText = String(button.buttonText ?? '').trim();
		if (!buttonText || buttonText.length > MAX_BUTTON_TEXT) {
			throw invalidField(context, itemIndex, `Button ${index + 1} Text`, buttonText, `1 to ${MAX_BUTTON_TEXT} characters`);
		}
		const base = { buttonId: String(index + 1), buttonText };
		if (reply) return base;
		const type = button.type ?? 'url';
		if (type === 'copy') {
			const copyCode = String(button.copyCode ?? '').trim();
			if (!copyCode) throw invalidField(context, itemIndex, `Button ${index + 1} Text to Copy`, copyCode, 'the text the button copies');
			return { type, ...base, copyCode };
		}
		if (type === 'call') {
			const digits = phoneDigits(String(button.phoneNumber ?? ''));
			if (!digits) throw invalidField(context, itemIndex, `Button ${index + 1} Phone Number`, button.phoneNumber ?? '', 'a phone number with country code');
			return { type, ...base, phoneNumber: `+${digits}` };
		}
		const url = String(button.url ?? '').trim();
		if (!/^https?:\/\/\S+$/i.test(url)) throw invalidField(context, itemIndex, `Button ${index + 1} URL`, url, 'an http or https URL');
		return { type: 'url', ...base, url };
	});
}

export const sendButtons: Operation = {
	value: 'sendButtons',
	name: 'Send Buttons',
	action: 'Send a message with buttons',
	description: 'Send a message with up to 3 buttons: to copy a code, call a number or open a link, or quick replies',
	properties: [
		...chatField('chatId', 'Chat ID', 'personal', 'The personal chat to send the buttons to (GREEN-API sends buttons to personal chats only)'),
		{
			displayName: 'Buttons Type',
			name: 'buttonsType',
			type: 'options',
			options: [
				{ name: 'Action Buttons', value: 'action', description: 'Buttons that copy a code, call a number or open a link (sendInteractiveButtons)' },
				{ name: 'Reply Buttons', value: 'reply', description: 'Buttons whose text the person sends back as their answer (sendInteractiveButtonsReply)' },
			],
			default: 'action',
			description: 'What the buttons do',
		},
		{
			displayName: 'Body',
			name: 'body',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 3 },
			description: 'The message text above the buttons, e.g. Your code is ready',
		},
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			// n8n labels a fixedCollection's add button with its placeholder ("Choose..." without one)
			placeholder: 'Add Button',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
			default: { values: [{ buttonText: '' }] },
			description: 'Up to 3 buttons, each with a text of up to 25 characters',
			options: [
				{
					displayName: 'Button',
					name: 'values',
					values: [
						{
							displayName: 'Action',
							name: 'type',
							type: 'options',
							options: [
								{
									name: 'Call',
									value: 'call',
									description: 'Call a phone number',
								},
								{
									name: 'Copy',
									value: 'copy',
									description: 'Copy a text, e.g. a promo code',
								},
								{
									name: 'Open URL',
									value: 'url',
									description: 'Open a link',
								},
					],
							default: 'url',
							description: 'What the button does',
							displayOptions: { show: { '/buttonsType': ['action'] } },
						},
						{
							displayName: 'Phone Number',
							name: 'phoneNumber',
							type: 'string',
							default: '',
							displayOptions: { show: { '/buttonsType': ['action'], type: ['call'] } },
							description: 'The number to call, with country code, e.g. +7 900 123-45-67',
						},
						{
							displayName: 'Text',
							name: 'buttonText',
							type: 'string',
							default: '',
							description: 'The text on the button, up to 25 characters, e.g. Open the order',
						},
						{
							displayName: 'Text to Copy',
							name: 'copyCode',
							type: 'string',
							default: '',
							displayOptions: { show: { '/buttonsType': ['action'], type: ['copy'] } },
							description: 'The text the button copies, e.g. SPRING25',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							displayOptions: { show: { '/buttonsType': ['action'], type: ['url'] } },
							description: 'The link to open, e.g. https://example.com/orders/42',
						},
				],
				},
			],
		},
		optionsCollection([
			{ displayName: 'Header', name: 'header', type: 'string', default: '', description: 'A title above the text, e.g. Order 42' },
			{ displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'A small text under the message, e.g. Reply within 24 hours' },
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'personal');
		const reply = this.getNodeParameter('buttonsType', itemIndex, 'action') === 'reply';
		const text = readText(this, itemIndex, 'body', 'Body', { maxLength: MAX_MESSAGE_CHARS });
		const header = readText(this, itemIndex, 'options.header', 'Header', { optional: true, maxLength: 60 });
		const footer = readText(this, itemIndex, 'options.footer', 'Footer', { optional: true, maxLength: 60 });
		const body: IDataObject = {
			chatId,
			...(header ? { header } : {}),
			body: text,
			...(footer ? { footer } : {}),
			buttons: readButtons(this, itemIndex, reply),
		};
		const answer = (await greenApiRequest.call(this, {
			method: reply ? 'sendInteractiveButtonsReply' : 'sendInteractiveButtons',
			body,
			itemIndex,
		})) as IDataObject;
		return { chatId, idMessage: answer.idMessage };
	},
};
