import { INSTANCE_STATE_MESSAGES } from '../../../../credentials/GreenApi.credentials';
import { greenApiRequest } from '../../transport';
import { optionsCollection } from '../common';
import type { Operation } from '../types';

/** What to do about a state: the credential test's advice, or that all is well. */
export function adviceFor(state: string): string {
	if (state === 'authorized') return 'The instance is authorized (state "authorized"): it can send and receive messages';
	return (
		INSTANCE_STATE_MESSAGES[state] ??
		`The instance is in state "${state}", which this node does not know: check the instance in the GREEN-API console`
	);
}

export const getState: Operation = {
	value: 'getState',
	name: 'Get State',
	action: 'Get the state of the instance',
	description:
		'Get whether the WhatsApp account behind the credential is authorized (or starting, in sleep mode, blocked, …), with what to do about it',
	properties: [optionsCollection()],
	async execute(itemIndex) {
		const answer = (await greenApiRequest.call(this, { method: 'getStateInstance', itemIndex })) as { stateInstance?: unknown };
		const stateInstance = String(answer?.stateInstance ?? '');
		return { stateInstance, authorized: stateInstance === 'authorized', advice: adviceFor(stateInstance) };
	},
};
