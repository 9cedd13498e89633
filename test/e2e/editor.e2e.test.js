'use strict';
// The package in the real n8n editor, in a headless Chromium: installed through n8n's Community Nodes installer from
// a local npm registry, as a user installs it. Finds the nodes in the node creator, opens every operation of the node
// (the list comes from the node's description at run time), tests a credential against the emulator, executes an
// example workflow and reads its output, and looks at Settings → Community Nodes. Screenshots go to a folder outside
// the repository (printed at the start); with UPDATE_DOCS_SCREENSHOTS=1 the README's pictures in docs/ are renewed.
const fs = require('node:fs');
const path = require('node:path');

const { launchBrowser, logIn, artifactsDir } = require('./browser');
const { startStack, ROOT, GREEN_API_CREDENTIAL_ID } = require('./stack');

const PACKAGE = require('../../package.json');
const NODE_TYPE = `${PACKAGE.name}.greenApi`;
const TRIGGER_TYPE = `${PACKAGE.name}.greenApiTrigger`;
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';
const TOKEN_ADVICE = 'The API token was rejected (HTTP 401): copy apiTokenInstance again from the GREEN-API console';
const INSTANCE_ADVICE =
	'GREEN-API does not know this instance at this host (HTTP 403): check the Instance ID, and that the API URL is the one the console shows for the instance';

// a panel takes a few seconds to open on a busy 2-core machine
jest.setTimeout(240000);

let stack;
let browser;
let page;
let shots;
/** Node type descriptions as the editor gets them. */
let types;

async function screenshot(name, { docs = false } = {}) {
	const file = path.join(shots, `${name}.png`);
	await page.screenshot({ path: file });
	if (docs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(ROOT, 'docs', `${name}.png`));
	return file;
}

/** Errors the browser reported since `from` (an index into the lists), other than n8n's own calls to the internet. */
function errorsSince(from) {
	const offline = (entry) => /Failed to load resource: net::ERR_/.test(entry.text) && !/127\.0\.0\.1/.test(entry.location?.url ?? '');
	return [...browser.consoleErrors.slice(from.console), ...browser.pageErrors.slice(from.page)].filter((entry) => !offline(entry));
}

const mark = () => ({ console: browser.consoleErrors.length, page: browser.pageErrors.length });

function descriptionOf(type) {
	const description = types.find((entry) => entry.name === type);
	if (!description) throw new Error(`n8n does not know the node type ${type}`);
	return description;
}

function shownFor(property, values) {
	const show = property.displayOptions?.show ?? {};
	// the panel workflow's nodes are of version 1 (version 2 has its own operation pickers, with other defaults)
	return Object.entries(show).every(([name, allowed]) => (name === '@version' ? allowed.includes(1) : !(name in values) || allowed.includes(values[name])));
}

/** The names of a node's collection parameters (containers whose options are the fields). */
function containersOf(description) {
	return description.properties.filter((property) => ['collection', 'fixedCollection'].includes(property.type)).map((property) => property.name);
}

/** Every resource › operation of the node, from its description: [{ resource, operation, action, title }]. */
function operationsOf(description) {
	const resources = description.properties.find((property) => property.name === 'resource').options;
	return resources
		.filter((resource) => resource.value !== CUSTOM_API_CALL)
		.flatMap((resource) =>
			description.properties
				.filter((property) => property.name === 'operation' && shownFor(property, { resource: resource.value }))
				.flatMap((property) => property.options)
				.filter((option) => option.value !== CUSTOM_API_CALL)
				.map((option) => ({
					resource: resource.value,
					operation: option.value,
					action: option.action,
					// the node's name on the canvas, e.g. "Chat › Get Many"
					title: `${resource.name} › ${option.name}`,
				})),
		);
}

/** The node's parameters for one operation, with every option of its collections added, so that all of them show. */
function parametersFor(description, { resource, operation }) {
	const parameters = { resource, operation };
	for (const property of description.properties) {
		if (property.type !== 'collection' || !shownFor(property, { resource, operation })) continue;
		if (!property.displayOptions?.show?.operation) continue;
		parameters[property.name] = Object.fromEntries(property.options.map((option) => [option.name, option.default]));
	}
	return parameters;
}

