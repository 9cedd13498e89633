import type { IDataObject } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { invalidCount, invalidField, optionsCollection, readChatId, readText } from '../common';
import type { Operation } from '../types';
import { messageTextField, quotedMessageIdOption, readQuoted } from './fields';

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 12;
const MAX_OPTION_CHARS = 100;

export const sendPoll: Operation = {
	value: 'sendPoll',
	name: 'Send Poll',
	action: 'Send a poll',
	description: 'Send a poll with 2 to 12 answers to a chat',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to send the poll to'),
		messageTextField('The question, up to 255 characters, e.g. Which day suits you?', 'Question'),
		{
			displayName: 'Poll Options',
			name: 'pollOptions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: { values: [{ optionName: '' }, { optionName: '' }] },
			placeholder: 'Add answer',
			description: 'The answers people can pick: 2 to 12, all different, each up to 100 characters',
			options: [
				{
					displayName: 'Answer',
					name: 'values',
					values: [
						{
							displayName: 'Answer',
							name: 'optionName',
							type: 'string',
							default: '',
							description: 'One answer, e.g. Monday',
						},
					],
				},
			],
		},
		{
			displayName: 'Multiple Answers',
			name: 'multipleAnswers',
			type: 'boolean',
			default: false,
			description: 'Whether a person may pick more than one answer',
		},
		optionsCollection([quotedMessageIdOption]),
	],
	async execute(itemIndex) {
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const message = readText(this, itemIndex, 'message', 'Question', { maxLength: 255 });
		const given = this.getNodeParameter('pollOptions.values', itemIndex, []) as Array<{ optionName?: unknown }>;
		const names = (Array.isArray(given) ? given : []).map((option) => String(option?.optionName ?? '').trim());
		const expected = `${MIN_OPTIONS} to ${MAX_OPTIONS} different answers of 1 to ${MAX_OPTION_CHARS} characters`;
		if (names.length < MIN_OPTIONS || names.length > MAX_OPTIONS) {
			throw invalidCount(this, itemIndex, 'Poll Options', names.length, ['answer', 'answers'], expected);
		}
		const distinct = new Set(names.map((name) => name.toLowerCase()));
		if (names.some((name) => name === '' || name.length > MAX_OPTION_CHARS) || distinct.size !== names.length) {
			throw invalidField(this, itemIndex, 'Poll Options', names, expected);
		}
		const body: IDataObject = {
			chatId,
			message,
			options: names.map((optionName) => ({ optionName })),
			multipleAnswers: this.getNodeParameter('multipleAnswers', itemIndex, false) === true,
			...readQuoted(this, itemIndex),
		};
		const answer = (await greenApiRequest.call(this, { method: 'sendPoll', body, itemIndex })) as IDataObject;
		return { chatId, idMessage: answer.idMessage };
	},
};
