'use strict';
// Makes sure the Chromium the editor tests drive is installed: Debian's `chromium` package at /usr/bin/chromium (or
// the browser named by CHROMIUM_PATH). Run by `npm run test:e2e` before jest; installs it with apt-get when missing
// (as root, or through password-less sudo), else says what to install.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function chromiumPath() {
	return fs.existsSync(CHROMIUM) ? CHROMIUM : undefined;
}

function aptInstall() {
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const prefix = asRoot ? [] : ['sudo', '-n'];
	const run = (args) => {
		const [command, ...rest] = [...prefix, ...args];
		execFileSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	};
	process.stderr.write('[chromium] /usr/bin/chromium is missing: installing Debian\'s chromium package (apt-get, about a minute)\n');
	run(['apt-get', 'update']);
	run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
}

function ensureChromium() {
	const found = chromiumPath();
	if (found) return found;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH names ${CHROMIUM}, which does not exist`);
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(
			'The editor tests need Chromium: on Debian or Ubuntu it is installed by itself (apt-get install chromium); elsewhere install Chromium and set CHROMIUM_PATH to its executable',
		);
	}
	try {
		aptInstall();
	} catch (error) {
		throw new Error(`Installing Chromium failed (${error.message}): run "apt-get install -y chromium" as root, or set CHROMIUM_PATH`);
	}
	if (!chromiumPath()) throw new Error('apt-get installed chromium, but /usr/bin/chromium is still missing');
	return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM };

if (require.main === module) {
	try {
		process.stdout.write(`[chromium] ${ensureChromium()}\n`);
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	}
}
