'use strict';
// The package's panels in the real n8n 2.41.1 editor (headless Chromium), as a user sees them: every example
// workflow opens with no issue marker on the canvas and no parameter issue in the panel of any of the package's
// nodes (and the check does see the defects it guards against); Message › Send Buttons shows only the fields of the
// chosen button type and adds with "Add Button"; every notice of the package's nodes shows under its conditions only,
// and the Queue Trigger tells the user what to do in test mode.
const fs = require('node:fs');
const path = require('node:path');

const { launchBrowser, logIn } = require('./browser');
const { startStack, ROOT, GREEN_API_CREDENTIAL_ID, WEBHOOK_SECRET_CREDENTIAL_ID } = require('./stack');

const PACKAGE = require('../../package.json');
const PREFIX = `${PACKAGE.name}.`;
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.json')).sort();

// what the user reads, word for word
const NOTICES = {
	archiveNotice:
		'Chat Archived or Unarchived is sent by WAHA only: GREEN-API has no such webhook. For a GREEN-API instance, use the GREEN-API Queue Trigger, which detects archive changes by comparing the chat list.',
	unknownVerificationNotice:
		'This Verification value is not one the node knows, so every webhook is refused (401). Choose Bearer Token, HMAC Signature or None.',
	registrationNotice: 'GREEN-API applies new settings within about five minutes: events sent before then still go to the previous URL',
	wahaNotice:
		'To archive, unarchive or delete WAHA chats, read their history, or edit and delete WAHA messages, use the WAHA node with a WAHA API credential',
	duplicatesNotice:
		"An event GREEN-API sends again runs once: a repeat this n8n process remembers starts nothing, and one it does not (after a restart, on another process) stops at this trigger with no items. In queue mode a repeat that reaches another process before the first copy's record is in n8n's store (a second or more) can still run: where it must not, use the GREEN-API Queue Trigger.",
	queueNotice:
		'Receives events by asking GREEN-API for them, so n8n needs no public URL. GREEN-API fills this queue only while the instance has no webhook URL; one workflow per instance.',
	testNotice:
		'To test: click "Execute step" (or "Execute workflow"), then send a WhatsApp message to the instance\'s number, or from it. The first event in the queue starts the test run (an event already waiting in the queue comes first).',
	deleteChatNotice: 'This permanently deletes the chat and all its messages from the WhatsApp account. It cannot be undone.',
	deleteAllMessagesNotice: 'This permanently deletes every message of the chat from the WhatsApp account. It cannot be undone.',
};
const QUEUE_PANEL = {
	header: 'Waiting for an event in the GREEN-API queue',
	activationHint: 'Once you have finished building your workflow, publish it to receive every event of the queue without clicking a button.',
	executionsHelp:
		'While building your workflow, click "Execute step", then send a WhatsApp message to the instance\'s number (or from it): the first event in the queue starts the test run.',
};

jest.setTimeout(240000);

let stack;
let browser;
let page;

const greenApiCredential = { greenApi: { id: GREEN_API_CREDENTIAL_ID, name: 'GREEN-API emulator' } };
const secretCredential = { greenApiWebhookApi: { id: WEBHOOK_SECRET_CREDENTIAL_ID, name: 'GREEN-API webhook secret' } };

/** Saves a workflow through n8n's REST API (as the stack imports); returns its id. */
async function saveWorkflow(workflow) {
	return (await stack.rest.post('/workflows', { settings: { executionOrder: 'v1' }, connections: {}, ...workflow })).id;
}

/** Saves one workflow with the given nodes (laid out in a row) and opens it in the editor. */
async function openWorkflow(name, nodes) {
	const id = await saveWorkflow({ name, nodes: nodes.map((node, index) => ({ id: `panels-${index}`, position: [index * 300, 0], ...node })) });
	await openSaved(id, nodes.length);
}

async function openSaved(id, nodeCount) {
	await page.goto(`${stack.n8nUrl}/workflow/${id}`);
	await page.getByTestId('canvas-node').nth(nodeCount - 1).waitFor();
}

