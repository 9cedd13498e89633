import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { downloadToBinary } from '../../transport/download';
import { optionsCollection, readChatId } from '../common';
import { outputBinaryOption } from '../files';
import { ItemWithBinary, type Operation } from '../types';

/** Get Avatar's own options: the picture itself into binary data. */
const avatarOptions: INodeProperties[] = [
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to put the picture itself into the output binary data (when the contact has one visible)',
	},
	{ ...outputBinaryOption, displayOptions: { show: { download: [true] } } },
];

export const getAvatar: Operation = {
	value: 'getAvatar',
	name: 'Get Avatar',
	action: 'Get the profile picture of a contact',
	description: "Get the link to a contact's or group's profile picture, and whether one is visible to the account",
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The contact or group whose picture to get'),
		optionsCollection(avatarOptions),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const answer = (await greenApiRequest.call(this, { method: 'getAvatar', body: { chatId }, itemIndex })) as IDataObject;
		const json = { chatId, urlAvatar: answer?.urlAvatar ?? '', available: answer?.available === true, ...answer };
		const urlAvatar = typeof json.urlAvatar === 'string' ? json.urlAvatar : '';
		if (!this.getNodeParameter('options.download', itemIndex, false) || !/^https?:\/\//i.test(urlAvatar)) return json;
		const propertyName = String(this.getNodeParameter('options.binaryPropertyName', itemIndex, 'data')).trim() || 'data';
		const picture = await downloadToBinary.call(this, { url: urlAvatar, itemIndex, fileName: `${chatId.split('@')[0]}.jpg` });
		return new ItemWithBinary(json, { [propertyName]: picture });
	},
};
