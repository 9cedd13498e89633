import { NodeOperationError } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import { outputBinaryOption } from '../files';
import { ItemWithBinary, type Operation } from '../types';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const getQr: Operation = {
	value: 'getQr',
	name: 'Get QR Code',
	action: 'Get the QR code to link a phone',
	description:
		'Get the QR code that links WhatsApp to the instance, as a PNG image in binary data (scan it within about 20 seconds: WhatsApp › Linked devices); when the instance is already authorized, only its message',
	properties: [optionsCollection([outputBinaryOption])],
	async execute(itemIndex) {
		const answer = (await greenApiRequest.call(this, { method: 'qr', itemIndex })) as { type?: unknown; message?: unknown };
		const type = String(answer?.type ?? '');
		const message = String(answer?.message ?? '');
		if (type === 'alreadyLogged') return { type, message };
		const png = type === 'qrCode' ? Buffer.from(message, 'base64') : undefined;
		if (!png || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
			throw new NodeOperationError(
				this.getNode(),
				type === 'error' ? `GREEN-API gave no QR code: ${message}` : `GREEN-API gave no QR code (answer of type "${type}")`,
				{ itemIndex, description: 'Check the instance with Instance › Get State, then try again in a few seconds' },
			);
		}
		const property = this.getNodeParameter('options.binaryPropertyName', itemIndex, 'data') as string;
		const binary = await this.helpers.prepareBinaryData(png, 'qr.png', 'image/png');
		return new ItemWithBinary({ type }, { [property || 'data']: binary });
	},
};
