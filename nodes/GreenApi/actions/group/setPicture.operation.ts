import { chatField } from '../../fields/chatLocator';
import { optionsCollection, readChatId, requireFlag } from '../common';
import { binaryPropertyField, sendPicture } from '../files';
import type { Operation } from '../types';

export const setPicture: Operation = {
	value: 'setPicture',
	name: 'Set Picture',
	action: 'Set the picture of a group',
	description: "Change a group's picture to a JPEG from binary data",
	properties: [
		...chatField('groupId', 'Group ID', 'group', 'The group whose picture to change'),
		binaryPropertyField('The binary property of the input item that holds the JPEG picture'),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
		const answer = await sendPicture(this, itemIndex, 'setGroupPicture', { groupId });
		requireFlag(
			this,
			itemIndex,
			answer,
			'setGroupPicture',
			`The picture of group ${groupId} was not changed`,
			'Only group admins can change the picture: check the group id and that the instance is an admin of the group.',
		);
		return { groupId, pictureSet: true, urlAvatar: answer.urlAvatar };
	},
};
