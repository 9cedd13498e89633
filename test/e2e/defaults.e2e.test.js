'use strict';
// The node's defaults in the real n8n 2.41.1 editor (headless Chromium): a new node (version 2) opens on Message ›
// Send and picking Queue selects Get Messages, never Clear Messages; a saved version-1 node with the same empty
// parameters still opens on Chat › Archive; the editor saves a new node's defaults by leaving them out (which is why
// the defaults could change only in a new version); "Custom API Call" is still in the Resource list.
const { launchBrowser, logIn } = require('./browser');
const { startStack, GREEN_API_CREDENTIAL_ID } = require('./stack');

const PACKAGE = require('../../package.json');
const NODE_TYPE = `${PACKAGE.name}.greenApi`;

jest.setTimeout(240000);

let stack;
let browser;
let page;

const credentials = { greenApi: { id: GREEN_API_CREDENTIAL_ID, name: 'GREEN-API emulator' } };

/** Saves a workflow with a version-1 and a version-2 GREEN-API node, both with no parameters set. */
async function createWorkflow() {
	const node = (name, typeVersion, x) => ({ id: `defaults-v${typeVersion}`, name, type: NODE_TYPE, typeVersion, position: [x, 0], parameters: {}, credentials });
	const workflow = {
		name: 'Defaults of both versions',
		nodes: [node('Saved v1', 1, 0), node('New v2', 2, 300)],
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

/** The label a select parameter of the open panel shows. */
async function shown(parameter) {
	const input = page.getByTestId('node-parameters').getByTestId(`parameter-input-${parameter}`);
	await input.waitFor();
	return (await input.innerText()).trim() || (await input.locator('input').first().inputValue());
}

async function pick(parameter, label) {
	await page.getByTestId('node-parameters').getByTestId(`parameter-input-${parameter}`).click();
	await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible').filter({ hasText: new RegExp(`^${label}$`) }).first().click();
}

async function optionsOf(parameter) {
	await page.getByTestId('node-parameters').getByTestId(`parameter-input-${parameter}`).click();
	const options = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await page.keyboard.press('Escape');
	return names;
}

beforeAll(async () => {
	stack = await startStack({});
	browser = await launchBrowser();
	page = browser.page;
	page.setDefaultTimeout(20000);
	await stack.rest.get('/workflows'); // sets up the owner account the browser logs in as
	await logIn(page, stack.n8nUrl);
}, 15 * 60 * 1000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
}, 60000);

describe('defaults in the editor (n8n 2.41.1)', () => {
	let id;

	it('a new node opens on Message › Send, a saved version-1 node on Chat › Archive', async () => {
		id = await createWorkflow();
		await page.goto(`${stack.n8nUrl}/workflow/${id}`);
		await page.getByTestId('canvas-node').first().waitFor();
		await openNode('New v2');
		expect([await shown('resource'), await shown('operation')]).toEqual(['Message', 'Send']);
		expect(await optionsOf('resource')).toContain('Custom API Call');
		await closeNode();
		await openNode('Saved v1');
		expect([await shown('resource'), await shown('operation')]).toEqual(['Chat', 'Archive']);
		await closeNode();
	});

	it.each([
		['Queue', 'Get Messages'],
		['Group', 'Get'],
		['Chat', 'Get Many'],
		['Instance', 'Get State'],
		['Status', 'Get Many'],
	])('picking %s in a new node selects %s', async (resource, operation) => {
		await openNode('New v2');
		await pick('resource', resource);
		expect(await shown('operation')).toBe(operation);
		await closeNode();
	});

	it('saves a picked resource and leaves the default operation out', async () => {
		await openNode('New v2');
		await pick('resource', 'Queue');
		await closeNode();
		await page.keyboard.press('Control+s');
		await page.waitForTimeout(1500);
		const saved = await stack.rest.get(`/workflows/${id}`);
		const node = saved.nodes.find((entry) => entry.name === 'New v2');
		expect(node.typeVersion).toBe(2);
		// the operation, Get Messages, is the default: n8n leaves it out
		expect(node.parameters).toEqual({ resource: 'queue', options: {} });
	});
});
