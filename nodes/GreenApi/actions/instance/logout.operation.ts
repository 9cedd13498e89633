import { greenApiRequest } from '../../transport';
import { optionsCollection, requireFlag } from '../common';
import type { Operation } from '../types';

export const logout: Operation = {
	value: 'logout',
	name: 'Log Out',
	action: 'Log out the instance permanently',
	description:
		'Unlink the WhatsApp account from the instance. This cannot be undone: nothing is sent or received until a phone is linked again (Get QR Code or Get Authorization Code).',
	properties: [optionsCollection()],
	async execute(itemIndex) {
		const answer = await greenApiRequest.call(this, { method: 'logout', itemIndex });
		requireFlag(this, itemIndex, answer, 'isLogout', 'The instance was not logged out', 'It may not be authorized: see Instance › Get State.');
		return { loggedOut: true };
	},
};