const canvasNode = (name) => page.getByTestId('canvas-node').filter({ has: page.getByText(name, { exact: true }) });

async function openNode(name) {
	await canvasNode(name).dblclick();
	await page.getByTestId('node-parameters').getByTestId('parameter-item').first().waitFor();
}

async function closeNode() {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('node-parameters').waitFor({ state: 'hidden' });
}

/** Picks an option of a select parameter in the open panel (within `scope`, the panel by default). */
async function pick(parameter, label, scope = page.getByTestId('node-parameters')) {
	await scope.getByTestId(`parameter-input-${parameter}`).click();
	// an option shows its name, and its description under it
	await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText(label, { exact: true }) }).first().click();
}

/** The names of the parameters of the open panel that show n8n's issue marker (the red triangle). */
async function parameterIssues() {
	// the marker renders with the field; a short pause lets a panel that just opened finish rendering
	await page.waitForTimeout(300);
	return await page
		.getByTestId('node-parameters')
		.locator('[data-test-id="parameter-issues"]:visible')
		.evaluateAll((markers) =>
			markers.map((marker) => marker.closest('[data-test-id="parameter-item"]')?.querySelector('label.n8n-input-label')?.getAttribute('for') ?? '?'),
		);
}

/**
 * What a user sees wrong in a workflow: the nodes the canvas marks with n8n's issue marker, and every parameter issue
 * in the panel of each of the package's nodes, as ["<node>: canvas", "<node>: <parameter>"].
 */
async function issuesOf(workflow) {
	const id = await saveWorkflow(workflow);
	await openSaved(id, workflow.nodes.length);
	await page.waitForTimeout(500);
	const found = [];
	for (const node of workflow.nodes) {
		if (await canvasNode(node.name).locator('[data-test-id="node-issues"], [data-test-id="node-setup-required"]').count()) found.push(`${node.name}: canvas`);
	}
	for (const node of workflow.nodes.filter((entry) => entry.type.startsWith(PREFIX))) {
		await openNode(node.name);
		for (const parameter of await parameterIssues()) found.push(`${node.name}: ${parameter}`);
		await closeNode();
	}
	return found;
}

function example(file) {
	const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
	// a fresh id for each save, so that a workflow can be saved twice (the check below saves edited copies)
	delete workflow.id;
	return workflow;
}

/** The labels of the fields shown in the Buttons collection of the open panel, in order. */
/**
 * The labels of the buttons' fields, once the panel shows `expected` (it re-renders a moment after a change) or after
 * 5 s, whichever comes first: what it shows then.
 */
async function buttonFields(expected) {
	const read = async () =>
		await page
			.getByTestId('fixed-collection-buttons')
			.locator('label.n8n-input-label:visible')
			.evaluateAll((labels) => labels.map((label) => (label.querySelector('span')?.textContent ?? '').replace(/\*/g, '').trim()));
	const deadline = Date.now() + 5000;
	let shown = await read();
	while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < deadline) {
		await page.waitForTimeout(100);
		shown = await read();
	}
	return shown;
}

/** The notices the open panel shows, as their names in NOTICES (or their text, if it is none of them). */
async function noticesShown() {
	await page.waitForTimeout(300);
	const texts = await page
		.getByTestId('node-parameters')
		.locator('.notice:visible')
		.evaluateAll((notices) => notices.map((notice) => (notice.querySelector('.notice-content')?.textContent ?? notice.textContent).trim()));
	return texts.map((text) => Object.keys(NOTICES).find((name) => NOTICES[name] === text) ?? text);
}

beforeAll(async () => {
	stack = await startStack({});
	browser = await launchBrowser();
	page = browser.page;
	page.setDefaultTimeout(20000);
	await stack.rest.get('/workflows'); // sets up the owner account the browser logs in as
	await logIn(page, stack.n8nUrl);
}, 15 * 60 * 1000);

// a test that failed with its panel (or a drop-down) open would fail every next one: each starts on the canvas
afterEach(async () => {
	await page.keyboard.press('Escape');
	if (await page.getByTestId('ndv-close-button').isVisible()) await closeNode();
});

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
}, 60000);

