import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { api } from './api/Api.resource';
import { call } from './call/Call.resource';
import { chat } from './chat/Chat.resource';
import { contact } from './contact/Contact.resource';
import { file } from './file/File.resource';
import { group } from './group/Group.resource';
import { instance } from './instance/Instance.resource';
import { message } from './message/Message.resource';
import { queue } from './queue/Queue.resource';
import { status } from './status/Status.resource';
import { doneItem, stoppedReport } from './itemsDone';
import { FROM_VERSION_2, VERSION_1, type VersionShow } from '../fields/versions';
import { ItemWithBinary, type Operation, type OperationResult, type Resource } from './types';

export const resources: Resource[] = [api, call, chat, contact, file, group, instance, message, queue, status];


/**
 * The resource picker of a node version. Version 1 starts on Chat, version 2 on Message (› Send). n8n leaves values
 * equal to the default out of saved workflows, so a version keeps its defaults for ever.
 */
function resourcePicker(list: Resource[], defaultResource: string, version?: VersionShow): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		...(version ? { displayOptions: { show: version } } : {}),
		options: list.map(({ name, value }) => ({ name, value })),
		default: defaultResource,
	};
}

/** A resource's operation picker, starting on `defaultOperation`, shown for `version` (all versions if none). */
function operationPicker(resource: Resource, defaultOperation: string, version?: VersionShow): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value], ...version } },
		options: resource.operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
		default: defaultOperation,
	};
}

/**
 * A resource's operation pickers: version 1 starts on the resource's first operation (what its saved workflows
 * mean), version 2 on the resource's safest common operation; one picker where the two agree.
 */
function operationPickers(resource: Resource, versioned: boolean): INodeProperties[] {
	const first = resource.operations[0].value;
	if (!versioned) return [operationPicker(resource, resource.defaultOperation)];
	if (resource.defaultOperation === first) return [operationPicker(resource, first)];
	return [operationPicker(resource, first, VERSION_1), operationPicker(resource, resource.defaultOperation, FROM_VERSION_2)];
}

/**
 * Where a node starts: the resource a new node shows, and for the GREEN-API node the one its version 1 showed
 * (version 1 workflows rely on it; a node with one version has none).
 */
export interface NodeStart {
	resource: string;
	version1Resource?: string;
}

const GREEN_API_START: NodeStart = { resource: 'message', version1Resource: 'chat' };

/** The node's fields: the resource pickers, each resource's operation pickers, and each operation's own fields. */
export function resourceProperties(list: Resource[] = resources, start: NodeStart = GREEN_API_START): INodeProperties[] {
	const { resource: startResource, version1Resource } = start;
	const versioned = version1Resource !== undefined;
	return [
		...(versioned
			? [resourcePicker(list, version1Resource, VERSION_1), resourcePicker(list, startResource, FROM_VERSION_2)]
			: [resourcePicker(list, startResource)]),
		...list.flatMap((resource) => [
			...operationPickers(resource, versioned),
			...resource.operations.flatMap((operation) =>
				updateDisplayOptions(
					{ show: { resource: [resource.value], operation: [operation.value] } },
					operation.properties,
				),
			),
		]),
	];
}

/** The value n8n gives the "Custom API Call" it adds to the Resource and Operation lists. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

function customApiCallError(context: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(context.getNode(), 'Custom API Call runs in an HTTP Request node, not in this node', {
		description:
			'Add an HTTP Request node with Authentication "Predefined Credential Type" and Credential Type "GREEN-API WhatsApp API", and give it the full URL of the GREEN-API method, e.g. https://7105.api.green-api.com/getChats (the credential adds the token). Or pick one of this node\'s resources and operations.',
	});
}

function findOperation(list: Resource[], resourceName: string, operationName: string): Operation | undefined {
	return list
		.find((resource) => resource.value === resourceName)
		?.operations.find((operation) => operation.value === operationName);
}

/**
 * How many items may wait for GREEN-API at once. Calls still keep to GREEN-API's per-second limits (the transport
 * paces them); overlapping them only hides the network's latency.
 */
