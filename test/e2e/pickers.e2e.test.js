'use strict';
// The chat, group and participant pickers of node version 2 in the real n8n 2.41.1 editor (headless Chromium),
// against the emulator's seeded chats: From List shows names and ids, its search box asks the node, a long list pages
// on scrolling, a picked chat is saved with its id and sent to; By ID flags what is not an id; By Phone Number sends
// to the number in any writing; a group field lists groups only; a saved version-1 node keeps its typed id and runs.
// With UPDATE_DOCS_SCREENSHOTS=1 the README's picture of the picker (docs/chat-picker.png) is renewed.
const fs = require('node:fs');
const path = require('node:path');

const { launchBrowser, logIn, artifactsDir } = require('./browser');
const { startStack, ROOT, GREEN_API_CREDENTIAL_ID } = require('./stack');
const { SEED } = require('../emulator/server');

const PACKAGE = require('../../package.json');
const NODE_TYPE = `${PACKAGE.name}.greenApi`;

jest.setTimeout(240000);

let stack;
let browser;
let page;
let shots;
let workflowId;

const credentials = { greenApi: { id: GREEN_API_CREDENTIAL_ID, name: 'GREEN-API emulator' } };

const node = (name, typeVersion, y, parameters) => ({
	id: `picker-${name.replace(/\W/g, '-')}`,
	name,
	type: NODE_TYPE,
	typeVersion,
	position: [0, y],
	parameters,
	credentials,
});

async function createWorkflow() {
	const workflow = {
		name: 'Pickers',
		nodes: [
			node('Send', 2, 0, { message: 'Hello from the picker' }),
			node('Group', 2, 200, { resource: 'group', operation: 'get' }),
			node('Saved v1', 1, 400, { resource: 'message', operation: 'send', chatId: '+7 900 123-45-67', message: 'From a version-1 workflow' }),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	return (await stack.rest.post('/workflows', workflow)).id;
}

async function openNode(name) {
	await page.getByTestId('canvas-node').filter({ has: page.getByText(name, { exact: true }) }).dblclick();
	await page.getByTestId('node-parameters').waitFor();
}

async function closeNode() {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('node-parameters').waitFor({ state: 'hidden' });
}

const picker = (name) => page.getByTestId('node-parameters').getByTestId(`resource-locator-${name}`);

/** Opens a node's panel and the list of its picker `name` (in From List mode). */
async function openList(nodeName, name) {
	await openNode(nodeName);
	await picker(name).getByTestId('rlc-input').click();
	await page.getByTestId('rlc-item').first().waitFor();
}

async function chooseMode(name, label) {
	await picker(name).getByTestId('rlc-mode-selector').click();
	await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible').filter({ hasText: new RegExp(`^${label}$`) }).first().click();
}

/** The entries the open list shows, once it has some (or once it says it has none). */
async function listed() {
	const items = page.getByTestId('rlc-item');
	await items.first().waitFor();
	return (await items.allInnerTexts()).map((text) => text.trim());
}

/** The sendMessage calls the emulator accepted since the log was last cleared: [{chatId, message}]. */
async function sent() {
	const log = await stack.control('GET', 'log');
	return log.filter((entry) => entry.method === 'sendMessage' && entry.accepted).map((entry) => entry.body);
}

/**
 * Runs the open node with "Execute step" and returns the sends the emulator accepted for it, once the output panel
 * shows the run's item (an earlier run's output may still be on screen, so the send is waited for first). A run that
 * fails says why, from the output panel.
 */
async function executeStep() {
	await stack.control('DELETE', 'log');
	await page.getByTestId('node-execute-button').first().click();
	for (let tries = 0; tries < 150 && (await sent()).length === 0; tries++) await page.waitForTimeout(200);
	const output = page.getByTestId('output-panel');
	const shown = await output.getByText(/1 item/).first().waitFor({ timeout: 30000 }).then(() => true, () => false);
	if (!shown) throw new Error(`the run showed no item: ${(await output.innerText()).replace(/\s+/g, ' ').slice(0, 400)}`);
	return await sent();
}

/** Saves the workflow as a user does (Ctrl+S), waits for n8n to store it, and returns what it stored. */
async function saveWorkflow() {
	const stored = page.waitForResponse(
		(response) => response.request().method() === 'PATCH' && new URL(response.url()).pathname === `/rest/workflows/${workflowId}`,
		{ timeout: 30000 },
	);
	await page.keyboard.press('Control+s');
	await stored;
	return await stack.rest.get(`/workflows/${workflowId}`);
}

beforeAll(async () => {
	// more chats than one page of the picker holds
	stack = await startStack({ emulatorOptions: { chatCount: 80 } });
	shots = artifactsDir();
	browser = await launchBrowser();
	page = browser.page;
	page.setDefaultTimeout(20000);
	await stack.rest.get('/workflows'); // sets up the owner account the browser logs in as
	await logIn(page, stack.n8nUrl);
	workflowId = await createWorkflow();
	await page.goto(`${stack.n8nUrl}/workflow/${workflowId}`);
	await page.getByTestId('canvas-node').first().waitFor();
}, 15 * 60 * 1000);

// a test that failed with its panel open leaves it closed for the next one
afterEach(async () => {
	if (await page?.getByTestId('ndv-close-button').isVisible().catch(() => false)) await closeNode().catch(() => undefined);
});

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
}, 60000);

