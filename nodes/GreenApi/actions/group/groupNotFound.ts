import type { ErrorHint } from '../../transport/errors';

/** GREEN-API's 400 for a group the account does not know (`Error: item-not-found`), read for the user. */
export function groupNotFound(groupId: string): ErrorHint {
	return {
		status: 400,
		match: /item-not-found|not found/i,
		message: `Group ${groupId} was not found: the account is not a member, or the id is wrong`,
		description: 'Check the group id, e.g. with Chat › Get Many (Chat Type: Group)',
	};
}
