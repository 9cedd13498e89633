import { participantChange } from './participantChange';

export const promote = participantChange({
	value: 'promote',
	name: 'Promote',
	action: 'Make a participant a group admin',
	description: 'Give a member of a group admin rights (the account must be an admin of the group)',
	method: 'setGroupAdmin',
	flag: 'setGroupAdmin',
	participantDescription: 'The member to make an admin',
	output: { isAdmin: true },
	failed: 'was not made an admin of',
	advice: 'The person must already be a member of the group, and only group admins can promote members. Check both ids.',
});
