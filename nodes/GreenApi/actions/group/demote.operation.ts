import { participantChange } from './participantChange';

export const demote = participantChange({
	value: 'demote',
	name: 'Demote',
	action: 'Remove admin rights from a group participant',
	description: 'Take admin rights away from a member of a group; they stay a member (the account must be an admin)',
	method: 'removeAdmin',
	flag: 'removeAdmin',
	participantDescription: 'The admin to make an ordinary member',
	output: { isAdmin: false },
	failed: 'was not demoted in',
	advice: 'The person must be an admin of the group (not its creator), and only group admins can demote others. Check both ids.',
});
