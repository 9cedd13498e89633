import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

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
import { ItemWithBinary, type Operation, type OperationResult, type Resource } from './types';

export const resources: Resource[] = [api, call, chat, contact, file, group, instance, message, queue, status];

/** The node's fields: the resource picker, each resource's operation picker, and each operation's own fields. */
export function resourceProperties(list: Resource[] = resources): INodeProperties[] {
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: list.map(({ name, value }) => ({ name, value })),
		default: 'chat',
	};
	return [
		resourcePicker,
		...list.flatMap((resource) => [
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
 * Runs the chosen operation for every input item, each on its own, up to ITEMS_IN_FLIGHT at a time; the output
 * keeps the input's order. Without Continue On Fail, no item starts after a failure, and the node fails with the
 * failed item of the lowest index.
 */
export async function router(this: IExecuteFunctions, list: Resource[] = resources): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(list, resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();
	const outputs: INodeExecutionData[][] = new Array(items.length);
	/** The failed item of the lowest index, when Continue On Fail is off. */
	const failed: { itemIndex?: number; error?: unknown } = {};
	let next = 0;
	const runItems = async (): Promise<void> => {
		while (failed.itemIndex === undefined && next < items.length) {
			const itemIndex = next++;
			try {
				const result = await operation.execute.call(this, itemIndex);
				outputs[itemIndex] = this.helpers.constructExecutionMetaData(executionData(this, result), {
					itemData: { item: itemIndex },
				});
			} catch (error) {
				if (continueOnFail) outputs[itemIndex] = [errorItem(error, itemIndex)];
				else if (failed.itemIndex === undefined || itemIndex < failed.itemIndex) Object.assign(failed, { itemIndex, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(ITEMS_IN_FLIGHT, items.length) }, runItems));
	if (failed.itemIndex !== undefined) throw withItemIndex(this, failed.error, failed.itemIndex);
	return [outputs.flat()];
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

/** What Continue On Fail puts out for a failed item. */
function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const { message, description, httpCode } = error as { message: string; description?: string; httpCode?: string };
	return {
		json: { error: message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) },
		pairedItem: { item: itemIndex },
	};
}

function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { context?: unknown }).context) {
		const known = error as NodeOperationError;
		known.context.itemIndex ??= itemIndex;
		return known;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
