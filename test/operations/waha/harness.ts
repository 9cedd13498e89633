import { ExecuteContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { authenticateWaha } from '../../../credentials/WahaApi.credentials';
import { Waha } from '../../../nodes/Waha/Waha.node';
import { buildAdditionalData, buildWorkflow } from '../../helpers/harness';

export interface WahaRunOptions {
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/**
 * Runs the WAHA node the way n8n does: n8n-core's real ExecuteContext and HTTP client, with a credentials helper
 * that applies the WAHA credential's `authenticate` as n8n's does.
 */
export async function runWaha(options: WahaRunOptions): Promise<INodeExecutionData[][]> {
	const nodeType = new Waha();
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.waha', options.parameters, {
		name: 'WAHA',
		credentials: { wahaApi: { id: 'cred-waha', name: 'WAHA account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	});
	const additionalData = buildAdditionalData({ wahaApi: options.credentials });
	Object.assign(additionalData.credentialsHelper, {
		authenticate: async (data: ICredentialDataDecryptedObject, _type: string, request: IHttpRequestOptions) => await authenticateWaha(data, request),
	});
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
		[],
	);
	return (await nodeType.execute.call(context)) as INodeExecutionData[][];
}

/** Runs the node when it must fail, and returns what it threw. */
export async function runWahaError(options: WahaRunOptions): Promise<Error & Record<string, unknown>> {
	try {
		await runWaha(options);
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected the node to fail, but it succeeded');
}
