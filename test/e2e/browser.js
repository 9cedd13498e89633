'use strict';
// A headless Chromium (Debian's, see scripts/ensure-chromium.js) driven by playwright-core, for the editor tests.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium, selectors } = require('playwright-core');

const { ensureChromium } = require('../../scripts/ensure-chromium');
const { OWNER } = require('./stack');

// n8n marks its elements with data-test-id
selectors.setTestIdAttribute('data-test-id');

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Where screenshots go: GREENAPI_ARTIFACTS_DIR, or a folder in the system's temporary folder (never the repo). */
function artifactsDir() {
	const dir =
		process.env.GREENAPI_ARTIFACTS_DIR ||
		path.join(os.tmpdir(), 'n8n-nodes-greenapi-artifacts', new Date().toISOString().replace(/[:.]/g, '-'));
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Starts Chromium with a fresh profile; returns { browser, page, consoleErrors, pageErrors, close }. Console errors
 * and uncaught page errors are collected with the page's address at that moment.
 */
async function launchBrowser() {
	const executablePath = ensureChromium();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		args: FLAGS,
		viewport: { width: 1440, height: 900 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const consoleErrors = [];
	const pageErrors = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: page.url(), location: message.location() });
	});
	page.on('pageerror', (error) => pageErrors.push({ text: String(error.stack ?? error), url: page.url() }));
	// leave a page with unsaved changes when the test goes elsewhere (Playwright would dismiss, i.e. stay)
	page.on('dialog', (dialog) => dialog.accept().catch(() => undefined));
	const close = async () => {
		await context.close().catch(() => undefined);
		fs.rmSync(profile, { recursive: true, force: true });
	};
	return { context, page, consoleErrors, pageErrors, close };
}

/** Logs in on n8n's sign-in page as the owner the stack set up. */
async function logIn(page, n8nUrl) {
	await page.goto(`${n8nUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
	await page.locator('input[name="password"]').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
}

module.exports = { launchBrowser, logIn, artifactsDir };
