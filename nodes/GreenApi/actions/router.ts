import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

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
import { ItemWithBinary, type Operation, type OperationResult, type Resource } from './types';

export const resources: Resource[] = [call, chat, contact, file, group, instance, message, queue, status];

/** The node's fields: the resource picker, each resource's operation picker, and each operation's own fields. */
export function resourceProperties(): INodeProperties[] {
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })),
		default: 'chat',
	};
	return [
		resourcePicker,
		...resources.flatMap((resource) => [
			// The default is the resource's first operation; the rule cannot see a computed one.
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: resource.operations.map(({ name, value, action, description }) => ({
					name,
					value,
					action,
					description,
				})),
				default: resource.operations[0].value,
			} satisfies INodeProperties,
			...resource.operations.flatMap((operation) =>
				updateDisplayOptions(
					{ show: { resource: [resource.value], operation: [operation.value] } },
					operation.properties,
				),
			),
		]),
	];
}

function findOperation(resourceName: string, operationName: string): Operation | undefined {
	return resources
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
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
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
	error.description = error.description ? `${error.description}\n\n${report}` : report;
	error.context.doneItems = done;
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
