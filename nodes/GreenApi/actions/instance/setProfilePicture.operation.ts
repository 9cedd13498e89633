import { optionsCollection, requireFlag } from '../common';
import { binaryPropertyField, sendPicture } from '../files';
import type { Operation } from '../types';

export const setProfilePicture: Operation = {
	value: 'setProfilePicture',
	name: 'Set Profile Picture',
	action: 'Set the profile picture of the account',
	description: "Change the WhatsApp account's profile picture to a JPEG from binary data (at most once per 10 seconds)",
	properties: [binaryPropertyField('The binary property of the input item that holds the JPEG picture'), optionsCollection()],
	async execute(itemIndex) {
		const answer = await sendPicture(this, itemIndex, 'setProfilePicture', {});
		requireFlag(
			this,
			itemIndex,
			answer,
			'setProfilePicture',
			'The profile picture was not changed',
			'Send a JPEG picture; square pictures of at least 192×192 pixels work best.',
		);
		return { pictureSet: true, urlAvatar: answer.urlAvatar };
	},
};
