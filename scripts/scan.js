'use strict';
// n8n's own pre-verification scan (@n8n/scan-community-package, its `analyzePackage`), run offline: on the source
// (package.json, nodes/ and credentials/, the same files n8n lints from the provenance-attested commit) and on the
// packed tarball (its compiled .js and package.json), with inline eslint-disable comments ignored as n8n ignores them.
//   node scripts/scan.js                    build, pack into a temporary folder, scan both
//   node scripts/scan.js --tarball x.tgz    scan the source and an already packed tarball
//   node scripts/scan.js --source-only      scan the source only
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '..');
const SCANNER = path.join(ROOT, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');

function packInto(dir) {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
	return path.join(dir, JSON.parse(output)[0].filename);
}

function unpack(tarball, dir) {
	const packageDir = path.join(dir, 'package');
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	return packageDir;
}

function report(label, result) {
	if (result.passed) {
		process.stdout.write(`✅ ${label}: no scanner errors\n`);
		return true;
	}
	process.stdout.write(`❌ ${label}: ${result.message}\n${result.details ?? result.error?.stack ?? ''}\n`);
	return false;
}

async function main(args) {
	// the scanner makes a temporary folder when it loads; have it removed when this process exits
	require(require.resolve('tmp', { paths: [path.dirname(SCANNER)] })).setGracefulCleanup();
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(SCANNER).href);
	const ok = [report('source', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS))];
	if (!args.includes('--source-only')) {
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-scan-'));
		try {
			const given = args.indexOf('--tarball');
			const tarball = given >= 0 ? path.resolve(args[given + 1]) : packInto(scratch);
			const packageDir = unpack(tarball, scratch);
			ok.push(report(`tarball ${path.basename(tarball)}`, await analyzePackage(packageDir, ['**/*.js', 'package.json'])));
		} finally {
			fs.rmSync(scratch, { recursive: true, force: true });
		}
	}
	return ok.every(Boolean);
}

main(process.argv.slice(2)).then(
	(passed) => {
		process.exitCode = passed ? 0 : 1;
	},
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	},
);