describe('chat pickers in the editor (n8n 2.41.1)', () => {
	it('From List shows the chats with names and ids, most recent first, 50 at a time, more on scrolling', async () => {
		await openList('Send', 'chatId');
		expect(await picker('chatId').getByTestId('rlc-mode-selector').locator('input').inputValue()).toBe('From list');
		const first = await listed();
		expect(first.slice(0, 3)).toEqual([
			`Anna Petrova (${SEED.personalChatId})`,
			`Project Team (${SEED.groupId})`,
			`Lidia (LID) (${SEED.lidChatId})`,
		]);
		expect(first).toHaveLength(50);
		const file = path.join(shots, 'chat-picker.png');
		await page.screenshot({ path: file });
		if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(ROOT, 'docs', 'chat-picker.png'));
		await page.getByTestId('rlc-item').last().scrollIntoViewIfNeeded();
		await page.getByTestId('rlc-item').nth(50).waitFor();
		expect((await listed()).length).toBeGreaterThan(50);
	});

	it('the search box finds chats by name and by phone number in any writing', async () => {
		await openList('Send', 'chatId');
		const search = page.locator('[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]').first();
		await search.fill('proj');
		await page.getByTestId('rlc-item').filter({ hasText: 'Anna' }).waitFor({ state: 'detached' });
		expect(await listed()).toEqual([`Project Team (${SEED.groupId})`]);
		await search.fill('+7 (900) 123-45-70');
		await page.getByTestId('rlc-item').filter({ hasText: 'Project Team' }).waitFor({ state: 'detached' });
		expect(await listed()).toEqual([`Boris Archived (${SEED.archivedChatId})`]);
	});

	it('a picked chat is saved with its id, and Execute step sends to it', async () => {
		await openList('Send', 'chatId');
		await page.getByTestId('rlc-item').filter({ hasText: 'Boris Archived' }).click();
		await closeNode();
		const saved = await saveWorkflow();
		expect(saved.nodes.find((entry) => entry.name === 'Send').parameters.chatId).toEqual({
			__rl: true,
			mode: 'list',
			value: SEED.archivedChatId,
			cachedResultName: `Boris Archived (${SEED.archivedChatId})`,
		});
		await openNode('Send');
		expect(await executeStep()).toEqual([{ chatId: SEED.archivedChatId, message: 'Hello from the picker' }]);
		await closeNode();
	});

	it('By ID flags a name, not an id; By Phone Number is saved as typed and sends to the number', async () => {
		await openNode('Send');
		await chooseMode('chatId', 'By ID');
		const input = picker('chatId').getByTestId('rlc-input');
		const issues = picker('chatId').locator('..').locator('..').getByTestId('parameter-issues');
		await input.fill('Anna');
		await page.keyboard.press('Tab');
		await issues.waitFor();
		await input.fill(SEED.groupId);
		await page.keyboard.press('Tab');
		await issues.waitFor({ state: 'hidden' });
		await chooseMode('chatId', 'By Phone Number');
		await picker('chatId').getByTestId('rlc-input').fill('+7 (900) 123-45-67');
		await page.keyboard.press('Tab');
		await closeNode();
		// saved first, so that the run below uses what the panel holds
		const saved = await saveWorkflow();
		expect(saved.nodes.find((entry) => entry.name === 'Send').parameters.chatId).toEqual({ __rl: true, mode: 'phone', value: '+7 (900) 123-45-67' });
		await openNode('Send');
		expect(await executeStep()).toEqual([{ chatId: SEED.personalChatId, message: 'Hello from the picker' }]);
		await closeNode();
	});

	it('a group field lists the groups only, and has no By Phone Number', async () => {
		await openList('Group', 'groupId');
		const groups = await listed();
		expect(groups.length).toBeGreaterThan(2);
		expect(groups.filter((entry) => !/@g\.us\)$/.test(entry))).toEqual([]);
		expect(groups).toContain(`Project Team (${SEED.groupId})`);
		await page.keyboard.press('Escape');
		await picker('groupId').getByTestId('rlc-mode-selector').click();
		const modes = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
		await modes.first().waitFor();
		expect((await modes.allInnerTexts()).map((text) => text.trim())).toEqual(['From list', 'By ID']);
		await page.keyboard.press('Escape');
		await closeNode();
	});

	it('a saved version-1 node keeps its typed Chat ID and runs', async () => {
		await openNode('Saved v1');
		const panel = page.getByTestId('node-parameters');
		expect(await panel.getByTestId('resource-locator-chatId').count()).toBe(0);
		expect(await panel.getByTestId('parameter-input-chatId').locator('input, textarea').first().inputValue()).toBe('+7 900 123-45-67');
		expect(await executeStep()).toEqual([{ chatId: SEED.personalChatId, message: 'From a version-1 workflow' }]);
		await closeNode();
	});
});
