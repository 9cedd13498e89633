import type { INodeProperties } from 'n8n-workflow';

/** WhatsApp's limit for a group's name (subject). */
export const GROUP_NAME_MAX_LENGTH = 100;

/** The Group Name field of Create and Rename. */
export function groupNameField(description: string): INodeProperties {
	return {
		displayName: 'Group Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Project Team',
		description: `${description}, up to ${GROUP_NAME_MAX_LENGTH} characters, e.g. Project Team`,
	};
}
