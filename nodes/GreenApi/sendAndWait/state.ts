import { randomBytes } from 'crypto';
import type { IWorkflowExecutionCustomData } from 'n8n-workflow';

/**
 * What a waiting Send and Wait for Response remembers, in the execution's custom data (saved with the waiting
 * execution, so it outlives a restart of n8n): the links' nonce, the chat and the sent message.
 */
export interface WaitState {
	/** Random per send: links of an earlier send (the node run again in a loop) no longer answer. */
	nonce: string;
	chatId: string;
	idMessage?: string;
}

/** The custom-data key of a node (n8n allows letters, digits and underscores, up to 50 characters). */
export function stateKey(nodeId: string): string {
	return `greenApiWait_${nodeId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 50);
}

export function newNonce(): string {
	return randomBytes(12).toString('hex');
}

/** Keeps the state; false when n8n did not keep it (an execution holds at most 10 custom data entries). */
export function writeState(customData: IWorkflowExecutionCustomData, nodeId: string, state: WaitState): boolean {
	const value = JSON.stringify(state);
	customData.set(stateKey(nodeId), value);
	return customData.get(stateKey(nodeId)) === value;
}

export function readState(customData: IWorkflowExecutionCustomData, nodeId: string): WaitState | undefined {
	const value = customData.get(stateKey(nodeId));
	if (typeof value !== 'string') return undefined;
	try {
		const state = JSON.parse(value) as WaitState;
		return typeof state?.nonce === 'string' && typeof state.chatId === 'string' ? state : undefined;
	} catch {
		return undefined;
	}
}

const MAX_CLAIMS = 10_000;
const claimed = new Set<string>();

/**
 * Claims the answer to a send, once per n8n process: a second POST that arrives before n8n has marked the execution
 * as running again (a double tap) is refused instead of resuming it twice.
 */
export function claimAnswer(nonce: string): boolean {
	if (claimed.has(nonce)) return false;
	claimed.add(nonce);
	if (claimed.size > MAX_CLAIMS) claimed.delete(claimed.values().next().value as string);
	return true;
}
