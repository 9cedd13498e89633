import { participantChange } from './participantChange';

export const addParticipant = participantChange({
	value: 'addParticipant',
	name: 'Add Participant',
	action: 'Add a participant to a group',
	description: 'Add a person to a group chat (the account must be an admin of the group)',
	method: 'addGroupParticipant',
	flag: 'addParticipant',
	participantDescription: 'The person to add',
	output: { added: true },
	failed: 'was not added to',
	advice:
		'The person may already be a member, may not use WhatsApp, or may allow only contacts to add them to groups; only group admins can add members. Check both ids.',
});
