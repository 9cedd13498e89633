import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { authenticateGreenApi } from '../../credentials/GreenApi.credentials';
import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';

export const API_URL = 'https://7105.api.green-api.com';
export const ID_INSTANCE = '7105123456';
export const TOKEN = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';

export const CREDENTIALS: ICredentialDataDecryptedObject = {
	apiUrl: API_URL,
	mediaUrl: 'https://7105.media.green-api.com',
	idInstance: ID_INSTANCE,
	apiTokenInstance: TOKEN,
};

/** The path GREEN-API expects for `method`, token included (what nock must see). */
export function apiPath(method: string): string {
	return `/waInstance${ID_INSTANCE}/${method}/${TOKEN}`;
}

export interface RunOptions {
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
	nodeType?: INodeType;
	timezone?: string;
}

/**
 * Runs a node the way n8n does: n8n-core's real ExecuteContext (parameters, expressions, Continue On Fail,
 * httpRequestWithAuthentication and its HTTP client), with a credentials helper that applies the credential's
 * `authenticate` as n8n's does.
 */
export async function runNode(options: RunOptions): Promise<INodeExecutionData[][]> {
	const nodeType = options.nodeType ?? new GreenApi();
	const node: INode = {
		id: 'node-1',
		name: 'GREEN-API',
		type: 'n8n-nodes-greenapi.greenApi',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { greenApi: { id: 'cred-1', name: 'GREEN-API account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'wf-1',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone ?? 'UTC' },
	});
	const credentials = options.credentials ?? CREDENTIALS;
	const additionalData = {
		credentialsHelper: {
			getDecrypted: async () => ({ ...credentials }),
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			preAuthentication: async () => undefined,
			authenticate: async (data: ICredentialDataDecryptedObject, _type: string, request: IHttpRequestOptions) =>
				await authenticateGreenApi(data, request),
		},
		timezone: options.timezone ?? 'UTC',
		variables: {},
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		instanceBaseUrl: 'http://localhost:5678/',
		restApiUrl: 'http://localhost:5678/rest',
		userId: 'user-1',
	} as unknown as IWorkflowExecuteAdditionalData;
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
		[],
	);
	return (await nodeType.execute!.call(context)) as INodeExecutionData[][];
}

/** Runs a node that must fail, and returns what it threw. */
export async function runNodeError(options: RunOptions): Promise<Error & Record<string, unknown>> {
	try {
		await runNode(options);
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected the node to fail, but it succeeded');
}
