import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

/**
 * The test of the webhook secret credential. The secret guards requests that come in (GREEN-API and WAHA send it to
 * n8n), so no service can confirm it: the test checks what would make every webhook fail and says what it cannot
 * check.
 */
export async function testWebhookSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = credential.data?.secret;
	if (typeof secret !== 'string' || secret === '') {
		return { status: 'Error', message: 'The secret is empty: the trigger would refuse every webhook (401)' };
	}
	if (secret.trim() !== secret) {
		return {
			status: 'Error',
			message: 'The secret starts or ends with a space or a line break: copy it again without them (GREEN-API and WAHA send it exactly)',
		};
	}
	return {
		status: 'OK',
		message: `The secret is set (${secret.length} characters). It cannot be tested from n8n: GREEN-API or WAHA sends it with each webhook, and the trigger answers 401 to any webhook without it.`,
	};
}
