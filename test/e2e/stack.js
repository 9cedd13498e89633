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

const { ensureRuntime } = require('./runtime');
const { startEmulator } = require('../emulator/server');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = require(path.join(ROOT, 'package.json'));
const ENCRYPTION_KEY = 'greenapi-e2e-encryption-key-not-a-secret';
const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-e2e-only' };
const GREEN_API_CREDENTIAL_ID = 'greenApiEmulator';
const WEBHOOK_SECRET_CREDENTIAL_ID = 'greenApiWebhookSecret';
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

function n8nEnv(runtime, userFolder, port) {
	const base = { ...process.env };
	// nothing of the caller's npm, jest (NODE_ENV=test makes n8n behave as in its own tests) or n8n settings
	for (const key of Object.keys(base)) if (/^(npm_|N8N_|JEST_|NODE_ENV$|NODE_OPTIONS$)/.test(key)) delete base[key];
	return {
		...base,
		PATH: `${path.dirname(runtime.nodeBin)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
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

/**
 * Prepares and starts everything: returns { emulator, n8nUrl, cli, rest, log, stop }.
 * options: { workflowsDir, webhookSecret, credentials (more to import), emulatorOptions, beforeStart(instance) }.
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
		const packed = packPackage(tmp);
		const userFolder = path.join(tmp, 'user');
		installPackage(userFolder, packed.tarball);
		const port = options.port ?? (await freePort());
		const instance = { runtime, userFolder, env: n8nEnv(runtime, userFolder, port), emulator, packed, tmp };
		const webhookSecret = options.webhookSecret ?? 'e2e-webhook-secret-4f1c9a';
		await n8nCli(instance, ['import:credentials', `--input=${credentialFile(tmp, emulator, webhookSecret, options.credentials)}`]);
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

		const logFile = path.join(tmp, 'n8n.log');
		const logStream = fs.openSync(logFile, 'a');
		const proc = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
			env: instance.env,
			stdio: ['ignore', logStream, logStream],
		});
		stopped.push(
			() =>
				new Promise((resolve) => {
					if (proc.exitCode !== null) return resolve();
					const timer = setTimeout(() => proc.kill('SIGKILL'), 15000);
					proc.once('exit', () => {
						clearTimeout(timer);
						resolve();
					});
					proc.kill('SIGTERM');
				}),
		);
		const n8nUrl = `http://127.0.0.1:${port}`;
		const log = () => fs.readFileSync(logFile, 'utf8');
		if (!(await waitUntilReady(n8nUrl, proc, log, options.startTimeoutMs ?? 180000))) {
			throw new Error(`n8n did not come up on ${n8nUrl} (exit code ${proc.exitCode}). Its log:\n${log()}`);
		}
		return {
			...instance,
			emulator,
			n8nUrl,
			pid: proc.pid,
			webhookSecret,
			log,
			cli: (args) => n8nCli(instance, args),
			rest: restClient(n8nUrl),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
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
		const response = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: headers(),
			body: JSON.stringify(OWNER),
		});
		if (!response.ok) throw new Error(`owner setup answered ${response.status}: ${await response.text()}`);
		cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
	}
	return {
		get: (route) => call('GET', route),
		post: (route, body) => call('POST', route, body ?? {}),
		patch: (route, body) => call('PATCH', route, body),
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
	n8nCli,
	OWNER,
	freePort,
	packPackage,
	storedData,
	GREEN_API_CREDENTIAL_ID,
	WEBHOOK_SECRET_CREDENTIAL_ID,
	ROOT,
};
