import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readChatId, requireFlag } from '../common';
import type { Operation } from '../types';
import { groupNotFound } from './groupNotFound';

/** A "who may …" field: everyone in the group, only admins, or leave the setting as it is. */
function whoMayField(name: string, displayName: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		options: [
			{ name: 'All Participants', value: 'all', description: `Every member may ${what}` },
			{ name: 'Keep As Is', value: 'keep', description: 'Do not change this setting' },
			{ name: 'Only Admins', value: 'admins', description: `Only admins may ${what}` },
		],
		default: 'keep',
		description: `Who may ${what}, e.g. Only Admins`,
	};
}

/** The GREEN-API flag for a "who may …" field: true (all), false (admins) or undefined (keep). */
function readWhoMay(context: IExecuteFunctions, itemIndex: number, name: string, displayName: string): boolean | undefined {
	const value = context.getNodeParameter(name, itemIndex, 'keep') as string;
	if (value === 'keep') return undefined;
	if (value === 'all' || value === 'admins') return value === 'all';
	throw invalidField(context, itemIndex, displayName, value, '"all", "admins" or "keep"');
}

export const updateSettings: Operation = {
	value: 'updateSettings',
	name: 'Update Settings',
	action: 'Update the settings of a group',
	description: "Change who may edit a group's settings (name, picture, description) and who may send messages in it",
	properties: [
		...chatField('groupId', 'Group ID', 'group', 'The group whose settings to change'),
		whoMayField('whoCanEditSettings', 'Who Can Edit Settings', "edit the group's name, picture and description"),
		whoMayField('whoCanSendMessages', 'Who Can Send Messages', 'send messages to the group'),
		optionsCollection(),
	],
	async execute(itemIndex) {
		const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
		const body: IDataObject = { groupId };
		const edit = readWhoMay(this, itemIndex, 'whoCanEditSettings', 'Who Can Edit Settings');
		const send = readWhoMay(this, itemIndex, 'whoCanSendMessages', 'Who Can Send Messages');
		if (edit !== undefined) body.allowParticipantsEditGroupSettings = edit;
		if (send !== undefined) body.allowParticipantsSendMessages = send;
		if (edit === undefined && send === undefined) {
			throw invalidField(this, itemIndex, 'Who Can Edit Settings', 'keep', 'a setting to change ("Who Can Send Messages" keeps its value too)');
		}
		const answer = await greenApiRequest.call(this, { method: 'updateGroupSettings', body, itemIndex, hints: [groupNotFound(groupId)] });
		requireFlag(
			this,
			itemIndex,
			answer,
			'updateGroupSettings',
			`The settings of group ${groupId} were not changed`,
			'Only group admins can change the group settings; check the group id.',
		);
		return { ...body, updated: true };
	},
};
