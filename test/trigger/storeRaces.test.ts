import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { useClock } from '../../nodes/GreenApi/transport/clock';
import { ProcessedDataStore } from '../helpers/processedData';
import { virtualClock } from '../helpers/virtualClock';

// Several n8n processes (queue mode's workers) running the GREEN-API Trigger's execution step against one
// deduplication store: each process is its own copy of the package's modules, as each worker loads its own.
type Repeats = typeof import('../../nodes/GreenApi/trigger/repeats');
const NODE = { id: 'node-1', name: 'GREEN-API Trigger' };
const KEY = 'wf-1|n:node-1';

let store: ProcessedDataStore;

/** A fresh n8n process: its own memory, the shared store, the test's virtual clock. */
function startProcess(): Repeats {
	let repeats: Repeats | undefined;
	jest.isolateModules(() => {
		const clockModule = jest.requireActual<{ useClock: typeof useClock }>('../../nodes/GreenApi/transport/clock');
		clockModule.useClock(virtualClock());
		repeats = jest.requireActual<Repeats>('../../nodes/GreenApi/trigger/repeats');
	});
	return repeats!;
}

/** The trigger's step of one execution started for `body` (mode webhook) in `process`: the items it passes on. */
async function execute(process: Repeats, body: IDataObject): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [{ json: { body } }];
	const context = {
		getInputData: () => items,
		getMode: () => 'webhook',
		getWorkflow: () => ({ id: 'wf-1' }),
		getNode: () => NODE,
		getExecutionCancelSignal: () => undefined,
		logger: { warn: () => undefined },
		helpers: {
			checkProcessedAndRecord: async (values: string[], _scope: string, options: { maxEntries?: number }) =>
				await store.checkProcessedAndRecord(KEY, values, options.maxEntries),
		},
	} as unknown as IExecuteFunctions;
	const [passed] = await process.firstRunsOnly(context);
	return passed;
}

const event = (idMessage: string): IDataObject => ({
	typeWebhook: 'incomingMessageReceived',
	instanceData: { idInstance: 1101000001, wid: '79990000000@c.us', typeInstance: 'whatsapp' },
	timestamp: 1731000000,
	idMessage,
	senderData: { chatId: '79001234567@c.us' },
});

beforeEach(() => {
	store = new ProcessedDataStore();
});

describe("GREEN-API Trigger on two workers sharing n8n's deduplication store", () => {
	it('writes again the records two workers lost by writing at the same moment, so no repeat runs twice', async () => {
		const [workerA, workerB] = [startProcess(), startProcess()];
		const events = Array.from({ length: 20 }, (_, index) => event(`W${index}`));
		// the trigger's row exists (its first event)
		expect(await execute(workerA, event('S0'))).toHaveLength(1);
		const ran = await Promise.all(events.map(async (body, index) => await execute(index % 2 ? workerB : workerA, body)));
		expect(ran.map((items) => items.length)).toEqual(events.map(() => 1));
		// each list written back lacked the other worker's latest events
		expect(store.values(KEY).length).toBeLessThan(21);

		// a second later, the next events each worker runs look again at what it wrote, and write back what was lost
		virtualClock().time += workerA.RECHECK_AFTER_MS;
		expect(await execute(workerA, event('N1'))).toHaveLength(1);
		expect(await execute(workerB, event('N2'))).toHaveLength(1);
		expect(store.values(KEY)).toHaveLength(23);

		// a process that never saw them (main, after a restart) stops every repeat at the trigger
		const main = startProcess();
		const repeats = await Promise.all(events.map(async (body) => await execute(main, body)));
		expect(repeats).toEqual(events.map(() => []));
	});

	it('stops a repeat on the worker that ran the first copy even when the store lost its record', async () => {
		const worker = startProcess();
		expect(await execute(worker, event('L1'))).toHaveLength(1);
		store.clear();
		expect(await execute(worker, event('L1'))).toEqual([]);
		// and asks the store nothing: n8n's store would write back its list unchanged, over another worker's write
		expect(store.calls).toBe(0);
	});

	it('records, in a later execution, an event that ran while the store was failing', async () => {
		const worker = startProcess();
		store.fail(worker.STORE_ATTEMPTS);
		expect(await execute(worker, event('F1'))).toHaveLength(1);
		expect(store.values(KEY)).toEqual([]);
		expect(await execute(worker, event('F2'))).toHaveLength(1);
		// both are kept now: another process stops their repeats
		const main = startProcess();
		expect(await execute(main, event('F1'))).toEqual([]);
		expect(await execute(main, event('F2'))).toEqual([]);
	});
});
