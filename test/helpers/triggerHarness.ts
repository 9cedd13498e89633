import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { DataDeduplicationService, ExecuteContext, HookContext, TriggerContext, WebhookContext } from 'n8n-core';
import type {
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataObject,
	IDataDeduplicator,
	INodeExecutionData,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookData,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { GreenApiQueueTrigger } from '../../nodes/GreenApi/GreenApiQueueTrigger.node';
import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { forgetDeliveries } from '../../nodes/GreenApi/trigger/repeats';
import { createRunExecutionData } from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, CREDENTIALS_BY_TYPE, WEBHOOK_ID } from './harness';
import { ProcessedDataStore } from './processedData';

const processedData = new ProcessedDataStore();
/** Makes the store's next `times` calls fail (a database that is briefly unreachable). */
export function failStore(times: number): void {
	processedData.fail(times);
}
/** How many calls n8n's deduplication store has had since the last fresh workflow. */
export function storeCalls(): number {
	return processedData.calls;
}
const deduplicator: IDataDeduplicator = {
	async checkProcessedAndRecord(items, scope, contextData: ICheckProcessedContextData, options: ICheckProcessedOptions) {
		const key = `${contextData.workflow.id}|${scope === 'node' ? `n:${contextData.node?.id}` : ''}`;
		return await processedData.checkProcessedAndRecord(key, items, options.maxEntries);
	},
	async removeProcessed() {},
	async clearAllProcessedItems() {},
	async getProcessedDataCount() {
		return 0;
	},
};
let storeReady: Promise<void> | undefined;

export interface Delivery {
	/** What the node returned to n8n. */
	result: IWebhookResponseData;
	/** The status the node answered with itself, if it did. */
	status?: number;
	sent?: unknown;
	/** The items that would start an execution (none when the request was refused or filtered). */
	items: IDataObject[];
}

/** What the nodes log through n8n's logger until `stop()`, as "level: message" (n8n's Logger, replaced in its container). */
export function captureLogs(): { lines: string[]; stop: () => void } {
	const original = Container.get(Logger);
	const lines: string[] = [];
	const record = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
	const fake = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
	Container.set(Logger, fake as unknown as Logger);
	return { lines, stop: () => Container.set(Logger, original) };
}

/** An express-like response that records what the node answers. */
function recordingResponse() {
	const response = {
		statusCode: undefined as number | undefined,
		sent: undefined as unknown,
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		json(body: unknown) {
			response.sent = body;
			return response;
		},
		send(body: unknown) {
			response.sent = body;
			return response;
		},
	};
	return response;
}

/**
 * A workflow holding a GREEN-API Trigger, driven through n8n-core's real HookContext and WebhookContext; the
 * workflow (and so its static data) lives as long as this object.
 */