/** A workflow with one GREEN-API node per operation, named after it, saved through n8n's REST API. */
async function createPanelWorkflow(operations) {
	const description = descriptionOf(NODE_TYPE);
	const nodes = [
		{ id: 'everyOp-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...operations.map((op, index) => ({
			id: `everyOp-${op.resource}-${op.operation}`,
			name: op.title,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [300 + (index % 5) * 260, Math.floor(index / 5) * 200],
			parameters: parametersFor(description, op),
			credentials: { greenApi: { id: GREEN_API_CREDENTIAL_ID, name: 'GREEN-API emulator' } },
		})),
	];
	// through the editor's own session (n8n ties it to the browser id the editor keeps in localStorage)
	const workflow = { name: 'Every GREEN-API operation', nodes, connections: {}, settings: { executionOrder: 'v1' } };
	const { status, text } = await page.evaluate(async (body) => {
		const response = await fetch('/rest/workflows', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': localStorage.getItem('n8n-browserId') ?? '' },
			body: JSON.stringify(body),
		});
		return { status: response.status, text: await response.text() };
	}, workflow);
	if (status !== 200) throw new Error(`saving the workflow answered ${status}: ${text}`);
	return JSON.parse(text).data.id;
}

async function openNodeCreator() {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').waitFor();
}

/** Searches the node creator and waits for an entry named `expected`; returns every entry's name. */
async function search(text, expected) {
	await page.getByTestId('node-creator-search-bar').fill(text);
	const names = page.getByTestId('node-creator').getByTestId('node-creator-item-name');
	await names.getByText(expected, { exact: true }).first().waitFor();
	return await names.allInnerTexts();
}

/** Opens a node's panel by double-clicking it on the canvas. */
async function openNode(name) {
	const node = page.getByTestId('canvas-node').filter({ has: page.getByText(name, { exact: true }) });
	await node.dblclick();
	await page.getByTestId('node-parameters').waitFor();
}

async function closeNode() {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('node-parameters').waitFor({ state: 'hidden' });
}

/** Every field the node panel shows: { name, label, hasDescription }; the credential slot and notices aside. */
async function fieldsInPanel() {
	return await page
		.getByTestId('node-parameters')
		.getByTestId('parameter-item')
		.evaluateAll((items) =>
			items
				// n8n 2.41 renders a notice as the item itself (class "notice")
				.filter((item) => !item.querySelector('[data-test-id="node-credentials-slot"]') && !item.matches('.notice') && !item.querySelector('.n8n-notice, .notice'))
				.map((item) => {
					const label = item.querySelector('label.n8n-input-label');
					return {
						name: label?.getAttribute('for') ?? null,
						label: (label?.querySelector('span')?.textContent ?? '').replace(/\*/g, '').trim(),
						hasDescription: Boolean(label?.querySelector('[data-icon="circle-help"]')),
					};
				}),
		);
}

beforeAll(async () => {
	stack = await startStack({ install: 'registry', workflowsDir: path.join(ROOT, 'examples'), publishAll: false });
	shots = artifactsDir();
	process.stderr.write(`[editor e2e] screenshots: ${shots}\n`);
	browser = await launchBrowser();
	page = browser.page;
	page.setDefaultTimeout(20000);
}, 15 * 60 * 1000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
}, 60000);

