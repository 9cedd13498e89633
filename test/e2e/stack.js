'use strict';
// Runs the package for real: packs it, installs the tarball into a fresh n8n user folder the way n8n installs a
// community package, starts the GREEN-API emulator and a real n8n (2.41.1 on Node 24) on free 127.0.0.1 ports,
// imports a credential and workflows, and stops every process it started. Used by the e2e suite, the demo and the
// benchmarks.
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const { startRegistry } = require('./registry');
const { ensureRuntime } = require('./runtime');
const { startEmulator } = require('../emulator/server');
const { startWahaEmulator } = require('../emulator/waha/server');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = require(path.join(ROOT, 'package.json'));
const ENCRYPTION_KEY = 'greenapi-e2e-encryption-key-not-a-secret';
const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-e2e-only' };
const GREEN_API_CREDENTIAL_ID = 'greenApiEmulator';
const WEBHOOK_SECRET_CREDENTIAL_ID = 'greenApiWebhookSecret';
const WAHA_CREDENTIAL_ID = 'wahaEmulator';
const execFileAsync = promisify(execFile);

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Builds the package and packs it with npm, as it would be published; returns the tarball's path. */
function packPackage(outDir) {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [{ filename, size, unpackedSize, entryCount }] = JSON.parse(output);
	return { tarball: path.join(outDir, filename), size, unpackedSize, entryCount };
}

/**
 * Installs the tarball the way n8n's community-package service does: unpacked into
 * `<userFolder>/.n8n/nodes/node_modules/<name>` without its dev, peer and optional dependencies, then recorded in
 * the nodes folder's package.json.
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: manifest.version } }, null, 2),
	);
	return packageDir;
}

function n8nEnv(runtime, userFolder, port, brokerPort) {
	const base = { ...process.env };
	// nothing of the caller's npm, jest (NODE_ENV=test makes n8n behave as in its own tests) or n8n settings
	for (const key of Object.keys(base)) if (/^(npm_|N8N_|JEST_|NODE_ENV$|NODE_OPTIONS$)/.test(key)) delete base[key];
	return {
		...base,
		PATH: `${path.dirname(runtime.nodeBin)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		// n8n's task broker listens on 5679 by default: a second n8n (a demo beside the tests) must not collide
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		// files stay on disk between nodes, as they should for large files
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// activate published workflows during start-up and deactivate them within the REST call, instead of through
		// n8n's asynchronous publication outbox: the node's webhook methods are the same, the tests need not poll
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
	};
}

/** Runs an n8n CLI command (import, publish, execute) against the user folder. */
async function n8nCli(instance, args) {
	try {
		const { stdout } = await execFileAsync(instance.runtime.nodeBin, [instance.runtime.n8nBin, ...args], {
			env: instance.env,
			maxBuffer: 64 * 1024 * 1024,
		});
		return stdout;
	} catch (error) {
		throw new Error(`n8n ${args.join(' ')} failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
	}
}

/** Writes the credentials n8n imports: GREEN-API pointing at the emulator, the webhook secret, and any others. */
function credentialFile(dir, emulator, webhookSecret, others = []) {
	const file = path.join(dir, 'credentials.json');
	fs.writeFileSync(
		file,
		JSON.stringify([
			{
				id: GREEN_API_CREDENTIAL_ID,
				name: 'GREEN-API emulator',
				type: 'greenApi',
				data: emulator.credential,
			},
			{
				id: WEBHOOK_SECRET_CREDENTIAL_ID,
				name: 'GREEN-API webhook secret',
				type: 'greenApiWebhookApi',
				data: { secret: webhookSecret },
			},
			...others,
		]),
	);
	return file;
}

/** Waits until n8n has activated the published workflows and opened the editor (it prints so last). */
async function waitUntilReady(url, proc, log, deadlineMs) {
	const started = Date.now();
	while (Date.now() - started < deadlineMs) {
		if (proc.exitCode !== null) return false;
		if (log().includes('Editor is now accessible via')) {
			try {
				if ((await fetch(`${url}/rest/settings`)).ok) return true;
			} catch {
				// not listening yet
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return false;
}

/** Starts `n8n start` on the instance's folder and waits until it is ready; its stop step goes on `stopped`. */
async function launchN8n(instance, logName, stopped, startTimeoutMs = 180000) {
	const logFile = path.join(instance.tmp, logName);
	const logStream = fs.openSync(logFile, 'a');
	const proc = spawn(instance.runtime.nodeBin, [instance.runtime.n8nBin, 'start'], {
		env: instance.env,
		stdio: ['ignore', logStream, logStream],
	});
	fs.closeSync(logStream);
	const stopProcess = () =>
		new Promise((resolve) => {
			if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
			const timer = setTimeout(() => proc.kill('SIGKILL'), 15000);
			proc.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			proc.kill('SIGTERM');
		});
	stopped.push(stopProcess);
	const log = () => fs.readFileSync(logFile, 'utf8');
	if (!(await waitUntilReady(instance.n8nUrl, proc, log, startTimeoutMs))) {
		throw new Error(`n8n did not come up on ${instance.n8nUrl} (exit code ${proc.exitCode}). Its log:\n${log()}`);
	}
	return { proc, log, stop: stopProcess };
}

/** n8n's license flag for a community-package registry other than npmjs.org (an enterprise feature). */
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

/**
 * The installer path: publishes the packed package to a local npm registry and installs it with n8n's own
 * Community Nodes installer (`POST /rest/community-packages`, what Settings → Community Nodes → Install sends), in
 * a first n8n start on the fresh user folder; the credential and workflows are then imported and n8n started again,
 * as for the unpacked install. n8n honours N8N_COMMUNITY_PACKAGES_REGISTRY only with an enterprise license, so the
 * installing start runs in n8n's own end-to-end mode (E2E_TESTS=true), whose `PATCH /rest/e2e/feature` turns that one
 * license flag on; so does the second start with `registryUpdates`. The installed package stays listed in
 * Settings → Community Nodes either way.
 */
async function registryInstaller(instance, stopped, options) {
	const registry = await startRegistry({ nodeBin: instance.runtime.nodeBin, port: await freePort(), dir: instance.tmp });
	stopped.push(() => registry.close());
	registry.publish(instance.packed.tarball);
	Object.assign(instance.env, {
		E2E_TESTS: 'true',
		N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
		// `npm outdated`, which n8n runs to offer updates, takes the registry from npm's configuration
		npm_config_registry: registry.url,
		npm_config_update_notifier: 'false',
	});
	const allowCustomRegistry = async (rest) => {
		const response = await fetch(`${instance.n8nUrl}/rest/e2e/feature`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ feature: CUSTOM_REGISTRY_FEATURE, enabled: true }),
		});
		if (!response.ok) throw new Error(`n8n refused to allow the local registry: ${response.status} ${await response.text()}`);
		await rest.get('/community-packages');
	};
	const result = {
		registry,
		installed: undefined,
		async install() {
			if (options.onProgress) options.onProgress(`installing ${PACKAGE.name} from ${registry.url} with n8n's Community Nodes installer`);
			const first = await launchN8n(instance, 'n8n-install.log', stopped, options.startTimeoutMs);
			const rest = restClient(instance.n8nUrl);
			await allowCustomRegistry(rest);
			result.installed = await rest.post('/community-packages', { name: PACKAGE.name, verify: false });
			await first.stop();
			// the editor of n8n's end-to-end mode wears a red frame: keep that mode only where updates are tested
			if (!options.registryUpdates) delete instance.env.E2E_TESTS;
		},
		afterStart: async (rest) => {
			if (options.registryUpdates) await allowCustomRegistry(rest);
		},
	};
	return result;
}

