import type { IDataObject } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { downloadToBinary } from '../../transport/download';
import { optionsCollection, readChatId, readText } from '../common';
import { outputBinaryOption } from '../files';
import { ItemWithBinary, type Operation } from '../types';

export const download: Operation = {
	value: 'download',
	name: 'Download File',
	action: 'Download the file of a message',
	description: 'Get the file a message carries (picture, video, audio, document) into binary data',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat the message is in'),
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'BAE5F4886F6F2D05',
			description: 'The ID of the message with the file (idMessage), e.g. BAE5F4886F6F2D05',
		},
		optionsCollection([outputBinaryOption]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const idMessage = (readText(this, itemIndex, 'messageId', 'Message ID') ?? '').trim();
		const propertyName = String(this.getNodeParameter('options.binaryPropertyName', itemIndex, 'data')).trim() || 'data';
		const answer = (await greenApiRequest.call(this, {
			method: 'downloadFile',
			body: { chatId, idMessage },
			itemIndex,
			hints: [
				{
					status: 400,
					match: /not found/i,
					message: `Message ${idMessage} in chat ${chatId} has no file to download`,
					description: 'Check the message ID, e.g. with Chat › Get History; only messages with a picture, video, audio or document have a file',
				},
				{
					status: 500,
					match: /downloading file/i,
					message: `The file of message ${idMessage} is no longer available`,
					description: 'WhatsApp keeps files for a limited time; this one can no longer be downloaded through GREEN-API',
				},
			],
		})) as IDataObject;
		const downloadUrl = typeof answer?.downloadUrl === 'string' ? answer.downloadUrl : '';
		if (!/^https?:\/\//i.test(downloadUrl)) {
			throw new NodeOperationError(this.getNode(), `GREEN-API gave no download link for message ${idMessage} in chat ${chatId}`, {
				itemIndex,
				description: 'Check that the message carries a file, e.g. with Chat › Get History',
			});
		}
		const binary = await downloadToBinary.call(this, {
			url: downloadUrl,
			itemIndex,
			fileName: typeof answer?.fileName === 'string' ? answer.fileName : undefined,
			mimeType: typeof answer?.mimeType === 'string' ? answer.mimeType : undefined,
		});
		// binary.fileSize is n8n's text for people ("70 B"); the item gives the byte count
		const fileSize = binary.id
			? (await this.helpers.getBinaryMetadata(binary.id)).fileSize
			: Buffer.byteLength(binary.data, BINARY_ENCODING);
		return new ItemWithBinary(
			{ chatId, idMessage, downloadUrl, fileName: binary.fileName, mimeType: binary.mimeType, fileSize },
			{ [propertyName]: binary },
		);
	},
};
