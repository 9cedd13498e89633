import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { readText } from '../common';
import { binaryPropertyField, fileNameOption, fileSourceField, fileUrlFields, readFileToSend, readUrl, uploadFile } from '../files';

/** The fields of a status that carries a file: from binary data (uploaded first) or a URL. */
export function statusFileFields(kind: string): INodeProperties[] {
	return [
		fileSourceField,
		binaryPropertyField(`The binary property of the input item that holds the ${kind}`, {
			displayOptions: { show: { source: ['binary'] } },
		}),
		...fileUrlFields(),
	];
}

/** The File Name option, for a file from binary data. */
export const statusFileNameOption: INodeProperties = { ...fileNameOption, displayOptions: { show: { '/source': ['binary'] } } };

/**
 * Sends a status that carries a file: a file from binary data is first uploaded with uploadFile, since the status
 * methods take only a link. Returns `{idMessage, urlFile}`.
 */
export async function sendStatusFile(
	context: IExecuteFunctions,
	itemIndex: number,
	method: 'sendMediaStatus' | 'sendVoiceStatus',
	fields: IDataObject,
): Promise<IDataObject> {
	let urlFile: string;
	let fileName: string;
	if (context.getNodeParameter('source', itemIndex, 'binary') === 'url') {
		urlFile = readUrl(context, itemIndex, 'url', 'File URL');
		fileName = readText(context, itemIndex, 'fileName', 'File Name') ?? '';
	} else {
		const file = await readFileToSend(context, itemIndex);
		fileName = file.fileName;
		urlFile = await uploadFile(context, itemIndex, file);
	}
	const answer = (await greenApiRequest.call(context, {
		method,
		body: { urlFile, fileName, ...fields },
		itemIndex,
	})) as IDataObject;
	return { idMessage: answer.idMessage, urlFile };
}