/**
 * Prepares and starts everything: returns { emulator, n8nUrl, cli, rest, log, stop }.
 * options: { workflowsDir, webhookSecret, credentials (more to import), emulatorOptions, waha (options of a WAHA
 * emulator to start too, with a WAHA credential "wahaEmulator" for it), beforeStart(instance),
 * install: 'unpack' (default: the tarball unpacked as n8n's installer would) or 'registry' (through a local npm
 * registry and n8n's Community Nodes installer, see registryInstaller), registryUpdates (with 'registry': n8n may
 * also update the package from that registry), onProgress(message), packed (a tarball packPackage made earlier) }.
 */
async function startStack(options = {}) {
	const runtime = ensureRuntime();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-n8n-'));
	const stopped = [];
	const stop = async () => {
		for (const step of stopped.reverse()) await step().catch(() => undefined);
		stopped.length = 0;
		if (!options.keepFolder) fs.rmSync(tmp, { recursive: true, force: true });
	};
	try {
		const emulator = await startEmulator({ ...(options.emulatorOptions ?? {}) });
		stopped.push(() => emulator.close());
		// `waha`: also a WAHA emulator (test/emulator/waha) with options `waha`, and a WAHA credential for it
		const waha = options.waha ? await startWahaEmulator(options.waha) : undefined;
		if (waha) stopped.push(() => waha.close());
		const wahaCredential = waha ? [{ id: WAHA_CREDENTIAL_ID, name: 'WAHA emulator', type: 'wahaApi', data: waha.credential }] : [];
		// `packed` (or GREENAPI_E2E_TARBALL): a tarball packed earlier, e.g. from a copy of the work tree, so that this
		// run does not rebuild the dist/ that other runs share
		const tarball = process.env.GREENAPI_E2E_TARBALL;
		const packed = options.packed ?? (tarball ? { tarball: path.resolve(tarball) } : packPackage(tmp));
		const userFolder = path.join(tmp, 'user');
		const port = options.port ?? (await freePort());
		const n8nUrl = `http://127.0.0.1:${port}`;
		const instance = { runtime, userFolder, env: n8nEnv(runtime, userFolder, port, await freePort()), emulator, packed, tmp, n8nUrl };
		let installer;
		if (options.install === 'registry') {
			installer = await registryInstaller(instance, stopped, options);
			await installer.install();
		} else {
			installPackage(userFolder, packed.tarball);
		}
		const webhookSecret = options.webhookSecret ?? 'e2e-webhook-secret-4f1c9a';
		await n8nCli(instance, ['import:credentials', `--input=${credentialFile(tmp, emulator, webhookSecret, [...wahaCredential, ...(options.credentials ?? [])])}`]);
		if (options.workflowsDir) {
			await n8nCli(instance, ['import:workflow', '--separate', `--input=${options.workflowsDir}`]);
			if (options.publishAll !== false) {
				for (const file of fs.readdirSync(options.workflowsDir).filter((name) => name.endsWith('.json'))) {
					const { id } = JSON.parse(fs.readFileSync(path.join(options.workflowsDir, file), 'utf8'));
					await n8nCli(instance, ['publish:workflow', `--id=${id}`]);
				}
			}
		}
		if (options.beforeStart) await options.beforeStart(instance);

		const { log, proc } = await launchN8n(instance, 'n8n.log', stopped, options.startTimeoutMs);
		let running = proc;
		let restarts = 0;
		/** Kills n8n at once (SIGKILL, as a crash would) and starts it again on the same user folder. */
		const killAndRestart = async () => {
			if (running.exitCode === null && running.signalCode === null) {
				const exited = new Promise((resolve) => running.once('exit', resolve));
				running.kill('SIGKILL');
				await exited;
			}
			restarts += 1;
			const again = await launchN8n(instance, `n8n-restart-${restarts}.log`, stopped, options.startTimeoutMs);
			running = again.proc;
			return again;
		};
		const rest = restClient(n8nUrl);
		if (installer) await installer.afterStart(rest);
		return {
			...instance,
			emulator,
			waha,
			n8nUrl,
			pid: proc.pid,
			webhookSecret,
			log,
			cli: (args) => n8nCli(instance, args),
			rest,
			control: (method, route, body) => emulatorControl(emulator.url, method, route, body),
			runWebhook: (webhookPath, body) => runWebhook(n8nUrl, webhookPath, body),
			executionsOf: (workflowId, filter = {}) => executionsOf(rest, workflowId, filter),
			registry: installer?.registry,
			installed: installer?.installed,
			killAndRestart,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Calls the emulator's control API (`/__control/<route>`) and returns its JSON answer. */
async function emulatorControl(emulatorUrl, method, route, body) {
	const response = await fetch(`${emulatorUrl}/__control/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

/** Runs a workflow through its Webhook trigger: n8n's status, the last node's items, and the time it took. */
async function runWebhook(n8nUrl, webhookPath, body) {
	const started = performance.now();
	const response = await fetch(`${n8nUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

/** The executions of a workflow, newest first (up to 100), optionally only those of a status. */
async function executionsOf(rest, workflowId, filter) {
	const query = encodeURIComponent(JSON.stringify({ workflowId, ...filter }));
	return (await rest.get(`/executions?filter=${query}&limit=100`)).results;
}

/** A client for n8n's own REST API, logged in as the owner it sets up on first use. */
function restClient(baseUrl) {
	let cookie;
	const headers = () => ({ 'content-type': 'application/json', 'browser-id': 'greenapi-e2e', ...(cookie ? { cookie } : {}) });
	async function call(method, route, body) {
		if (!cookie) await login();
		const response = await fetch(`${baseUrl}/rest${route}`, {
			method,
			headers: headers(),
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const json = text ? JSON.parse(text) : undefined;
		if (!response.ok) throw new Error(`${method} /rest${route} answered ${response.status}: ${text}`);
		return json?.data ?? json;
	}
	async function login() {
		let response = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: headers(),
			body: JSON.stringify(OWNER),
		});
		if (response.status === 400) {
			// the owner was set up in an earlier start on this user folder
			response = await fetch(`${baseUrl}/rest/login`, {
				method: 'POST',
				headers: headers(),
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
		}
		if (!response.ok) throw new Error(`owner setup answered ${response.status}: ${await response.text()}`);
		cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
	}
	return {
		get: (route) => call('GET', route),
		post: (route, body) => call('POST', route, body ?? {}),
		patch: (route, body) => call('PATCH', route, body),
		delete: (route) => call('DELETE', route),
	};
}

/** Every byte n8n stored (its SQLite database and journal), as text, for looking for leaked secrets. */
function storedData(userFolder) {
	const dir = path.join(userFolder, '.n8n');
	return fs
		.readdirSync(dir)
		.filter((name) => name.startsWith('database.sqlite'))
		.map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1'))
		.join('\n');
}

module.exports = {
	startStack,
	PACKAGE_NAME: PACKAGE.name,
	n8nCli,
	// the parts test/e2e/queue-stack.js builds n8n's queue mode from
	n8nEnv,
	credentialFile,
	registryInstaller,
	restClient,
	emulatorControl,
	executionsOf,
	OWNER,
	freePort,
	packPackage,
	storedData,
	GREEN_API_CREDENTIAL_ID,
	WEBHOOK_SECRET_CREDENTIAL_ID,
	ROOT,
};
