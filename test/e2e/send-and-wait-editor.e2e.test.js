'use strict';
// Send and Wait for Response in the real n8n editor (headless Chromium): the operation's panel, the page a person
// sees on a phone, and the node offered as a human-review tool under an AI Agent. Screenshots go to a folder outside
// the repository (printed at the start); with UPDATE_DOCS_SCREENSHOTS=1 the README's picture of the page is renewed.
const fs = require('node:fs');
const path = require('node:path');

const { launchBrowser, logIn, artifactsDir } = require('./browser');
const { startStack, ROOT } = require('./stack');
const { SEED } = require('../emulator/server');

const PACKAGE = require('../../package.json');
const HITL_TYPE = `${PACKAGE.name}.greenApiHitlTool`;

jest.setTimeout(240000);

let stack;
let browser;
let page;
let shots;

async function screenshot(target, name, { docs = false } = {}) {
	const file = path.join(shots, `${name}.png`);
	await target.screenshot({ path: file });
	if (docs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(ROOT, 'docs', `${name}.png`));
	return file;
}

/** Saves a workflow through the editor's own session; returns its id. */
async function saveWorkflow(workflow) {
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

async function openNode(name) {
	await page.getByTestId('canvas-node').filter({ has: page.getByText(name, { exact: true }) }).dblclick();
	await page.getByTestId('node-parameters').waitFor();
}

async function closeNode() {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('node-parameters').waitFor({ state: 'hidden' });
}

/** The labels of the fields the open panel shows. */
async function labelsInPanel() {
	return await page
		.getByTestId('node-parameters')
		.locator('label.n8n-input-label span')
		.evaluateAll((spans) => spans.map((span) => (span.textContent ?? '').replace(/\*/g, '').trim()).filter(Boolean));
}

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'send-and-wait-workflows') });
	shots = artifactsDir();
	process.stderr.write(`[send-and-wait editor e2e] screenshots: ${shots}\n`);
	browser = await launchBrowser();
	page = browser.page;
	page.setDefaultTimeout(20000);
	// the REST client sets the owner up on its first call; the editor then signs in as that owner
	await stack.rest.get('/workflows');
	await logIn(page, stack.n8nUrl);
}, 15 * 60 * 1000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
}, 60000);

describe('Send and Wait for Response in the editor', () => {
	it('shows the operation’s panel: chat, question, response type, approval options, options', async () => {
		await page.goto(`${stack.n8nUrl}/workflow/e2eAskApproval1`);
		await page.getByTestId('canvas-node').first().waitFor();
		await openNode('Ask');
		const labels = await labelsInPanel();
		for (const label of ['Resource', 'Operation', 'Chat ID', 'Message', 'Response Type', 'Approval Options', 'Type of Approval', 'Approve Button Label', 'Decline Button Label']) {
			expect(labels).toContain(label);
		}
		await screenshot(page, 'send-and-wait-panel');
		await closeNode();
	});

	it('shows the page a person sees on a phone, with the question and the button', async () => {
		const before = (await stack.control('GET', 'log')).length;
		await stack.runWebhook('e2e-ask-approval', { chatId: SEED.personalChatId, question: 'Refund order 42 (89.90 EUR) to Anna Petrova?' });
		let request;
		for (let tries = 0; tries < 100 && !request; tries++) {
			request = (await stack.control('GET', 'log')).slice(before).find((entry) => entry.method === 'sendInteractiveButtons');
			if (!request) await new Promise((resolve) => setTimeout(resolve, 300));
		}
		const phone = await browser.context.newPage();
		await phone.setViewportSize({ width: 390, height: 560 });
		await phone.goto(request.body.buttons[0].url);
		await phone.getByRole('button', { name: 'Refund' }).waitFor();
		expect(await phone.locator('.question').innerText()).toBe('Refund order 42 (89.90 EUR) to Anna Petrova?');
		await screenshot(phone, 'send-and-wait-page', { docs: true });
		await phone.close();
	});

	it('is offered as a human-review tool under an AI Agent', async () => {
		const types = await (await page.request.get(`${stack.n8nUrl}/types/nodes.json`)).json();
		const hitl = types.find((type) => type.name === HITL_TYPE);
		expect(hitl).toBeDefined();
		expect(hitl.outputs).toEqual([expect.objectContaining({ displayName: 'Human review', type: 'ai_tool' })]);
		expect(hitl.codex.subcategories.Tools).toEqual(['Human in the Loop']);

		const id = await saveWorkflow({
			name: 'Agent with a human review',
			nodes: [
				{ id: 'hitl-chat', name: 'When chat message received', type: '@n8n/n8n-nodes-langchain.chatTrigger', typeVersion: 1.3, position: [0, 0], webhookId: '5e4d0000-0000-4000-8000-0000000000a1', parameters: { options: {} } },
				{ id: 'hitl-agent', name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [260, 0], parameters: { options: {} } },
			],
			connections: { 'When chat message received': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		await page.goto(`${stack.n8nUrl}/workflow/${id}`);
		await page.getByTestId('canvas-node').first().waitFor();
		// the agent's "Tool" input: its + opens the node creator on the tools
		const plus = page.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="AI Agent"] [data-test-id="canvas-handle-plus"]');
		const creator = page.getByTestId('node-creator');
		// the tools' "Human review" group lists every node that can ask a person before a tool runs
		const humanReview = creator.getByTestId('item-iterator-item').filter({ hasText: 'Human review' });
		// on a busy machine the canvas may still be settling when the + is first clicked: click again if no tools show
		await plus.waitFor();
		for (let tries = 0; tries < 3; tries++) {
			await plus.click();
			if (await humanReview.first().waitFor({ timeout: 20000 }).then(() => true, () => false)) break;
			await page.keyboard.press('Escape');
		}
		await humanReview.first().click();
		const entry = creator.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').getByText('GREEN-API', { exact: true }) });
		await entry.first().waitFor();
		await screenshot(page, 'send-and-wait-human-review-tools');
		const entries = await creator.getByTestId('node-creator-item-name').allInnerTexts();
		fs.writeFileSync(path.join(shots, 'human-review-entries.txt'), entries.join('\n'));
		expect(entries).toContain('GREEN-API');
		// the human-review variant n8n makes of the node (not the plain GREEN-API tool)
		expect(await entry.first().innerText()).toContain('Request human approval for tools');
	});
});
