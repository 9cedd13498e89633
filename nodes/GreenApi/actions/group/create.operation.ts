import type { IExecuteFunctions } from 'n8n-workflow';

import { CHAT_ID_FORMATS, normalizeChatId } from '../../helpers/chatId';
import { greenApiRequest } from '../../transport';
import { invalidField, optionsCollection, readText, requireFlag } from '../common';
import type { Operation } from '../types';
import { GROUP_NAME_MAX_LENGTH, groupNameField } from './groupName';

/** The Participants field as chat ids: a list, or text with one id or phone number per comma, semicolon or line. */
function readParticipants(context: IExecuteFunctions, itemIndex: number): string[] {
	const value = context.getNodeParameter('participants', itemIndex, '') as unknown;
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,;\n]/)
			: [value];
	const chatIds: string[] = [];
	for (const raw of entries) {
		const entry = typeof raw === 'string' ? raw.trim() : raw;
		if (entry === '') continue;
		const chatId = normalizeChatId(entry, 'personal');
		if (chatId === undefined) {
			throw invalidField(context, itemIndex, 'Participants', entry, `for each participant ${CHAT_ID_FORMATS.personal}`);
		}
		if (!chatIds.includes(chatId)) chatIds.push(chatId);
	}
	if (chatIds.length === 0) {
		throw invalidField(context, itemIndex, 'Participants', value, 'at least one chat id or phone number');
	}
	return chatIds;
}

export const create: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a group',
	description: 'Create a group chat with the account as its admin and the given people as members',
	properties: [
		groupNameField('The name of the new group'),
		{
			displayName: 'Participants',
			name: 'participants',
			type: 'string',
			required: true,
			default: '',
			placeholder: '79001234567@c.us, +7 900 123-45-68',
			description:
				'The people to add, separated by commas: personal chat IDs or phone numbers with country code, e.g. 79001234567@c.us, +7 900 123-45-68 (a list from an expression works too)',
		},
		optionsCollection(),
	],
	async execute(itemIndex) {
		const groupName = readText(this, itemIndex, 'name', 'Group Name', { maxLength: GROUP_NAME_MAX_LENGTH }) as string;
		const chatIds = readParticipants(this, itemIndex);
		const answer = await greenApiRequest.call(this, {
			method: 'createGroup',
			body: { groupName, chatIds },
			itemIndex,
		});
		const fields = requireFlag(
			this,
			itemIndex,
			answer,
			'created',
			`The group "${groupName}" was not created`,
			'Check that the participants use WhatsApp; WhatsApp may also refuse new groups from a new or restricted account for a while.',
		);
		return { groupId: fields.chatId, created: true, inviteLink: fields.groupInviteLink, ...fields };
	},
};
