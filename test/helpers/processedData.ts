import type { DeduplicationItemTypes } from 'n8n-workflow';

const roundTrip = async () => await new Promise((resolve) => setImmediate(resolve));

/**
 * n8n's deduplication store as its database keeps it (`processed_data`, mode "entries"), and as n8n 2.41's
 * DeduplicationHelper uses it: one row per workflow and node holding the latest values (the oldest dropped beyond
 * maxEntries), read, changed and written back in separate round trips with no lock; the first write inserts the row,
 * which fails with a duplicate key when another execution inserted it in the meantime. Shared by every simulated n8n
 * process, and it outlives their restarts, as the database does.
 */
export class ProcessedDataStore {
	private readonly rows = new Map<string, DeduplicationItemTypes[]>();
	private failures = 0;
	/** How many calls the store has had. */
	calls = 0;

	/** Makes the next `times` calls fail (a database that is briefly unreachable). */
	fail(times: number): void {
		this.failures = times;
	}

	clear(): void {
		this.rows.clear();
		this.failures = 0;
		this.calls = 0;
	}

	/** The values a row holds. */
	values(key: string): DeduplicationItemTypes[] {
		return [...(this.rows.get(key) ?? [])];
	}

	async checkProcessedAndRecord(key: string, items: DeduplicationItemTypes[], maxEntries?: number) {
		this.calls++;
		await roundTrip();
		if (this.failures > 0) {
			this.failures--;
			throw new Error('Connection terminated unexpectedly');
		}
		const row = this.rows.get(key);
		const kept = [...(row ?? [])];
		const output = { new: [] as DeduplicationItemTypes[], processed: [] as DeduplicationItemTypes[] };
		for (const item of items) {
			if (kept.includes(item)) output.processed.push(item);
			else {
				output.new.push(item);
				kept.push(item);
			}
		}
		await roundTrip();
		if (!row && this.rows.has(key)) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
		this.rows.set(key, maxEntries ? kept.slice(-maxEntries) : kept);
		return row ? output : { new: items, processed: [] };
	}
}
