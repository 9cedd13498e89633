import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** JSON with every object's keys in order, so that equal notifications give equal text whatever their key order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const object = value as IDataObject;
		return `{${Object.keys(object)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * A notification's identity: a hash of its receipt id (HTTP API queue) and its whole body — type, instance, message
 * id, timestamp and the rest. GREEN-API re-sends a notification unchanged (a webhook not answered 200, a queued
 * notification not deleted), so a re-delivery has the same identity and a new event a different one.
 */
export function notificationIdentity(body: IDataObject, receiptId?: string | number): string {
	return createHash('sha256')
		.update(`${receiptId ?? ''}\u0000${canonical(body)}`)
		.digest('hex');
}

/**
 * The key n8n deduplicates executions by (`emit`'s deduplicationKey, unique across the n8n database): the workflow
 * and node, so that no other workflow's events collide, and the identity. At most 160 characters (n8n keeps 255).
 */
export function deduplicationKey(workflowId: string | undefined, nodeId: string, identity: string): string {
	return `greenapi:${workflowId ?? ''}:${nodeId}:${identity}`.slice(0, 255);
}