describe('every example opens with no issue', () => {
	it.each(EXAMPLES)('%s: no issue marker on the canvas, no parameter issue in any panel of the package', async (file) => {
		const workflow = example(file);
		expect(workflow.nodes.some((node) => node.type.startsWith(PREFIX))).toBe(true);
		expect(await issuesOf(workflow)).toEqual([]);
	});

	it('the check sees the defects it guards against: an unknown Verification and an emptied required field', async () => {
		const forward = example('forward-received-file.json');
		forward.nodes.find((node) => node.name === 'GREEN-API Trigger').parameters.authentication = 'bearer';
		// n8n 2.41.1's canvas marks a missing required value, not an option value it does not know: the panel does
		expect(await issuesOf(forward)).toEqual(['GREEN-API Trigger: authentication']);
		const history = example('chat-history.json');
		history.nodes.find((node) => node.name === 'Get history').parameters.chatId = '';
		expect(await issuesOf(history)).toEqual(['Get history: canvas', 'Get history: chatId']);
	});
});

describe('Message › Send Buttons (version 2)', () => {
	beforeAll(async () => {
		await openWorkflow('Send Buttons panel', [
			{ name: 'Send Buttons', type: `${PREFIX}greenApi`, typeVersion: 2, parameters: { resource: 'message', operation: 'sendButtons' }, credentials: greenApiCredential },
		]);
	});

	beforeEach(async () => await openNode('Send Buttons'));

	it.each([
		['Open URL (the default)', 'Open URL', ['Action', 'Text', 'URL']],
		['Copy', 'Copy', ['Action', 'Text', 'Text to Copy']],
		['Call', 'Call', ['Action', 'Phone Number', 'Text']],
		['Open URL, picked again after Call', 'Open URL', ['Action', 'Text', 'URL']],
	])('an action button of type %s shows only its fields', async (_title, type, fields) => {
		await pick('buttonsType', 'Action Buttons');
		await pick('type', type, page.getByTestId('fixed-collection-buttons'));
		expect(await buttonFields(fields)).toEqual(fields);
	});

	it('a reply button shows only its text', async () => {
		await pick('buttonsType', 'Reply Buttons');
		expect(await buttonFields(['Text'])).toEqual(['Text']);
		await pick('buttonsType', 'Action Buttons');
		expect(await buttonFields(['Action', 'Text', 'URL'])).toEqual(['Action', 'Text', 'URL']);
	});

	it('adds a button with "Add Button", never "Choose..."', async () => {
		const panel = page.getByTestId('node-parameters');
		const add = page.getByTestId('fixed-collection-buttons').locator('xpath=..').getByTestId('fixed-collection-add');
		expect((await add.innerText()).trim()).toBe('Add Button');
		expect(await panel.getByText('Choose...').count()).toBe(0);
		await add.click();
		// the new button comes with the fields of an Open URL button
		expect(await buttonFields(['Action', 'Text', 'URL', 'Action', 'Text', 'URL'])).toEqual(['Action', 'Text', 'URL', 'Action', 'Text', 'URL']);
	});
});

