import type { ICredentialTestFunctions, INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GreenApiWebhookApi } from '../../credentials/GreenApiWebhookApi.credentials';
import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';

const trigger = new GreenApiTrigger();
const { description } = trigger;

/** The notices the panel shows for these parameter values (1.2), by name. */
function noticesShown(parameters: INodeParameters): string[] {
	const node = { typeVersion: 1.2, parameters } as unknown as INode;
	const all = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	return description.properties
		.filter((property: INodeProperties) => property.type === 'notice')
		.filter((property) => NodeHelpers.displayParameter(all, property, { typeVersion: 1.2 }, description))
		.map((property) => property.name);
}

describe('the GREEN-API Trigger panel', () => {
	it('says that chat.archive is WAHA-only when Bearer Token (GREEN-API) is chosen', () => {
		expect(noticesShown({ authentication: 'bearerToken', registerWebhook: false, events: ['chat.archive', 'incomingCall'] })).toEqual([
			'archiveNotice',
			'duplicatesNotice',
		]);
		expect(noticesShown({ authentication: 'hmac', events: ['chat.archive'] })).not.toContain('archiveNotice');
		expect(noticesShown({ authentication: 'bearerToken', registerWebhook: false, events: ['incomingCall'] })).not.toContain('archiveNotice');
	});

	it('points WAHA users at the WAHA operations in HMAC mode', () => {
		expect(noticesShown({ authentication: 'hmac', events: ['chat.archive'] })).toEqual(['wahaNotice', 'duplicatesNotice']);
		const wahaNotice = description.properties.find((property) => property.name === 'wahaNotice')!;
		expect(wahaNotice.displayName).toContain('WAHA node');
	});

	it('says always how far duplicate suppression holds, and what to use in queue mode', () => {
		const notice = description.properties.find((property) => property.name === 'duplicatesNotice')!;
		expect(notice.displayName).toMatch(/In queue mode a repeat that reaches another process before the first copy's record is in n8n's store.*can still run: where it must not, use the GREEN-API Queue Trigger\./);
		expect(noticesShown({ authentication: 'none', events: ['incomingMessageReceived'] })).toEqual(['duplicatesNotice']);
	});

	it('offers Accept Signatures Without Timestamp in HMAC mode only, off by default', () => {
		const option = description.properties.find((property) => property.name === 'allowMissingTimestamp')!;
		expect(option.default).toBe(false);
		expect(option.displayOptions).toEqual({ show: { authentication: ['hmac'] } });
	});

	it('offers the outgoingCall event with its setting, outgoingCallWebhook', async () => {
		const events = description.properties.find((property) => property.name === 'events')!;
		expect((events.options ?? []).map((option) => (option as { value: string }).value)).toContain('outgoingCall');
	});
});

describe('the webhook secret credential test', () => {
	const test = async (secret: unknown) =>
		await trigger.methods.credentialTest.testWebhookSecret.call({} as ICredentialTestFunctions, {
			id: 'c',
			name: 'secret',
			type: 'greenApiWebhookApi',
			data: { secret } as never,
		});

	it('is the one the credential names, through the trigger that uses it', () => {
		const entry = description.credentials!.find((credential) => credential.name === new GreenApiWebhookApi().name)!;
		expect(entry.testedBy).toBe('testWebhookSecret');
	});

	it.each([
		['empty', '', 'The secret is empty: the trigger would refuse every webhook (401)'],
		['missing', undefined, 'The secret is empty: the trigger would refuse every webhook (401)'],
		['with a trailing line break', 'abc123\n', 'The secret starts or ends with a space or a line break: copy it again without them (GREEN-API and WAHA send it exactly)'],
		['with a leading space', ' abc123', 'The secret starts or ends with a space or a line break: copy it again without them (GREEN-API and WAHA send it exactly)'],
	])('fails for a secret that is %s', async (_label, secret, message) => {
		expect(await test(secret)).toEqual({ status: 'Error', message });
	});

	it('passes a set secret, saying what it cannot check, without showing the secret', async () => {
		const result = await test('s3cret-token-value');
		expect(result).toEqual({
			status: 'OK',
			message:
				'The secret is set (18 characters). It cannot be tested from n8n: GREEN-API or WAHA sends it with each webhook, and the trigger answers 401 to any webhook without it.',
		});
	});
});
