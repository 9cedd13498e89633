import { greenApiRequest } from '../../transport';
import { optionsCollection, requireFlag } from '../common';
import type { Operation } from '../types';

export const reboot: Operation = {
	value: 'reboot',
	name: 'Reboot',
	action: 'Reboot the instance',
	description: 'Restart the instance (the WhatsApp account stays linked); it is in state "starting" for a while',
	properties: [optionsCollection()],
	async execute(itemIndex) {
		const answer = await greenApiRequest.call(this, { method: 'reboot', itemIndex });
		requireFlag(this, itemIndex, answer, 'isReboot', 'The instance was not rebooted', 'Try again in a minute.');
		return { rebooted: true };
	},
};
