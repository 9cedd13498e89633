'use strict';
// n8n in queue mode on one machine, for the e2e suite and the benchmarks (recipe: shared/reference/queue-mode.md):
// a throwaway Redis and Postgres on free 127.0.0.1 ports, the GREEN-API emulator, and n8n 2.41.1 as main, two
// workers (`n8n worker --concurrency=5`) and one webhook processor (`n8n webhook`), all sharing the database and the
// encryption key. Each n8n process has its own user folder (with the package n8n's Community Nodes installer put in
// main's), its own host id (its own UTS namespace and hostname, as separate containers would have) and its own
// task-broker port. Every process runs in its own process group and is stopped by PID, also when start-up fails and
// when the test process exits. Start-up is bounded and prints its progress.
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const { ensureRuntime } = require('./runtime');
const { ensureServices } = require('../../scripts/ensure-services');
const { startEmulator } = require('../emulator/server');
const stack = require('./stack');

const execFileAsync = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or undefined after `ms`; the timer is cleared either way (nothing keeps the test process alive). */
async function within(promise, ms) {
	let timer;
	try {
		return await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
	} finally {
		clearTimeout(timer);
	}
}
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Every process group still running, killed at once if the test process exits without stopping them. */
const liveGroups = new Set();
process.once('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

let uts;
/**
 * How to give a process its own hostname: `unshare --uts` (root), else in a user namespace of its own (an
 * unprivileged user), else not at all (then n8n outside a container derives no host id from the hostname anyway).
 */
function utsPrefix() {
	if (uts !== undefined) return uts;
	const works = (args) => {
		try {
			execFileSync('unshare', [...args, 'sh', '-c', 'hostname greenapi-probe'], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	};
	uts = [['--uts'], ['--user', '--map-root-user', '--uts']].find(works);
	uts = uts ? ['unshare', ...uts] : null;
	if (!uts) process.stderr.write('[queue stack] unshare is not allowed here: the n8n processes share one hostname\n');
	return uts;
}

/**
 * Starts `command args` as the leader of a new process group, its output appended to `logFile`; with `hostname`,
 * inside its own UTS namespace with that hostname. Returns { name, proc, pid, log(), stop() }: stop sends
 * `stopSignal` to the group, then SIGKILL to what is left of it after `graceMs`.
 */
function startGroup(name, command, args, { env, logFile, hostname, stopSignal = 'SIGTERM', graceMs = 15000, asUser }) {
	const fd = fs.openSync(logFile, 'a');
	let argv = [command, ...args];
	if (asUser) argv = ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--init-groups', ...argv];
	if (hostname && utsPrefix()) argv = [...utsPrefix(), 'sh', '-c', 'hostname "$0" && exec "$@"', hostname, ...argv];
	const proc = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	liveGroups.add(proc.pid);
	const exited = new Promise((resolve) => proc.once('exit', resolve));
	let stopping;
	const stop = () =>
		(stopping ??= (async () => {
			if (proc.exitCode === null && proc.signalCode === null) {
				killGroup(proc.pid, stopSignal);
				await within(exited, graceMs);
			}
			// the leader's children (n8n's task runner, postgres' backends) go with it
			killGroup(proc.pid, 'SIGKILL');
			await within(exited, 2000);
			liveGroups.delete(proc.pid);
		})());
	return { name, proc, pid: proc.pid, log: () => fs.readFileSync(logFile, 'utf8'), stop };
}

/** Resolves when `ready()` is true; fails when the process exits or `deadline` (epoch ms) passes. */
async function waitFor(group, ready, deadline, what) {
	for (;;) {
		if (group.proc.exitCode !== null || group.proc.signalCode !== null) {
			throw new Error(`${group.name} exited (${group.proc.exitCode ?? group.proc.signalCode}) before ${what}. Its log:\n${group.log().slice(-6000)}`);
		}
		if (await ready()) return;
		if (Date.now() > deadline) throw new Error(`${group.name}: no ${what} in time. Its log:\n${group.log().slice(-6000)}`);
		await sleep(250);
	}
}

/** One RESP round trip to Redis: true when it answers PING with PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

async function startRedis(tmp, port, deadline, stopped) {
	const redis = startGroup('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', tmp], {
		env: process.env,
		logFile: path.join(tmp, 'redis.log'),
		graceMs: 5000,
	});
	stopped.push(redis.stop);
	await waitFor(redis, () => redisPing(port), deadline, 'PONG');
	return redis;
}

/**
 * A throwaway Postgres cluster in `tmp/postgres`: trust authentication, fsync off, TCP on 127.0.0.1 only, no unix
 * socket; run as the `postgres` user when the tests run as root (postgres refuses root). Creates the database n8n.
 */
async function startPostgres(bin, tmp, port, deadline, stopped) {
	const dataDir = path.join(tmp, 'postgres');
	fs.mkdirSync(dataDir, { mode: 0o700 });
	const asUser = asRoot ? 'postgres' : undefined;
	const runAs = (command, args) =>
		asUser
			? execFileAsync('setpriv', [`--reuid=${asUser}`, `--regid=${asUser}`, '--init-groups', path.join(bin, command), ...args], { cwd: '/' })
			: execFileAsync(path.join(bin, command), args);
	if (asUser) await execFileAsync('chown', ['postgres:postgres', dataDir]);
	await runAs('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'listen_addresses=127.0.0.1', 'unix_socket_directories='];
	const postgres = startGroup('postgres', path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
		env: process.env,
		logFile: path.join(tmp, 'postgres.log'),
		asUser,
		// fast shutdown: postgres' SIGTERM would wait for every client to disconnect
		stopSignal: 'SIGINT',
		graceMs: 10000,
	});
	stopped.push(postgres.stop);
	const isReady = () =>
		execFileAsync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']).then(
			() => true,
			() => false,
		);
	await waitFor(postgres, isReady, deadline, 'connections');
	await execFileAsync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n']);
	return postgres;
}

/** What every n8n process of the stack shares: queue mode, Redis, Postgres. */
function queueEnv(redisPort, postgresPort, webhookUrl) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		// as a load balancer would: webhook URLs (and self-registration) point at the webhook processor
		WEBHOOK_URL: `${webhookUrl}/`,
	};
}

