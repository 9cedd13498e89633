#!/usr/bin/env node
'use strict';
// Runs the GREEN-API emulator on its own: node test/emulator/cli.js [--port N] [--rate-limits]
// Prints one JSON line: { url, apiUrl, mediaUrl, idInstance, apiTokenInstance }; stops on SIGINT/SIGTERM.
const { startEmulator } = require('./server');

function parseArgs(argv) {
	const options = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--rate-limits') options.rateLimits = true;
		else if (arg === '--port') options.port = Number(argv[++i]);
		else if (arg.startsWith('--port=')) options.port = Number(arg.slice('--port='.length));
		else throw new Error(`unknown argument ${arg}; usage: cli.js [--port N] [--rate-limits]`);
	}
	if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536)) {
		throw new Error('--port needs a port number (0 = any free port)');
	}
	return options;
}

async function main() {
	const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
	process.stdout.write(`${JSON.stringify({ url: emulator.url, ...emulator.credential })}\n`);
	// close() stops everything the emulator started, so the process then exits on its own.
	const stop = () => emulator.close();
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
