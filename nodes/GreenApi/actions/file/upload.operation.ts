import { optionsCollection } from '../common';
import { binaryPropertyField, fileNameOption, readFileToSend, uploadFile } from '../files';
import type { Operation } from '../types';

export const upload: Operation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description: "Upload a file to GREEN-API's storage and get a link for sending it, valid for 15 days",
	properties: [
		binaryPropertyField('The binary property of the input item that holds the file to upload'),
		optionsCollection([fileNameOption]),
	],
	async execute(itemIndex) {
		const file = await readFileToSend(this, itemIndex);
		return { urlFile: await uploadFile(this, itemIndex, file), fileName: file.fileName, fileSize: file.size };
	},
};
