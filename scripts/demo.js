'use strict';
// `npm run demo`: the package inside a real n8n against the local GREEN-API emulator.
// Builds and packs the package, makes sure n8n 2.41.1 is installed (first run: ~8 minutes), starts the emulator,
// publishes the package to a local npm registry and installs it with n8n's Community Nodes installer, imports the
// credential and the workflows in examples/, runs the main example headless and prints its result, then keeps the
// editor open on http://localhost:5678 until Ctrl-C. `--port N` picks another port; `--once` stops after printing
// (on a free port).
const fs = require('node:fs');
const path = require('node:path');

const { startStack, freePort, n8nCli, OWNER, ROOT } = require('../test/e2e/stack');
const { DEMO_STATE_FILE } = require('./demo-event');

const EXAMPLES = path.join(ROOT, 'examples');
const MAIN_EXAMPLE = 'exampleArchiveQuiet';

function step(message) {
	process.stdout.write(`\n==> ${message}\n`);
}

/** The run data `n8n execute --rawOutput` prints, without the log lines around it. */
function parseRunOutput(stdout) {
	const start = stdout.search(/^\{/m);
	if (start < 0) throw new Error(`n8n printed no run data:\n${stdout}`);
	return JSON.parse(stdout.slice(start, stdout.lastIndexOf('}') + 1));
}

function printItems(title, items) {
	process.stdout.write(`\n${title}\n`);
	console.table(items.map((item) => item.json));
}

/** `--port N` or `--port=N`: the editor's port (5678 by default, as n8n's; a free one with --once). */
function portArgument(args) {
	const index = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
	if (index < 0) return undefined;
	const value = args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`--port needs a port number from 1 to 65535, e.g. npm run demo -- --port 5680 (got ${value ?? 'nothing'})`);
	}
	return port;
}

async function main() {
	const once = process.argv.includes('--once');
	const port = portArgument(process.argv.slice(2)) ?? (once ? await freePort() : 5678);
	let printed;
	step('building the package, getting n8n 2.41.1 ready and starting the GREEN-API emulator');
	const stack = await startStack({
		port,
		// published to a local npm registry and installed by n8n's own Community Nodes installer, so Settings →
		// Community Nodes lists it as it would after Install
		install: 'registry',
		onProgress: step,
		workflowsDir: EXAMPLES,
		publishAll: false,
		beforeStart: async (instance) => {
			step(`running the example "${MAIN_EXAMPLE}" headless (n8n execute)`);
			const run = parseRunOutput(await n8nCli(instance, ['execute', `--id=${MAIN_EXAMPLE}`, '--rawOutput']));
			const { runData } = run.data.resultData;
			printItems('Chats the example found (GREEN-API › Chat › Get Many):', runData['Get personal chats'][0].data.main[0]);
			printItems('What archiving them gave (GREEN-API › Chat › Archive):', runData['Archive each chat'][0].data.main[0]);
			printed = runData['Archive each chat'][0].data.main[0].length;
		},
	});
	const stop = async () => {
		fs.rmSync(DEMO_STATE_FILE, { force: true });
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const state = await (await fetch(`${stack.emulator.url}/__control/state`)).json();
	const archived = state.chats.filter((chat) => chat.archive).length;
	process.stdout.write(`\nThe emulator now has ${archived} of ${state.chats.length} chats archived.\n`);
	if (once) {
		process.stdout.write(`\ndemo finished: ${printed} chats archived through n8n\n`);
		await stack.stop();
		return;
	}
	await stack.rest.get('/workflows'); // sets up the owner account for the editor
	// for `npm run demo:event`, which makes the emulator deliver a message, a status or a call
	fs.writeFileSync(DEMO_STATE_FILE, JSON.stringify({ url: stack.emulator.url, credential: stack.emulator.credential, n8nUrl: stack.n8nUrl }), {
		mode: 0o600,
	});
	step(`n8n is running with the package installed: open http://localhost:${port}`);
	process.stdout.write(
		[
			`Log in as ${OWNER.email} / ${OWNER.password}. The examples are imported; the GREEN-API credential points at the emulator on ${stack.emulator.url}.`,
			`Settings → Community Nodes lists ${stack.installed.packageName} ${stack.installed.installedVersion}, installed from the local registry on ${stack.registry.url}.`,
			'To make an event happen for the triggers, in another terminal: npm run demo:event -- message (or status, or call).',
			"It goes to the instance's webhook URL when it has one (a published GREEN-API Trigger with Register Webhook sets it), into the HTTP API queue (GREEN-API Queue Trigger) otherwise; --queue or --webhook-url <url> chooses.",
			'Everything lives in a temporary folder: stopping the demo forgets the workflows and credentials made or changed in the editor (export what you want to keep).',
			'Press Ctrl-C to stop n8n, the registry and the emulator.',
		].join('\n') + '\n',
	);
}

main().catch((error) => {
	process.stderr.write(`\ndemo failed: ${error.stack ?? error}\n`);
	process.exit(1);
});

