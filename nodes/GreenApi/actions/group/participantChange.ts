import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { greenApiRequest } from '../../transport';
import { optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';

/** What one of the operations that change a member of a group does, and how it is told. */
interface ParticipantChange {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The GREEN-API method: `addGroupParticipant`, `setGroupAdmin` or `removeAdmin`. */
	method: 'addGroupParticipant' | 'setGroupAdmin' | 'removeAdmin';
	/** The flag GREEN-API answers with (`true` when it did it). */
	flag: string;
	/** How the field describes the member, e.g. "The person to add". */
	participantDescription: string;
	/** What the output item says beside the ids, e.g. `{added: true}`. */
	output: IDataObject;
	/** What the error says happened, e.g. "was not added to". */
	failed: string;
	/** The error's advice. */
	advice: string;
}

/**
 * An operation that changes one member of a group: `{groupId, participantChatId}` to the method; an answer whose
 * flag is not `true` fails the item.
 */
export function participantChange(change: ParticipantChange): Operation {
	return {
		value: change.value,
		name: change.name,
		action: change.action,
		description: change.description,
		properties: [
			...chatField('groupId', 'Group ID', 'group', 'The group'),
			...chatField('participantChatId', 'Participant Chat ID', 'personal', change.participantDescription),
			optionsCollection(),
		],
		async execute(itemIndex) {
			const groupId = readChatId(this, itemIndex, 'groupId', 'Group ID', 'group');
			const participantChatId = readChatId(this, itemIndex, 'participantChatId', 'Participant Chat ID', 'personal');
			const answer = (await greenApiRequest.call(this, {
				method: change.method,
				body: { groupId, participantChatId },
				itemIndex,
			})) as Record<string, unknown>;
			if (answer?.[change.flag] !== true) {
				throw new NodeOperationError(this.getNode(), `${participantChatId} ${change.failed} group ${groupId}`, {
					itemIndex,
					description: `GREEN-API answered ${change.flag}: false. ${change.advice}`,
				});
			}
			return { groupId, participantChatId, ...change.output };
		},
	};
}
