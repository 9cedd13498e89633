import { optionsCollection, readText } from '../common';
import type { Operation } from '../types';
import { participantsOption, readParticipants } from './participants';
import { sendStatusFile, statusFileFields, statusFileNameOption } from './statusFile';

/** GREEN-API's limit for a media status's caption (sendMediaStatus). */
const MAX_STATUS_CAPTION = 1024;

export const sendMedia: Operation = {
	value: 'sendMedia',
	name: 'Send Media',
	action: 'Send a picture or video status',
	description: 'Post a picture or video as a status (story), from binary data or a URL; it shows for 24 hours',
	properties: [
		...statusFileFields('picture or video'),
		optionsCollection([
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
				description: `Text shown with the picture or video, up to ${MAX_STATUS_CAPTION} characters, e.g. New opening hours`,
			},
			statusFileNameOption,
			participantsOption,
		]),
	],
	async execute(itemIndex) {
		const caption = readText(this, itemIndex, 'options.caption', 'Caption', { maxLength: MAX_STATUS_CAPTION, optional: true });
		const participants = readParticipants(this, itemIndex);
		return await sendStatusFile(this, itemIndex, 'sendMediaStatus', {
			...(caption ? { caption } : {}),
			...(participants ? { participants } : {}),
		});
	},
};
