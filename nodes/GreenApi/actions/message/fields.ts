import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, readText } from '../common';

/** GREEN-API's longest text message. */
export const MAX_MESSAGE_CHARS = 20000;

/** A message's text: required, up to 20,000 characters. */
export function messageTextField(description: string, displayName = 'Message'): INodeProperties {
	return {
		displayName,
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description,
	};
}

/** The ID of a message (GREEN-API's idMessage). */
export function messageIdField(description: string, required = true): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required,
		default: '',
		placeholder: 'BAE5F4886F6F2D05',
		description: `${description} (idMessage), e.g. BAE5F4886F6F2D05`,
	};
}

/** The "Quoted Message ID" option of the sending operations: the message to reply to. */
export const quotedMessageIdOption: INodeProperties = {
	displayName: 'Quoted Message ID',
	name: 'quotedMessageId',
	type: 'string',
	default: '',
	description: 'The ID of a message of the same chat to reply to, e.g. BAE5F4886F6F2D05',
};

/** What a GREEN-API message id looks like (BAE5F4886F6F2D05, 3EB0C767D097B7C7C030, …). */
export const MESSAGE_ID = /^[A-Za-z0-9_.:-]{4,128}$/;

/** A message id from field `name` (trimmed); undefined when optional and empty; fails the item when malformed. */
export function readMessageId(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'messageId',
	displayName = 'Message ID',
	optional = false,
): string | undefined {
	const text = readText(context, itemIndex, name, displayName, { optional })?.trim();
	if (text === undefined) return undefined;
	if (!MESSAGE_ID.test(text)) throw invalidField(context, itemIndex, displayName, text, 'a message ID such as BAE5F4886F6F2D05');
	return text;
}

/** The options every send shares, as GREEN-API's body fields: only those given. */
export function readQuoted(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const quotedMessageId = readMessageId(context, itemIndex, 'options.quotedMessageId', 'Quoted Message ID', true);
	return quotedMessageId ? { quotedMessageId } : {};
}

/** A typing time in ms from field `name`: a whole number from 1,000 to 20,000; fails the item otherwise. */
export function readTypingTime(context: IExecuteFunctions, itemIndex: number, name: string): number {
	const value = context.getNodeParameter(name, itemIndex, 0) as unknown;
	if (!Number.isInteger(value) || (value as number) < 1000 || (value as number) > 20000) {
		throw invalidField(context, itemIndex, 'Typing Time (Ms)', value, 'a whole number of milliseconds from 1000 to 20000');
	}
	return value as number;
}
