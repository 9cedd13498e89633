import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { passesFilters, type TriggerEvent, type TriggerFilters } from './events';
import { greenApiRequest } from '../transport';
import { clock } from '../transport/clock';
import { deduplicationKey } from './identity';
import { attemptSuffix } from './ledger';
import { Stoppable } from './stoppable';

/** What the trigger knows of one chat: its archive state, how many changes it announced, and when it first saw it. */
export interface KnownChat {
	archived: boolean;
	changes: number;
	since: number;
}

/** The chats as last seen, kept in the workflow's static data (so a restart does not announce every chat). */
export type KnownChats = Record<string, KnownChat>;

export interface ArchiveChange {
	chatId: string;
	archived: boolean;
	/** The chat as getChats listed it. */
	chat: IDataObject;
	/** A key that is the same when the same change is seen again (n8n stopped before the new state was saved). */
	key: string;
}

/**
 * Compares the chats getChats lists with those known. Nothing is known before the first poll: it records the state
 * and reports nothing. Later, a known chat whose archive state differs is a change; a new chat is a change only when
 * it appears archived (a chat starts unarchived); a chat no longer listed is forgotten.
 */
export function diffChats(
	known: KnownChats | undefined,
	chats: IDataObject[],
	now: number,
): { known: KnownChats; changes: ArchiveChange[] } {
	const next: KnownChats = {};
	const changes: ArchiveChange[] = [];
	for (const chat of chats) {
		if (typeof chat.id !== 'string' || chat.id === '') continue;
		const archived = chat.archive === true;
		const before = known?.[chat.id];
		const since = before?.since ?? now;
		const changed = known !== undefined && (before ? before.archived !== archived : archived);
		const changeCount = (before?.changes ?? 0) + (changed ? 1 : 0);
		next[chat.id] = { archived, changes: changeCount, since };
		if (changed) changes.push({ chatId: chat.id, archived, chat, key: `${chat.id}:${since}:${changeCount}` });
	}
	return { known: next, changes };
}

/** The item of a change: the same fields as a WAHA chat.archive webhook, with GREEN-API's instance. */
export function archiveEvent(change: ArchiveChange, idInstance: string, seenAtMs: number): TriggerEvent {
	return {
		event: 'chat.archive',
		chatId: change.chatId,
		timestamp: Math.floor(seenAtMs / 1000),
		archived: change.archived,
		idInstance: /^\d+$/.test(idInstance) ? Number(idInstance) : idInstance,
		body: change.chat,
	};
}

interface ArchiveState extends IDataObject {
	archiveChats?: KnownChats & IDataObject;
}

/**
 * GREEN-API sends no archive notification: this compares getChats with what it saw last, once per period, and
 * starts one chat.archive execution per chat whose archive state changed. The state is committed chat by chat once
 * n8n has run its execution, so a refused, crashed or cancelled execution is announced again at the next poll (with a key of its own
 * after a crash, which n8n would otherwise skip). The first
 * comparison runs at activation (`prime`), so that n8n saves the chats seen with the activation.
 */
export class ArchivePoller extends Stoppable {
	/** Changes whose execution crashed or was cancelled in this process: the attempt to start next (its own key). */
	private readonly crashed = new Map<string, number>();

	constructor(
		context: ITriggerFunctions,
		private readonly options: { periodMs: number; filters: TriggerFilters; idInstance: string; executionWaitMs: number },
	) {
		super(context, options.executionWaitMs);
	}

	/** Whether the chats were seen at activation (the loop then starts with a pause). */
	private primed = false;

	/**
	 * At activation, with no chats recorded yet: reads getChats and records them (it announces nothing, so nothing is
	 * emitted before n8n has the trigger). A failure is logged, and the loop compares at once instead.
	 */
	async prime(): Promise<void> {
		const state = this.context.getWorkflowStaticData('node') as ArchiveState;
		if (state.archiveChats !== undefined) return;
		await this.pollSafely();
		this.primed = state.archiveChats !== undefined;
	}

	/** The comparisons, one per period. */
	run(): void {
		this.start(async () => await this.loop());
	}

	private async loop(): Promise<void> {
		if (this.primed) await this.pause(this.options.periodMs);
		while (!this.stopped) {
			await this.pollSafely();
			if (this.stopped) break;
			await this.pause(this.options.periodMs);
		}
	}

	private async pollSafely(): Promise<void> {
		try {
			await this.pollOnce();
		} catch (error) {
			if (this.stopped) return;
			this.context.logger.warn('GREEN-API: getChats failed; the archive state is compared again next period', {
				error: (error as Error).message,
			});
		}
	}

	/** One comparison: getChats, then one execution per change. */
	async pollOnce(): Promise<void> {
		const chats = await greenApiRequest.call(this.context, {
			method: 'getChats',
			longAnswer: true,
			abortSignal: this.abort.signal,
		});
		if (this.stopped || !Array.isArray(chats)) return;
		const state = this.context.getWorkflowStaticData('node') as ArchiveState;
		const now = clock().now();
		const { known, changes } = diffChats(state.archiveChats, chats as IDataObject[], now);
		const committed: KnownChats = { ...known };
		// a change is committed only once n8n ran it: until then the chat keeps its old state
		for (const change of changes) {
			const before = state.archiveChats?.[change.chatId];
			if (before) committed[change.chatId] = before;
			else delete committed[change.chatId];
		}
		state.archiveChats = committed;
		const node = this.context.getNode();
		for (const change of changes) {
			if (this.stopped) return;
			const event = archiveEvent(change, this.options.idInstance, now);
			const attempt = this.crashed.get(change.key) ?? 0;
			const outcome = passesFilters(event, this.options.filters)
				? await this.emitAndWait(
						event,
						deduplicationKey(this.context.getWorkflow().id, node.id, `archive:${change.key}${attemptSuffix(attempt)}`),
					)
				: 'done';
			if (outcome === 'done' || outcome === 'duplicate' || outcome === 'unknown') {
				committed[change.chatId] = known[change.chatId];
				// a new object, so that n8n sees the change and saves it (with the next emit or the deactivation)
				state.archiveChats = { ...committed };
				this.crashed.delete(change.key);
			} else if (outcome === 'again') {
				this.crashed.set(change.key, attempt + 1);
			}
		}
	}
}