describe('the notices', () => {
	it('covers every notice of the package’s nodes', async () => {
		const types = await (await page.request.get(`${stack.n8nUrl}/types/nodes.json`)).json();
		const notices = types
			.filter((type) => type.name.startsWith(PREFIX))
			.flatMap((type) => type.properties.filter((property) => property.type === 'notice'))
			.map((property) => [property.name, property.displayName]);
		expect(Object.fromEntries(notices)).toEqual(NOTICES);
	});

	const trigger = (name, typeVersion, parameters) => ({ name, type: `${PREFIX}greenApiTrigger`, typeVersion, parameters, credentials: secretCredential });
	const waha = (name, operation) => ({ name, type: `${PREFIX}waha`, typeVersion: 1, parameters: { resource: 'chat', operation } });
	const cases = [
		[trigger('New trigger', 1.2, {}), ['registrationNotice', 'duplicatesNotice']],
		[trigger('Archive, Bearer', 1.2, { events: ['chat.archive'], authentication: 'bearerToken' }), ['archiveNotice', 'registrationNotice', 'duplicatesNotice']],
		[trigger('Archive and message, Bearer, not registering', 1.2, { events: ['incomingMessageReceived', 'chat.archive'], registerWebhook: false }), ['archiveNotice', 'duplicatesNotice']],
		[trigger('Archive, HMAC', 1.2, { events: ['chat.archive'], authentication: 'hmac' }), ['wahaNotice', 'duplicatesNotice']],
		[trigger('Archive, None', 1.1, { events: ['chat.archive'], authentication: 'none' }), ['duplicatesNotice']],
		[trigger('Unknown verification', 1.2, { authentication: 'bearer' }), ['unknownVerificationNotice', 'duplicatesNotice']],
		[{ name: 'Queue Trigger', type: `${PREFIX}greenApiQueueTrigger`, typeVersion: 1, parameters: {}, credentials: greenApiCredential }, ['queueNotice', 'testNotice']],
		[waha('WAHA Delete', 'delete'), ['deleteChatNotice']],
		[waha('WAHA Delete All Messages', 'deleteAllMessages'), ['deleteAllMessagesNotice']],
		[waha('WAHA Archive', 'archive'), []],
		[{ name: 'GREEN-API Send', type: `${PREFIX}greenApi`, typeVersion: 2, parameters: {}, credentials: greenApiCredential }, []],
	];

	beforeAll(async () => {
		await openWorkflow(
			'Notices',
			cases.map(([node], index) => ({ ...node, webhookId: `0f6f3c62-5d2a-4c57-9c1e-${String(index).padStart(12, '0')}` })),
		);
	});

	it.each(cases.map(([node, notices]) => [node.name, notices]))('%s shows %j', async (name, notices) => {
		await openNode(name);
		expect(await noticesShown()).toEqual(notices);
		await closeNode();
	});

	it('the archive notice goes when the user picks HMAC (WAHA) and comes back with Bearer Token (GREEN-API)', async () => {
		await openNode('Archive, Bearer');
		await pick('authentication', 'HMAC Signature (WAHA)');
		expect(await noticesShown()).toEqual(['wahaNotice', 'duplicatesNotice']);
		await pick('authentication', 'Bearer Token (GREEN-API)');
		expect(await noticesShown()).toEqual(['archiveNotice', 'registrationNotice', 'duplicatesNotice']);
		await closeNode();
	});

	it('the Queue Trigger says what to do in test mode, before and while it listens, and the first event queued runs', async () => {
		await openNode('Queue Trigger');
		const header = page.getByTestId('trigger-header');
		expect((await header.innerText()).trim()).toBe(QUEUE_PANEL.header);
		await page.getByText(QUEUE_PANEL.activationHint).waitFor();
		// n8n's "When will this node trigger my flow?" opens the trigger's own help
		await page.getByText('When will this node trigger my flow?').click();
		await page.getByText(QUEUE_PANEL.executionsHelp).waitFor();

		// test mode: Execute step listens for the first event in the queue; the hints stay
		await page.getByTestId('trigger-execute-button').click();
		await page.getByTestId('trigger-execute-button').getByText('Stop Listening').waitFor();
		expect((await header.innerText()).trim()).toBe(QUEUE_PANEL.header);
		expect(await noticesShown()).toEqual(['queueNotice', 'testNotice']);
		// what the hint promises: a message to the instance's number, i.e. an event in the queue, starts the test run
		await stack.control('POST', 'webhooks/green-api/batch', { notifications: [{ typeWebhook: 'incomingMessageReceived' }] });
		const output = page.getByTestId('output-panel');
		await output.getByText('1 item').first().waitFor({ timeout: 30000 });
		await output.getByTestId('radio-button-json').click();
		await output.getByText('incomingMessageReceived').first().waitFor();
		await page.getByTestId('trigger-execute-button').getByText('Execute step').waitFor();
		// a test run only looks at the event: it stays in the queue, for the next test run or the published workflow
		expect(await stack.control('GET', 'queue')).toMatchObject({ length: 1, deleted: [] });
		await closeNode();
	});
});
