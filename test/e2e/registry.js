'use strict';
// A local npm registry (verdaccio) on 127.0.0.1 for n8n's Community Nodes installer: its config is
// test/registry/verdaccio.yaml (no uplinks: nothing is fetched from or proxied to another registry), its storage a
// temporary folder. Verdaccio 6 needs Node 22 or later, so it runs on the Node 24 of the n8n runtime. It is installed
// once from the npm registry into the runtime cache, beside n8n, not as a devDependency: it needs an `overrides` entry
// (verdaccio-audit asks for node-fetch@cjs, a tag the registry lacks), which n8n's community-package rules forbid in
// this package's own package.json.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'test', 'registry', 'verdaccio.yaml');
const { cacheRoot, npmEnv: runtimeNpmEnv } = require('./runtime');

const VERDACCIO_VERSION = '6.10.4';
const verdaccioDir = path.join(cacheRoot, `verdaccio-${VERDACCIO_VERSION}`);
const VERDACCIO = path.join(verdaccioDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Installs verdaccio into the cache the first time (about half a minute); returns its command. */
function ensureVerdaccio() {
	if (fs.existsSync(path.join(verdaccioDir, '.ready'))) return VERDACCIO;
	process.stderr.write(`[registry] first run: installing verdaccio ${VERDACCIO_VERSION} into ${verdaccioDir}\n`);
	fs.rmSync(verdaccioDir, { recursive: true, force: true });
	fs.mkdirSync(verdaccioDir, { recursive: true });
	fs.writeFileSync(
		path.join(verdaccioDir, 'package.json'),
		JSON.stringify(
			{
				name: 'greenapi-verdaccio',
				private: true,
				dependencies: { verdaccio: VERDACCIO_VERSION },
				overrides: { 'verdaccio-audit': { 'node-fetch': '2.7.0' } },
			},
			null,
			2,
		),
	);
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: verdaccioDir,
		env: runtimeNpmEnv(),
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	fs.writeFileSync(path.join(verdaccioDir, '.ready'), new Date().toISOString());
	return VERDACCIO;
}

/** npm's environment for talking to the local registry: none of the caller's npm_* settings (ignore-scripts…). */
function npmEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/**
 * Starts verdaccio on `port` with its storage in `dir`; returns { url, publish(tarball), publishVersion(tarball,
 * version), close() }. Anyone may publish (the token npm insists on is not checked).
 */
async function startRegistry({ nodeBin, port, dir }) {
	const storage = path.join(dir, 'registry-storage');
	fs.mkdirSync(storage, { recursive: true });
	const logFile = path.join(dir, 'registry.log');
	const out = fs.openSync(logFile, 'a');
	const proc = spawn(nodeBin, [ensureVerdaccio(), '--config', CONFIG, '--listen', `127.0.0.1:${port}`], {
		env: { ...npmEnv(), VERDACCIO_STORAGE_PATH: storage, NODE_NO_WARNINGS: '1' },
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const url = `http://127.0.0.1:${port}/`;
	const close = () =>
		new Promise((resolve) => {
			if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
			const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
			proc.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			proc.kill('SIGTERM');
		});
	const started = Date.now();
	for (;;) {
		try {
			if ((await fetch(`${url}-/ping`)).ok) break;
		} catch {
			// not listening yet
		}
		if (proc.exitCode !== null || Date.now() - started > 30000) {
			await close();
			throw new Error(`the local npm registry did not start on ${url}:\n${fs.readFileSync(logFile, 'utf8')}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const authArg = `--//127.0.0.1:${port}/:_authToken=local-registry-anyone-may-publish`;
	const publish = (tarballOrFolder) => {
		execFileSync('npm', ['publish', tarballOrFolder, `--registry=${url}`, authArg, '--tag=latest', '--loglevel=error'], {
			cwd: dir,
			env: npmEnv(),
			stdio: ['ignore', 'ignore', 'pipe'],
		});
	};
	/** Publishes the tarball's contents again as `version` (an update to install). */
	const publishVersion = (tarball, version) => {
		const folder = fs.mkdtempSync(path.join(dir, 'republish-'));
		execFileSync('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1']);
		const manifestPath = path.join(folder, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }, null, 2));
		publish(folder);
	};
	return { url, publish, publishVersion, close, log: () => fs.readFileSync(logFile, 'utf8') };
}

module.exports = { startRegistry };
