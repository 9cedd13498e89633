import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** An output item that carries files (n8n binary data) beside its JSON. */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation returns for one input item: one JSON object, several, or items with files. */
export type OperationResult = IDataObject | IDataObject[] | ItemWithBinary | ItemWithBinary[];

/** One operation: how it is listed, the fields it shows, and what it does for one item. */
export interface Operation {
	/** The `operation` value saved in workflows, e.g. `archive`. */
	value: string;
	name: string;
	action: string;
	description: string;
	/** Fields shown only for this operation (the resource adds the display options). */
	properties: INodeProperties[];
	/** Runs for one input item; what it returns becomes that item's output items. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export interface Resource {
	value: string;
	name: string;
	/**
	 * The operation a new node (version 2 on) starts with when this resource is picked: the safest common one, never
	 * one that deletes, clears or sends where a read would do. Version 1 keeps its first operation, which saved
	 * version-1 workflows rely on (n8n leaves default values out of saved workflows).
	 */
	defaultOperation: string;
	operations: Operation[];
}
