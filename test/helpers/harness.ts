import { Readable } from 'stream';

import { ExecuteContext, LoadOptionsContext } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { authenticateGreenApi } from '../../credentials/GreenApi.credentials';
import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';

export const API_URL = 'https://7105.api.green-api.com';
export const ID_INSTANCE = '7105123456';
export const MEDIA_URL = 'https://7105.media.green-api.com';
export const TOKEN = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';

export const CREDENTIALS: ICredentialDataDecryptedObject = {
	apiUrl: API_URL,
	mediaUrl: MEDIA_URL,
	idInstance: ID_INSTANCE,
	apiTokenInstance: TOKEN,
};

/** The path GREEN-API expects for `method`, token included (what nock must see). */
export function apiPath(method: string): string {
	return `/waInstance${ID_INSTANCE}/${method}/${TOKEN}`;
}

export const WEBHOOK_SECRET = 'webhook-shared-secret-0123456789abcdef';

/** The credentials the fake credentials helper hands out, by type. */
export const CREDENTIALS_BY_TYPE: Record<string, ICredentialDataDecryptedObject> = {
	greenApi: CREDENTIALS,
	greenApiWebhookApi: { secret: WEBHOOK_SECRET },
};

export interface RunOptions {
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
	nodeType?: INodeType;
	timezone?: string;
	/** Binary data of the input items, by item index. */
	binary?: IBinaryKeyData[];
	/**
	 * Files in a stand-in for n8n's binary data store (as in its `filesystem` mode), by binary data id: items whose
	 * binary data has an `id` are read from here with getBinaryStream/getBinaryMetadata.
	 */
	binaryStore?: Record<string, Buffer>;
	/** Called with each stream the store hands out (to see how often a file was opened). */
	onBinaryStream?: (id: string) => void;
	/** The node's version: the newest unless given. */
	typeVersion?: number;
}

export const WEBHOOK_ID = 'a1b2c3d4-e5f6-4789-abcd-0123456789ab';
export const WEBHOOK_BASE_URL = 'http://localhost:5678/webhook';
export const WEBHOOK_URL = `${WEBHOOK_BASE_URL}/${WEBHOOK_ID}/webhook`;

/** A one-node workflow the way n8n builds one, with the node's credentials set. */
export function buildWorkflow(
	nodeType: INodeType,
	type: string,
	parameters: IDataObject,
	extra: Partial<INode> = {},
	timezone = 'UTC',
): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'node-1',
		name: 'GREEN-API',
		type,
		typeVersion: [nodeType.description.version].flat().at(-1) as number,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: {
			greenApi: { id: 'cred-1', name: 'GREEN-API account' },
			greenApiWebhookApi: { id: 'cred-2', name: 'GREEN-API webhook secret' },
		},
		...extra,
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
		settings: { timezone },
	});
	return { workflow, node };
}

/**
 * What n8n hands a node besides the workflow: a credentials helper that decrypts to fixed values and applies the
 * credential's `authenticate` as n8n's does, and the instance's URLs.
 */
export function buildAdditionalData(
	credentialsByType: Record<string, ICredentialDataDecryptedObject>,
	extra: IDataObject = {},
	timezone = 'UTC',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: {
			getDecrypted: async (_data: unknown, _nodeCredentials: unknown, type: string) => ({ ...credentialsByType[type] }),
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			preAuthentication: async () => undefined,
			authenticate: async (data: ICredentialDataDecryptedObject, _type: string, request: IHttpRequestOptions) =>
				await authenticateGreenApi(data, request),
		},
		timezone,
		variables: {},
		webhookBaseUrl: WEBHOOK_BASE_URL,
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		instanceBaseUrl: 'http://localhost:5678/',
		restApiUrl: 'http://localhost:5678/rest',
		userId: 'user-1',
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs a node the way n8n does: n8n-core's real ExecuteContext (parameters, expressions, Continue On Fail,
 * httpRequestWithAuthentication and its HTTP client), with a credentials helper that applies the credential's
 * `authenticate` as n8n's does.
 */
export async function runNode(options: RunOptions): Promise<INodeExecutionData[][]> {
	const nodeType = options.nodeType ?? new GreenApi();
	const timezone = options.timezone ?? 'UTC';
	const { workflow, node } = buildWorkflow(
		nodeType,
		'n8n-nodes-greenapi.greenApi',
		options.parameters,
		{
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(options.typeVersion ? { typeVersion: options.typeVersion } : {}),
		},
		timezone,
	);
	const additionalData = buildAdditionalData(
		{ ...CREDENTIALS_BY_TYPE, greenApi: options.credentials ?? CREDENTIALS },
		{},
		timezone,
	);
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json, index) =>
		options.binary?.[index] ? { json, binary: options.binary[index] } : { json },
	);
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
	const store = options.binaryStore;
	if (store) {
		const file = (id: string) => {
			if (!store[id]) throw new Error(`no file ${id} in the binary data store`);
			return store[id];
		};
		Object.assign(context.helpers, {
			getBinaryStream: async (id: string) => {
				options.onBinaryStream?.(id);
				// in chunks, as a file store reads them
				const bytes = file(id);
				const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
				return Readable.from(chunks);
			},
			getBinaryMetadata: async (id: string) => ({ fileSize: file(id).length }),
		});
	}
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

/**
 * Calls one of the node's list searches the way the editor does when a picker opens or its search box changes:
 * n8n-core's real LoadOptionsContext, with the node's current parameters.
 */
export async function searchList(
	method: string,
	parameters: IDataObject,
	filter?: string,
	paginationToken?: string,
	credentials: ICredentialDataDecryptedObject = CREDENTIALS,
): Promise<INodeListSearchResult> {
	const nodeType = new GreenApi();
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', parameters);
	const additionalData = buildAdditionalData({ ...CREDENTIALS_BY_TYPE, greenApi: credentials });
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`the node has no list search ${method}`);
	return await search.call(context, filter, paginationToken);
}