export function triggerWorkflow(
	parameters: IDataObject,
	{ typeVersion, savedStaticData }: { typeVersion?: number; savedStaticData?: string } = {},
): TriggerWorkflow {
	// a new workflow remembers no earlier deliveries (they are kept per workflow id, the same in every test); a
	// restarted one keeps what n8n's database keeps
	forgetDeliveries();
	if (savedStaticData === undefined) processedData.clear();
	storeReady ??= DataDeduplicationService.init(deduplicator);
	const nodeType = new GreenApiTrigger();
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApiTrigger', parameters, {
		webhookId: WEBHOOK_ID,
		...(typeVersion === undefined ? {} : { typeVersion }),
	});
	// what n8n loads from its database: the static data saved before (a restart, another process)
	if (savedStaticData !== undefined) workflow.overrideStaticData(JSON.parse(savedStaticData) as IDataObject);
	const methods = nodeType.webhookMethods.default;
	const hook = () => new HookContext(workflow, node, buildAdditionalData(CREDENTIALS_BY_TYPE), 'trigger', 'activate');
	return {
		staticData: () => workflow.getStaticData('node', node) as IDataObject,
		/**
		 * The same workflow in an n8n process that starts afresh, or in another process serving its webhooks: nothing
		 * in memory, the static data as n8n saved it in its database (JSON).
		 */
		restart: () => triggerWorkflow(parameters, { typeVersion, savedStaticData: JSON.stringify(workflow.staticData) }),
		checkExists: async () => await methods.checkExists.call(hook()),
		create: async () => await methods.create.call(hook()),
		delete: async () => await methods.delete.call(hook()),
		/**
		 * Delivers a request. n8n reads the raw body before the node runs for JSON, text and form content types; with
		 * `unread: true` it has not (any other content type), and the node must read it through `readRawBody()`.
		 */
		async post(body: string | object, headers: Record<string, string> = {}, { unread = false } = {}): Promise<Delivery> {
			const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
			const request: { method: string; headers: Record<string, string>; body: object; rawBody?: Buffer; readRawBody: () => Promise<void> } = {
				method: 'POST',
				headers,
				body: {},
				rawBody: unread ? undefined : bytes,
				async readRawBody() {
					request.rawBody = bytes;
				},
			};
			const response = recordingResponse();
			const webhookData = {
				httpMethod: 'POST',
				node: node.name,
				path: 'webhook',
				webhookDescription: nodeType.description.webhooks![0],
				workflowId: 'wf-1',
				webhookId: WEBHOOK_ID,
			} as unknown as IWebhookData;
			const context = new WebhookContext(
				workflow,
				node,
				buildAdditionalData(CREDENTIALS_BY_TYPE, { httpRequest: request, httpResponse: response }),
				'trigger',
				webhookData,
				[],
				null,
			);
			const result = await nodeType.webhook.call(context);
			const items = (result.workflowData ?? []).flat().map((item) => item.json);
			return { result, status: response.statusCode, sent: response.sent, items };
		},
		async execute(items: IDataObject[], mode: WorkflowExecuteMode = 'webhook'): Promise<IDataObject[]> {
			await storeReady;
			const input: INodeExecutionData[] = items.map((json) => ({ json }));
			const context = new ExecuteContext(
				workflow,
				node,
				buildAdditionalData(CREDENTIALS_BY_TYPE),
				mode,
				createRunExecutionData(),
				0,
				input,
				{ main: [input] },
				{ node, data: { main: [input] }, source: null },
				[],
			);
			const [output] = await nodeType.execute.call(context);
			return output.map((item) => item.json);
		},
		async receive(body: string | object, headers: Record<string, string> = {}) {
			const delivery = await this.post(body, headers);
			return { delivery, ran: delivery.items.length > 0 ? await this.execute(delivery.items) : undefined };
		},
	};
}

export interface TriggerWorkflow {
	staticData(): IDataObject;
	restart(): TriggerWorkflow;
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	post(body: string | object, headers?: Record<string, string>, options?: { unread?: boolean }): Promise<Delivery>;
	/** Runs the trigger's step of the execution that `items` started, as n8n does (mode webhook): the items it passes on. */
	execute(items: IDataObject[], mode?: WorkflowExecuteMode): Promise<IDataObject[]>;
	/** Delivers a request and, when it starts an execution, runs the trigger's step in it: `ran` is undefined when none started. */
	receive(body: string | object, headers?: Record<string, string>): Promise<{ delivery: Delivery; ran?: IDataObject[] }>;
}

/** One execution the queue trigger asked n8n for. */
export interface Emitted {
	items: IDataObject[];
	key?: string;
	/**
	 * What n8n did: ran it (to success or error), skipped it as a duplicate of an earlier key, refused it (the done
	 * promise rejects), ran it until it crashed or was cancelled, or ran it without ever telling its end (queue mode's
	 * lost completion, or n8n killed meanwhile).
	 */
	outcome: 'ran' | 'duplicate' | 'refused' | 'crashed' | 'canceled' | 'failed' | 'hung';
}