/** The n8n processes: name → the command and the log line that says it is ready. */
function n8nRoles(workers, concurrency) {
	return [
		{ name: 'main', args: ['start'], ready: 'Editor is now accessible via' },
		...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}`, args: ['worker', `--concurrency=${concurrency}`], ready: 'n8n worker is now ready' })),
		{ name: 'webhook', args: ['webhook'], ready: 'Webhook listener waiting for requests' },
	];
}

/** Copies the package n8n's installer put into main's user folder into another one (as a shared volume would). */
function copyInstalledNodes(fromUserFolder, toUserFolder) {
	const target = path.join(toUserFolder, '.n8n');
	fs.mkdirSync(target, { recursive: true });
	fs.cpSync(path.join(fromUserFolder, '.n8n', 'nodes'), path.join(target, 'nodes'), { recursive: true });
}

/** Publishes a workflow through main's REST API (what the editor's Publish button sends). */
async function publish(rest, workflowId) {
	const { versionId } = await rest.get(`/workflows/${workflowId}`);
	await rest.post(`/workflows/${workflowId}/activate`, { versionId });
}

/** The ids and statuses of a workflow's executions, newest first, every page of n8n's list. */
async function allExecutions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all = [];
	let cursor;
	for (;;) {
		const page = await rest.get(`/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		all.push(...page.results.map(({ id, status }) => ({ id, status })));
		if (!page.nextCursor) return all;
		cursor = page.nextCursor;
	}
}

/** The statuses of an execution that has ended. */
const ENDED = ['success', 'error', 'crashed', 'canceled'];

/** How many of a workflow's executions have ended: one small query (n8n's count), cheap enough to poll. */
async function endedCount(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ENDED }));
	const { count } = await rest.get(`/executions?filter=${filter}&limit=1`);
	if (!Number.isInteger(count)) throw new Error(`n8n's executions list gave no count for ${workflowId}`);
	return count;
}

/** How many executions each worker started, from its log ("Worker started execution …"). */
function workerExecutions(processes) {
	return Object.fromEntries(
		Object.entries(processes)
			.filter(([name]) => name.startsWith('worker-'))
			.map(([name, group]) => [name, (group.log().match(/Worker started execution/g) ?? []).length]),
	);
}

/**
 * Starts the whole queue-mode stack. Options: workflowsDir (imported, then published unless publishAll is false),
 * emulatorOptions, webhookSecret, credentials (more to import), env (extra n8n settings for every process),
 * workers (2), concurrency (5), startTimeoutMs (the bound on the whole start-up, 420 s), onProgress(message), packed
 * (a tarball packed earlier; or GREENAPI_E2E_TARBALL). Returns { runtime, emulator, mainUrl, webhookUrl, processes, rest,
 * control, executionsOf, workerExecutions, timings, stop }.
 */
