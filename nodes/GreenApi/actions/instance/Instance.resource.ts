import type { Resource } from '../types';
import { getAuthorizationCode } from './getAuthorizationCode.operation';
import { getQr } from './getQr.operation';
import { getSettings } from './getSettings.operation';
import { getState } from './getState.operation';
import { getWhatsappSettings } from './getWhatsappSettings.operation';
import { logout } from './logout.operation';
import { reboot } from './reboot.operation';
import { setProfilePicture } from './setProfilePicture.operation';
import { updateSettings } from './updateSettings.operation';

// updateApiToken is left out on purpose: a new token invalidates the one the n8n credential holds (see README).
export const instance: Resource = {
	value: 'instance',
	name: 'Instance',
	defaultOperation: getState.value,
	operations: [
		getAuthorizationCode,
		getQr,
		getSettings,
		getState,
		getWhatsappSettings,
		logout,
		reboot,
		setProfilePicture,
		updateSettings,
	],
};
