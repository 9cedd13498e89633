import type { IDataObject } from 'n8n-workflow';

import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readText } from '../common';
import type { Operation } from '../types';
import { participantsOption, readParticipants } from './participants';

const FONTS = ['SERIF', 'SANS_SERIF', 'NORICAN_REGULAR', 'BRYNDAN_WRITE', 'OSWALD_HEAVY'];

export const sendText: Operation = {
	value: 'sendText',
	name: 'Send Text',
	action: 'Send a text status',
	description: 'Post a text as a status (story); it shows for 24 hours',
	properties: [
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 3 },
			description: 'The status text, up to 500 characters, e.g. Open until 8 pm today',
		},
		optionsCollection([
			{
				displayName: 'Background Color',
				name: 'backgroundColor',
				type: 'color',
				default: '',
				description: 'The background color as a hex code, e.g. #228B22',
			},
			{
				displayName: 'Font',
				name: 'font',
				type: 'options',
				options: FONTS.map((font) => ({ name: font.replace(/_/g, ' ').toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()), value: font })),
				default: 'SERIF',
				description: 'The font of the text',
			},
			participantsOption,
		]),
	],
	async execute(itemIndex) {
		const message = readText(this, itemIndex, 'message', 'Message', { maxLength: 500 });
		const backgroundColor = String(this.getNodeParameter('options.backgroundColor', itemIndex, '') ?? '').trim();
		if (backgroundColor && !/^#[0-9a-f]{6}$/i.test(backgroundColor)) {
			throw invalidField(this, itemIndex, 'Background Color', backgroundColor, 'a hex color such as #228B22');
		}
		const font = this.getNodeParameter('options.font', itemIndex, '') as string;
		if (font && !FONTS.includes(font)) throw invalidField(this, itemIndex, 'Font', font, `one of ${FONTS.join(', ')}`);
		const participants = readParticipants(this, itemIndex);
		const body: IDataObject = {
			message,
			...(backgroundColor ? { backgroundColor } : {}),
			...(font ? { font } : {}),
			...(participants ? { participants } : {}),
		};
		const answer = (await greenApiRequest.call(this, { method: 'sendTextStatus', body, itemIndex })) as IDataObject;
		return { idMessage: answer.idMessage };
	},
};
