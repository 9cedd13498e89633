'use strict';
// What every benchmark file uses: logging, pauses, medians and percentiles, the table, and running one file alone.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const tableOf = (rows) => ['| measure | value | detail | goal / note |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** Runs a benchmark file started on its own (`node bench/<file>.js`): prints its table (and raw rounds), or fails. */
function runAlone(run) {
	run()
		.then(({ rows, raw }) => {
			process.stdout.write(`${tableOf(rows)}\n`);
			if (raw !== undefined) process.stdout.write(`${JSON.stringify(raw)}\n`);
		})
		.catch((error) => {
			process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
			process.exit(1);
		});
}

module.exports = { ROUNDS, log, sleep, median, percentile, tableOf, runAlone };