describe('the n8n editor with the package installed', () => {
	it('logs in', async () => {
		await logIn(page, stack.n8nUrl);
		expect(new URL(page.url()).pathname).not.toBe('/signin');
		types = await (await page.request.get(`${stack.n8nUrl}/types/nodes.json`)).json();
		expect(types.map((type) => type.name)).toEqual(expect.arrayContaining([NODE_TYPE, TRIGGER_TYPE]));
	});

	it('finds the nodes in the node creator by "GREEN" and by "WhatsApp", with plain action and trigger entries', async () => {
		await page.goto(`${stack.n8nUrl}/workflow/exampleArchiveQuiet`);
		await page.getByTestId('canvas-node').first().waitFor();
		await openNodeCreator();
		// n8n shows the node and its trigger as one entry, named after the node
		expect(await search('WhatsApp', 'GREEN-API')).toContain('GREEN-API');
		expect(await search('GREEN', 'GREEN-API')).toContain('GREEN-API');
		await screenshot('node-creator-search');
		const creator = page.getByTestId('node-creator');
		const searchResults = await creator.getByTestId('node-creator-item-name').allInnerTexts();
		const entry = page.getByTestId('node-creator-item-name').getByText('GREEN-API', { exact: true });
		// n8n shows the trigger's description for the merged entry and in the package's header: the package's text
		const packageText = 'Send WhatsApp messages and files, manage chats, groups, contacts and statuses, and start workflows on messages';
		expect(await creator.getByTestId('item-iterator-item').filter({ has: entry }).first().innerText()).toContain(packageText);
		await creator.getByTestId('item-iterator-item').filter({ has: entry }).first().click();
		await creator.getByText(packageText).first().waitFor();
		const expectedActions = operationsOf(descriptionOf(NODE_TYPE)).map((op) => op.action);
		const expand = async (category) => {
			const header = creator.getByTestId('node-creator-category-item').filter({ hasText: category });
			await header.waitFor();
			if ((await header.locator('..').getAttribute('data-category-collapsed')) === 'true') await header.click();
		};
		await expand(/^Actions/);
		await expand(/^Triggers/);
		await creator.getByTestId('node-creator-item-name').filter({ hasText: /^On / }).first().waitFor();
		// the search results slide out while the node's entries slide in; long lists render as they scroll into view
		const seen = new Set();
		for (let tries = 0, unchanged = 0; tries < 100 && unchanged < 3; tries++) {
			const names = await creator.getByTestId('node-creator-item-name').allInnerTexts();
			if (names.some((name) => searchResults.includes(name))) {
				await page.waitForTimeout(200);
				continue;
			}
			const before = seen.size;
			for (const name of names) seen.add(name);
			unchanged = seen.size === before ? unchanged + 1 : 0;
			await creator.getByTestId('node-creator-item-name').last().scrollIntoViewIfNeeded();
			await page.waitForTimeout(200);
		}
		const names = [...seen];
		await screenshot('node-creator-entries');

		const triggers = names.filter((name) => name.startsWith('On '));
		expect(names.filter((name) => !name.startsWith('On ')).sort()).toEqual([...expectedActions].sort());
		for (const action of expectedActions) expect(action).toMatch(/^[A-Z][a-z]+( [a-zA-Z-]+)+$/);

		const events = descriptionOf(TRIGGER_TYPE).properties.find((property) => /^events?$/.test(property.name));
		const eventNames = events.options.map((option) => option.name);
		expect(triggers).toHaveLength(eventNames.length);
		for (const entry of triggers) {
			// plain words: no event ids (chat.archive, incomingMessageReceived), no sender names tacked on
			expect(entry).toMatch(/^On [a-z][a-z ]*[a-z]$/);
			expect(entry.length).toBeLessThanOrEqual(40);
			expect(eventNames.map((name) => `On ${name}`.toLowerCase())).toContain(entry.toLowerCase());
		}
		await page.keyboard.press('Escape');
	});

	it('opens every operation of the node: every field has a label and a description, and no errors', async () => {
		const operations = operationsOf(descriptionOf(NODE_TYPE));
		expect(operations.length).toBeGreaterThanOrEqual(5);
		// as in n8n's own nodes, Resource, Operation and the Options/Filters containers have no description of their
		// own: their options (each checked here, since every collection option is set) carry one
		const undescribed = new Set(['resource', 'operation', ...containersOf(descriptionOf(NODE_TYPE))]);
		const id = await createPanelWorkflow(operations);
		await page.goto(`${stack.n8nUrl}/workflow/${id}`);
		await page.getByTestId('canvas-node').first().waitFor();
		const problems = [];
		for (const op of operations) {
			const name = op.title;
			const before = mark();
			await openNode(name);
			const fields = await fieldsInPanel();
			if (fields.length < 3) problems.push(`${name}: only ${fields.length} fields shown`);
			for (const field of fields) {
				if (!field.name || !field.label) problems.push(`${name}: a field without a label (${JSON.stringify(field)})`);
				else if (!field.hasDescription && !undescribed.has(field.name)) {
					problems.push(`${name}: field "${field.label}" (${field.name}) has no description`);
				}
			}
			if (op.resource === 'chat' && op.operation === 'getAll') await screenshot('node-panel', { docs: true });
			await closeNode();
			for (const error of errorsSince(before)) problems.push(`${name}: browser error ${error.text.slice(0, 300)}`);
		}
		expect(problems).toEqual([]);
	});

	it('shows the trigger panel', async () => {
		const before = mark();
		await page.goto(`${stack.n8nUrl}/workflow/exampleArchiveTrig`);
		await page.getByTestId('canvas-node').first().waitFor();
		await openNode('GREEN-API Trigger');
		const fields = await fieldsInPanel();
		expect(fields.length).toBeGreaterThanOrEqual(3);
		const containers = containersOf(descriptionOf(TRIGGER_TYPE));
		for (const field of fields) {
			expect(field.label).not.toBe('');
			if (!containers.includes(field.name)) expect({ field: field.name, hasDescription: field.hasDescription }).toEqual({ field: field.name, hasDescription: true });
		}
		await screenshot('trigger-panel', { docs: true });
		await closeNode();
		expect(errorsSince(before)).toEqual([]);
	});

	it('creates a GREEN-API credential: the test passes, and fails with the advice for a wrong token or instance', async () => {
		const { credential } = stack.emulator;
		await page.goto(`${stack.n8nUrl}/home/credentials/create`);
		await page.getByTestId('new-credential-type-select').click();
		await page.keyboard.type('GREEN-API');
		await page.getByTestId('new-credential-type-select-option').filter({ hasText: /^GREEN-API WhatsApp API$/ }).click();
		await page.getByTestId('new-credential-type-button').click();
		const modal = page.getByTestId('editCredential-modal');
		const fill = async (field, value) => await modal.getByTestId(`parameter-input-${field}`).locator('input').fill(value);
		const save = async () => {
			const tested = page.waitForResponse((response) => response.url().endsWith('/rest/credentials/test'));
			await modal.getByTestId('credential-save-button').click();
			await tested;
		};
		const failure = async () => {
			const banner = modal.getByText('Couldn’t connect with these settings');
			await banner.waitFor();
			const details = modal.getByText('More details');
			if (await details.isVisible()) await details.click();
			return await modal.innerText();
		};
		await fill('apiUrl', credential.apiUrl);
		await fill('mediaUrl', credential.mediaUrl);
		await fill('idInstance', credential.idInstance);
		await fill('apiTokenInstance', credential.apiTokenInstance);
		await save();
		await modal.getByTestId('credentials-config-container-test-success').waitFor();
		expect(await modal.getByTestId('credentials-config-container-test-success').innerText()).toContain('Connection tested successfully');
		await screenshot('credential-ok');

		await fill('apiTokenInstance', 'wrongToken0123456789');
		await save();
		expect(await failure()).toContain(TOKEN_ADVICE);
		await screenshot('credential-wrong-token');

		await fill('apiTokenInstance', credential.apiTokenInstance);
		await fill('idInstance', '1101999999');
		await save();
		expect(await failure()).toContain(INSTANCE_ADVICE);
		await screenshot('credential-wrong-instance');
		await page.keyboard.press('Escape');
	});

	it('executes an example workflow from the editor and shows its output', async () => {
		await page.goto(`${stack.n8nUrl}/workflow/exampleArchiveQuiet`);
		await page.getByTestId('canvas-node').first().waitFor();
		const finished = page.waitForResponse((response) => /\/rest\/workflows\/[^/]+\/run/.test(response.url()));
		await page.getByTestId('execute-workflow-button').click();
		await finished;
		await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 30000 });
		await screenshot('executed-workflow', { docs: true });
		await openNode('Archive each chat');
		const output = page.getByTestId('output-panel');
		await output.getByText('archived').first().waitFor();
		await output.getByTestId('radio-button-json').click();
		let text = '';
		for (let tries = 0; tries < 50 && !/"(archived|error)":/.test(text); tries++) {
			// the JSON view renders a moment after it is chosen
			await page.waitForTimeout(200);
			text = (await output.innerText()).replace(/\s+/g, ' ');
		}
		fs.writeFileSync(path.join(shots, 'executed-workflow-output.txt'), text);
		expect(text).toMatch(/3 items/);
		// each chat archived, or failed on its own (Continue On Fail) with GREEN-API's reason
		const archived = (text.match(/"chatId": "[^"]+", "archived": true, "changed": (true|false)/g) ?? []).length;
		const failed = (text.match(/"error": "Cannot archive chat [^"]+"/g) ?? []).length;
		expect(archived).toBeGreaterThanOrEqual(1);
		expect(archived + failed).toBe(3);
		await screenshot('executed-workflow-output');
		await closeNode();
	});

	it('lists the package with its version in Settings → Community Nodes', async () => {
		await page.goto(`${stack.n8nUrl}/settings/community-nodes`);
		const card = page.getByTestId('community-package-card').filter({ hasText: PACKAGE.name });
		await card.waitFor({ timeout: 60000 });
		const text = await card.innerText();
		expect(text).toContain(PACKAGE.name);
		expect(text).toContain(PACKAGE.version);
		await screenshot('community-nodes', { docs: true });
	});
});
