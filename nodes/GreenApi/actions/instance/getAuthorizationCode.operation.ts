import { greenApiRequest } from '../../transport';
import { optionsCollection, requireFlag } from '../common';
import { phoneNumberField, readPhoneNumber } from '../contact/phoneNumber';
import type { Operation } from '../types';

export const getAuthorizationCode: Operation = {
	value: 'getAuthorizationCode',
	name: 'Get Authorization Code',
	action: 'Get a code to link a phone to the instance',
	description:
		'Get a code to link WhatsApp to the instance without a QR code: on the phone, Linked devices › Link with phone number instead, then type the code',
	properties: [phoneNumberField('The phone number of the WhatsApp account to link'), optionsCollection()],
	async execute(itemIndex) {
		const phoneNumber = readPhoneNumber(this, itemIndex);
		const answer = await greenApiRequest.call(this, { method: 'getAuthorizationCode', body: { phoneNumber }, itemIndex });
		const { code } = requireFlag(
			this,
			itemIndex,
			answer,
			'status',
			`No authorization code was issued for ${phoneNumber}`,
			'The instance may already be authorized (log out first), or the number is wrong.',
		);
		return { phoneNumber, code };
	},
};
