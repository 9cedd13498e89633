import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatIdField, limitField, readChatId, readPositiveInteger } from '../../../GreenApi/actions/common';
import { outputBinaryOption } from '../../../GreenApi/actions/files';
import { ItemWithBinary, type Operation } from '../../../GreenApi/actions/types';
import { escapePathPart, wahaRequest } from '../../transport';
import { downloadMedia } from '../../transport/download';

interface WahaMedia {
	url?: unknown;
	mimetype?: unknown;
	filename?: unknown;
	error?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export const getHistory: Operation = {
	value: 'getHistory',
	name: 'Get History',
	action: 'Get the message history of a chat',
	description: 'Get the latest messages of a chat, newest first, with their files as binary data if asked',
	properties: [
		chatIdField('chatId', 'Chat ID', 'any', 'The chat whose messages to get'),
		limitField,
		{
			displayName: 'Download Media',
			name: 'downloadMedia',
			type: 'boolean',
			default: false,
			description:
				'Whether to download the files of the messages (pictures, videos, audio, documents) into binary data. Off, WAHA skips downloading them and answers faster.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: { show: { downloadMedia: [true] } },
			options: [outputBinaryOption],
		},
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const limit = readPositiveInteger(this, itemIndex, 'limit', 'Limit');
		const withMedia = this.getNodeParameter('downloadMedia', itemIndex, false) === true;
		const propertyName = String(this.getNodeParameter('options.binaryPropertyName', itemIndex, 'data')).trim() || 'data';
		const messages = await wahaRequest.call(this, {
			action: `get the messages of chat ${chatId}`,
			httpMethod: 'GET',
			path: `chats/${escapePathPart(chatId)}/messages`,
			// WAHA downloads media unless told not to
			qs: { limit, downloadMedia: withMedia },
			itemIndex,
			longAnswer: true,
		});
		const list = Array.isArray(messages) ? (messages as IDataObject[]) : [];
		if (!withMedia) return list;
		const items: Array<IDataObject | ItemWithBinary> = [];
		for (const message of list) {
			const media = (message.media ?? undefined) as WahaMedia | undefined;
			const url = text(media?.url) ?? text(message.mediaUrl);
			if (!url) {
				// no file, or one WAHA could not download itself (its media.error says why)
				items.push(message);
				continue;
			}
			const messageId = String(message.id);
			if (!/^https?:\/\//i.test(url)) {
				throw new NodeOperationError(this.getNode(), `WAHA gave no usable media link for message ${messageId}`, { itemIndex });
			}
			const binary = await downloadMedia.call(this, { url, itemIndex, messageId, fileName: text(media?.filename), mimeType: text(media?.mimetype) });
			items.push(new ItemWithBinary(message, { [propertyName]: binary }));
		}
		return items as ItemWithBinary[];
	},
};