export const ITEMS_IN_FLIGHT = 16;

/**
 * Runs the chosen operation for every input item, each on its own, up to ITEMS_IN_FLIGHT at a time, started in
 * input order; the output keeps the input's order. With Continue On Fail (or the error output), a failed item
 * becomes an error item and the others go out as usual. Without it, no item starts after a failure, the items in
 * flight finish, and the node fails with the failed item of the lowest index, naming every item already done.
 */
export async function router(this: IExecuteFunctions, list: Resource[] = resources): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	if (resource === CUSTOM_API_CALL) throw customApiCallError(this);
	const operationName = this.getNodeParameter('operation', 0) as string;
	if (operationName === CUSTOM_API_CALL) throw customApiCallError(this);
	const operation = findOperation(list, resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const outputs: INodeExecutionData[][] = new Array(items.length);
	/** The items that failed, when Continue On Fail is off: index → error. */
	const failures = new Map<number, unknown>();
	let next = 0;
	const runItems = async (): Promise<void> => {
		while (failures.size === 0 && next < items.length) {
			const itemIndex = next++;
			try {
				const result = await operation.execute.call(this, itemIndex);
				outputs[itemIndex] = this.helpers.constructExecutionMetaData(executionData(this, result), {
					itemData: { item: itemIndex },
				});
			} catch (error) {
				if (continueOnFail) outputs[itemIndex] = [errorItem(withItemIndex(this, error, itemIndex), itemIndex, toErrorOutput)];
				else failures.set(itemIndex, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(ITEMS_IN_FLIGHT, items.length) }, runItems));
	if (failures.size) throw stoppedError(this, failures, outputs, next);
	return [outputs.flat()];
}

/** The node's error when it stopped: the lowest failed item's, with what was done, failed and not started. */
function stoppedError(
	context: IExecuteFunctions,
	failures: Map<number, unknown>,
	outputs: INodeExecutionData[][],
	firstNotStarted: number,
): Error {
	const [failedIndex, ...otherFailures] = [...failures.keys()].sort((a, b) => a - b);
	const error = withItemIndex(context, failures.get(failedIndex), failedIndex);
	const done = outputs.flatMap((itemOutputs, itemIndex) => (itemOutputs ? [doneItem(itemIndex, itemOutputs)] : []));
	const report = stoppedReport(done, otherFailures, firstNotStarted, outputs.length);
	if (report) error.description = error.description ? `${error.description}\n\n${report}` : report;
	if (outputs.length > 1) error.context.doneItems = done;
	return error;
}

/** An operation's result as n8n items (without pairing, which the router adds). */
function executionData(context: IExecuteFunctions, result: OperationResult): INodeExecutionData[] {
	const results = Array.isArray(result) ? result : [result];
	if (!results.some((entry) => entry instanceof ItemWithBinary)) {
		return context.helpers.returnJsonArray(results as IDataObject[]);
	}
	return results.map((entry) =>
		entry instanceof ItemWithBinary ? { json: entry.json, binary: entry.binary } : { json: entry as IDataObject },
	);
}

/**
 * What Continue On Fail puts out for a failed item: the error, what to do about it, and the HTTP status. With
 * "continue (using error output)" n8n moves to the error output only items whose JSON holds nothing but `error`,
 * `message` and `details` (an item's own `error` would make n8n cut its JSON down to the message), so there the
 * advice and status go under `details`.
 */
function errorItem(error: NodeError, itemIndex: number, toErrorOutput: boolean): INodeExecutionData {
	const { message, description } = error;
	const { httpCode } = error as { httpCode?: string | null };
	const details: IDataObject = { ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
	const json = toErrorOutput ? { error: message, details } : { error: message, ...details };
	return { json, pairedItem: { item: itemIndex } };
}

type NodeError = NodeApiError | NodeOperationError;

function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError || (error as { context?: unknown }).context) {
		const known = error as NodeError;
		known.context.itemIndex ??= itemIndex;
		return known;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
