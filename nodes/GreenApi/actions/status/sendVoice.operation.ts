import { invalidField, optionsCollection } from '../common';
import type { Operation } from '../types';
import { participantsOption, readParticipants } from './participants';
import { sendStatusFile, statusFileFields, statusFileNameOption } from './statusFile';

export const sendVoice: Operation = {
	value: 'sendVoice',
	name: 'Send Voice',
	action: 'Send a voice status',
	description: 'Post an audio file (MP3 recommended) as a status, from binary data or a URL; GREEN-API cuts a voice status at 1 minute',
	properties: [
		...statusFileFields('audio file'),
		optionsCollection([
			{
				displayName: 'Background Color',
				name: 'backgroundColor',
				type: 'color',
				default: '',
				description: 'The background behind the voice status, as a hex color, e.g. #228B22',
			},
			statusFileNameOption,
			participantsOption,
		]),
	],
	async execute(itemIndex) {
		const backgroundColor = String(this.getNodeParameter('options.backgroundColor', itemIndex, '') ?? '').trim();
		if (backgroundColor && !/^#[0-9a-f]{6}$/i.test(backgroundColor)) {
			throw invalidField(this, itemIndex, 'Background Color', backgroundColor, 'a hex color such as #228B22');
		}
		const participants = readParticipants(this, itemIndex);
		return await sendStatusFile(this, itemIndex, 'sendVoiceStatus', {
			...(backgroundColor ? { backgroundColor } : {}),
			...(participants ? { participants } : {}),
		});
	},
};