/** How the next executions end, in order (then they succeed). */
type Script = 'refused' | 'crashed' | 'canceled' | 'failed' | 'hung';

/**
 * A workflow holding a GREEN-API Queue Trigger, activated through n8n-core's real TriggerContext. `emit` behaves as
 * n8n 2.41's does: a key any earlier execution holds (whatever its status) is skipped, the done promise resolving
 * with nothing; `next()` scripts how the next executions end. Static data is saved as n8n saves it: at each emit and
 * at activation; `kill()` stops the trigger as SIGKILL would, keeping only the saved static data, and `activate()`
 * again is n8n started again on the same database.
 */
export function queueTriggerWorkflow(
	parameters: IDataObject,
	{ workflowId = 'wf-1', workflowName = 'Orders' }: { workflowId?: string; workflowName?: string } = {},
) {
	const nodeType = new GreenApiQueueTrigger();
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApiQueueTrigger', parameters);
	workflow.id = workflowId;
	workflow.name = workflowName;
	const emitted: Emitted[] = [];
	const executedKeys = new Set<string>();
	const script: Script[] = [];
	let saved = '{}';
	// as n8n's WorkflowStaticDataService: saved only when n8n's observable static data says it changed
	const save = () => {
		const all = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (all.__dataChanged !== true) return;
		saved = JSON.stringify(workflow.getStaticData('node', node));
		all.__dataChanged = false;
	};
	/** What happened, in order: the test's nock replies add to it too. */
	const log: string[] = [];
	const emit = (
		data: INodeExecutionData[][],
		_response?: unknown,
		done?: { resolve: (run: IRun | undefined) => void; reject: (error: Error) => void },
		key?: string,
	) => {
		save();
		const items = data.flat().map((item) => item.json);
		const record = (outcome: Emitted['outcome']) => {
			emitted.push({ items, key, outcome });
			log.push(outcome === 'ran' ? 'emit' : `emit ${outcome}`);
		};
		if (key !== undefined && executedKeys.has(key)) {
			record('duplicate');
			done?.resolve(undefined);
			return;
		}
		const next = script.shift();
		if (next === 'refused') {
			record('refused');
			done?.reject(new Error('The execution could not be saved'));
			return;
		}
		if (key !== undefined) executedKeys.add(key);
		record(next ?? 'ran');
		if (next === 'hung') return;
		const status = next === undefined ? 'success' : next === 'failed' ? 'error' : next;
		done?.resolve({ status } as IRun);
	};
	const emitError = (error: Error) => log.push(`emitError ${error.message}`);
	let response: ITriggerResponse | undefined;
	return {
		workflow,
		log,
		emitted,
		ran: () => emitted.filter((call) => call.outcome === 'ran').map((call) => call.items),
		staticData: () => workflow.getStaticData('node', node) as IDataObject,
		/** The static data as n8n last saved it. */
		savedStaticData: () => JSON.parse(saved) as IDataObject,
		refuseNext: (count = 1) => {
			for (let i = 0; i < count; i++) script.push('refused');
		},
		next: (...outcomes: Script[]) => {
			script.push(...outcomes);
		},
		async activate(): Promise<ITriggerResponse> {
			const context = new TriggerContext(
				workflow,
				node,
				buildAdditionalData(CREDENTIALS_BY_TYPE),
				'trigger',
				'activate',
				emit as ITriggerFunctions['emit'],
				emitError,
				() => undefined,
			);
			response = await nodeType.trigger.call(context);
			save();
			return response;
		},
		async close(): Promise<void> {
			await response?.closeFunction?.();
		},
		/** n8n killed: the trigger's work ends, and the static data is what n8n saved last. */
		async kill(): Promise<void> {
			const kept = saved;
			await response?.closeFunction?.();
			const data = workflow.getStaticData('node', node) as IDataObject;
			for (const name of Object.keys(data)) delete data[name];
			Object.assign(data, JSON.parse(kept));
			saved = kept;
		},
	};
}
