import type { ICredentialsDecrypted } from 'n8n-workflow';

import { secretForms } from '../helpers/redact';

import type { GreenApiContext } from './index';

export interface Instance {
	/** The credential as n8n hands it to `authenticate` (read once: each getNode() is a deep copy of the node). */
	credentialsDecrypted: ICredentialsDecrypted;
	/** apiUrl and idInstance: what the rate limits are counted by. */
	key: string;
	host: string;
	/** Where uploads go: the credential's mediaUrl with the instance, e.g. https://media.green-api.com/waInstance1101000001 */
	mediaBase: string;
	/** The values no error may show: every form of the token (see secretForms). */
	secrets: string[];
}

const instances = new WeakMap<GreenApiContext, Promise<Instance>>();

/** The credential, read once per execution context. */
export async function instanceOf(context: GreenApiContext): Promise<Instance> {
	let instance = instances.get(context);
	if (!instance) {
		instance = context.getCredentials('greenApi').then((credentials) => {
			const apiUrl = String(credentials.apiUrl ?? '').trim().replace(/\/+$/, '');
			const host = apiUrl.replace(/^https?:\/\//i, '').split('/')[0];
			const mediaUrl = String(credentials.mediaUrl || apiUrl).trim().replace(/\/+$/, '');
			const idInstance = String(credentials.idInstance ?? '').trim();
			const { id, name } = context.getNode().credentials?.greenApi ?? {};
			return {
				credentialsDecrypted: { id: id ?? '', name: name ?? '', type: 'greenApi', data: credentials },
				key: `${apiUrl}|${idInstance}`,
				host,
				mediaBase: `${mediaUrl}/waInstance${idInstance}`,
				secrets: secretForms(String(credentials.apiTokenInstance ?? '')),
			};
		});
		instances.set(context, instance);
	}
	return await instance;
}

/** The values no error, item or log may show for this context's credential (every form of the API token). */
export async function secretsOf(context: GreenApiContext): Promise<string[]> {
	return (await instanceOf(context)).secrets;
}
