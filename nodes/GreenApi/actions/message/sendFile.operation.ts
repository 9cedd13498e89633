import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId, readText } from '../common';
import {
	binaryPropertyField,
	fileNameOption,
	fileSourceField,
	fileUrlFields,
	multipartUpload,
	readFileToSend,
	readUrl,
} from '../files';
import type { Operation } from '../types';

export const sendFile: Operation = {
	value: 'sendFile',
	name: 'Send File',
	action: 'Send a file',
	description: 'Send a document, picture, video or audio file from binary data or a URL',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to send the file to'),
		fileSourceField,
		binaryPropertyField('The binary property of the input item that holds the file', {
			displayOptions: { show: { source: ['binary'] } },
		}),
		...fileUrlFields(),
		optionsCollection([
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'Text shown under a picture or video, up to 20,000 characters, e.g. Invoice for May',
			},
			{ ...fileNameOption, displayOptions: { show: { '/source': ['binary'] } } },
			{
				displayName: 'Quoted Message ID',
				name: 'quotedMessageId',
				type: 'string',
				default: '',
				description: 'The ID of a message of the chat to reply to, e.g. BAE5F4886F6F2D05',
			},
		]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const caption = readText(this, itemIndex, 'options.caption', 'Caption', { maxLength: 20000, optional: true });
		const quotedMessageId = readText(this, itemIndex, 'options.quotedMessageId', 'Quoted Message ID', { optional: true });
		if (this.getNodeParameter('source', itemIndex, 'binary') === 'url') {
			const urlFile = readUrl(this, itemIndex, 'url', 'File URL');
			const fileName = readText(this, itemIndex, 'fileName', 'File Name');
			const answer = (await greenApiRequest.call(this, {
				method: 'sendFileByUrl',
				body: { chatId, urlFile, fileName, ...(caption ? { caption } : {}), ...(quotedMessageId ? { quotedMessageId } : {}) },
				itemIndex,
			})) as IDataObject;
			return { chatId, idMessage: answer.idMessage, urlFile };
		}
		const file = await readFileToSend(this, itemIndex);
		const answer = (await greenApiRequest.call(this, {
			method: 'sendFileByUpload',
			itemIndex,
			host: 'media',
			upload: multipartUpload({ chatId, fileName: file.fileName, caption, quotedMessageId }, 'file', file),
		})) as IDataObject;
		return { chatId, idMessage: answer.idMessage, urlFile: answer.urlFile };
	},
};