async function startQueueStack(options = {}) {
	const startedAt = Date.now();
	const seconds = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
	const progress = options.onProgress ?? ((message) => process.stderr.write(`[queue stack] ${message}\n`));
	const say = (message) => progress(`${seconds()}: ${message}`);
	const timings = {};
	const mark = (step) => {
		timings[step] = Date.now() - startedAt;
	};
	const { postgresBin } = ensureServices();
	const runtime = ensureRuntime();
	const deadline = startedAt + (options.startTimeoutMs ?? 420000);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-queue-'));
	// the postgres user must reach its data folder inside
	fs.chmodSync(tmp, 0o711);
	const stopped = [];
	const stop = async () => {
		for (const step of stopped.reverse()) await step().catch(() => undefined);
		stopped.length = 0;
		if (!options.keepFolder) fs.rmSync(tmp, { recursive: true, force: true });
	};
	try {
		const [redisPort, postgresPort, mainPort, webhookPort] = [await stack.freePort(), await stack.freePort(), await stack.freePort(), await stack.freePort()];
		say(`starting Redis on 127.0.0.1:${redisPort} and Postgres on 127.0.0.1:${postgresPort}`);
		const services = Promise.all([startRedis(tmp, redisPort, deadline, stopped), startPostgres(postgresBin, tmp, postgresPort, deadline, stopped)]);
		// an early failure of one is reported where it is awaited, after the package is packed
		services.catch(() => undefined);
		const emulator = await startEmulator({ ...(options.emulatorOptions ?? {}) });
		stopped.push(() => emulator.close());
		const tarball = process.env.GREENAPI_E2E_TARBALL;
		if (!options.packed && !tarball) say('building and packing the package');
		const packed = options.packed ?? (tarball ? { tarball: path.resolve(tarball) } : stack.packPackage(tmp));
		await services;
		mark('services');
		say('Redis and Postgres are up');

		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const shared = { ...queueEnv(redisPort, postgresPort, webhookUrl), ...(options.env ?? {}) };
		const instanceFor = async (name, port) => {
			const userFolder = path.join(tmp, name);
			const env = { ...stack.n8nEnv(runtime, userFolder, port, await stack.freePort()), ...shared };
			// queue mode keeps binary data in the database by default (the filesystem is per process)
			delete env.N8N_DEFAULT_BINARY_DATA_MODE;
			return { runtime, userFolder, env, emulator, packed, tmp, n8nUrl: `http://127.0.0.1:${port}` };
		};
		const roles = n8nRoles(options.workers ?? 2, options.concurrency ?? 5);
		const instances = {};
		for (const role of roles) instances[role.name] = await instanceFor(role.name, role.name === 'webhook' ? webhookPort : role.name === 'main' ? mainPort : await stack.freePort());
		const main = instances.main;

		// n8n's installer, in a first start of main (which also runs the database migrations)
		const installer = await stack.registryInstaller(main, stopped, { onProgress: say, startTimeoutMs: Math.max(1000, deadline - Date.now()) });
		await installer.install();
		mark('installed');
		say(`installed ${installer.installed?.packageName ?? 'the package'} ${installer.installed?.installedVersion ?? ''} through n8n's installer`);
		for (const role of roles) if (role.name !== 'main') copyInstalledNodes(main.userFolder, instances[role.name].userFolder);

		const webhookSecret = options.webhookSecret ?? 'e2e-webhook-secret-4f1c9a';
		const imports = [stack.n8nCli(main, ['import:credentials', `--input=${stack.credentialFile(tmp, emulator, webhookSecret, options.credentials)}`])];
		if (options.workflowsDir) imports.push(stack.n8nCli(main, ['import:workflow', '--separate', `--input=${options.workflowsDir}`]));
		await Promise.all(imports);
		mark('imported');
		say('credentials and workflows imported; starting main, the workers and the webhook processor');

		const processes = {};
		// all at once: n8n takes a few seconds to shut down
		stopped.push(() => Promise.all(Object.values(processes).map((group) => group.stop())));
		for (const role of roles) {
			const instance = instances[role.name];
			const group = startGroup(role.name, runtime.nodeBin, [runtime.n8nBin, ...role.args], {
				env: instance.env,
				logFile: path.join(tmp, `${role.name}.log`),
				hostname: `greenapi-${role.name}`,
			});
			processes[role.name] = group;
		}
		await Promise.all(
			roles.map(async (role) => {
				await waitFor(processes[role.name], async () => processes[role.name].log().includes(role.ready), deadline, `"${role.ready}"`);
				say(`${role.name} is ready (pid ${processes[role.name].pid})`);
			}),
		);
		mark('running');

		const rest = stack.restClient(mainUrl);
		if (options.workflowsDir && options.publishAll !== false) {
			for (const file of fs.readdirSync(options.workflowsDir).filter((name) => name.endsWith('.json'))) {
				const { id } = JSON.parse(fs.readFileSync(path.join(options.workflowsDir, file), 'utf8'));
				await publish(rest, id);
			}
		}
		mark('published');
		say('ready');
		return {
			tmp,
			runtime,
			emulator,
			mainUrl,
			webhookUrl,
			webhookSecret,
			processes,
			rest,
			timings,
			control: (method, route, body) => stack.emulatorControl(emulator.url, method, route, body),
			executionsOf: (workflowId, filter = {}) => stack.executionsOf(rest, workflowId, filter),
			workerExecutions: () => workerExecutions(processes),
			publish: (workflowId) => publish(rest, workflowId),
			/** One SQL query on n8n's database, its rows as tab-separated lines. */
			sql: async (query) =>
				(await execFileAsync(path.join(postgresBin, 'psql'), ['-h', '127.0.0.1', '-p', String(postgresPort), '-U', 'postgres', '-d', 'n8n', '-At', '-c', query])).stdout,
			/** A module of the package as n8n installed it (its built code), e.g. `dist/nodes/GreenApi/trigger/identity.js`. */
			installedModule: (file) => require(path.join(main.userFolder, '.n8n', 'nodes', 'node_modules', stack.PACKAGE_NAME, file)),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueStack, allExecutions, endedCount, ENDED, startGroup, killGroup };
