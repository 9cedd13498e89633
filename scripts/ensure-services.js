'use strict';
// Makes sure the services of the queue-mode suite are installed: Debian's `redis-server` (redis-server on the PATH)
// and `postgresql` (initdb and postgres under /usr/lib/postgresql/<version>/bin). Run by `npm run test:e2e` before
// jest; installs what is missing with apt-get (as root, or through password-less sudo), else says what to install.
// The tests start their own throwaway Redis and Postgres on 127.0.0.1 (test/e2e/queue-stack.js): nothing here starts
// or configures a service.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const POSTGRES_ROOT = '/usr/lib/postgresql';

function onPath(command) {
	return (process.env.PATH ?? '')
		.split(path.delimiter)
		.filter(Boolean)
		.map((dir) => path.join(dir, command))
		.find((file) => fs.existsSync(file));
}

/** The bin folder of the newest Postgres Debian installed (with initdb and postgres), or undefined. */
function postgresBin() {
	if (!fs.existsSync(POSTGRES_ROOT)) return undefined;
	const versions = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	return versions
		.map((version) => path.join(POSTGRES_ROOT, version, 'bin'))
		.find((dir) => ['initdb', 'postgres', 'createdb'].every((tool) => fs.existsSync(path.join(dir, tool))));
}

function found() {
	return { redisServer: onPath('redis-server'), postgresBin: postgresBin() };
}

/** The Debian packages still missing. */
function missingPackages(services = found()) {
	return [!services.redisServer && 'redis-server', !services.postgresBin && 'postgresql'].filter(Boolean);
}

function aptInstall(packages) {
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const prefix = asRoot ? [] : ['sudo', '-n'];
	const run = (args) => {
		const [command, ...rest] = [...prefix, ...args];
		execFileSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	};
	process.stderr.write(`[services] missing: installing Debian's ${packages.join(' and ')} (apt-get, about a minute)\n`);
	run(['apt-get', 'update']);
	// Debian may also start its own default services (postgres on 5432): the suite never uses them, only its own
	run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages]);
}

function ensureServices() {
	const missing = missingPackages();
	if (missing.length === 0) return found();
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`The queue-mode tests need Redis and Postgres (missing: ${missing.join(', ')}): on Debian or Ubuntu they are installed by themselves (apt-get install redis-server postgresql); elsewhere install them so that redis-server is on the PATH and initdb/postgres are in ${POSTGRES_ROOT}/<version>/bin`,
		);
	}
	try {
		aptInstall(missing);
	} catch (error) {
		throw new Error(`Installing ${missing.join(' and ')} failed (${error.message}): run "apt-get install -y ${missing.join(' ')}" as root`);
	}
	const still = missingPackages();
	if (still.length > 0) throw new Error(`apt-get ran, but ${still.join(' and ')} is still missing`);
	return found();
}

module.exports = { ensureServices, postgresBin, missingPackages };

if (require.main === module) {
	try {
		const { redisServer, postgresBin: bin } = ensureServices();
		process.stdout.write(`[services] redis-server ${redisServer}; postgres ${bin}\n`);
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	}
}
