import nock from 'nock';
import { Container } from '@n8n/di';
import { ExecuteContext, InstanceSettings, validateUrlSignature, WAITING_TOKEN_QUERY_PARAM, WebhookContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IRunExecutionData, IWebhookData, IWebhookResponseData } from 'n8n-workflow';
import { createRunExecutionData, WAIT_INDEFINITELY } from 'n8n-workflow';

import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';
import { API_URL, apiPath, buildAdditionalData, buildWorkflow, CREDENTIALS_BY_TYPE, TOKEN } from '../helpers/harness';
import { virtualClock } from '../helpers/virtualClock';

const CHAT = '79001234567@c.us';
const GROUP = '120363043968066561@g.us';
const EXECUTION_ID = '42';
const NODE_ID = '7c1d2e3f-0a1b-4c2d-9e8f-123456789abc';
const WAITING_BASE = 'http://localhost:5678/webhook-waiting';
const LINK = new RegExp(`^${WAITING_BASE}/${EXECUTION_ID}/${NODE_ID}\\?answer=(approve|decline|respond)&nonce=[0-9a-f]{24}&signature=[0-9a-f]{64}$`);

const nodeType = new GreenApi();

beforeEach(() => {
	virtualClock().time = Date.parse('2026-12-01T10:00:00Z');
});

interface Page {
	status?: number;
	headers: Record<string, string>;
	html: string;
	result: IWebhookResponseData;
}

/**
 * One question, the way n8n runs it: the node's execute in n8n-core's real ExecuteContext (its signed links, its
 * custom data, its putExecutionToWait), then the node's webhook in n8n-core's real WebhookContext for the same
 * waiting execution (the same execution data, the node's input from its place on the execution stack).
 */
async function ask(parameters: IDataObject, items: IDataObject[] = [{ order: 42 }], customData: Record<string, string> = {}) {
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', { resource: 'message', operation: 'sendAndWait', ...parameters }, { id: NODE_ID });
	const runExecutionData: IRunExecutionData = createRunExecutionData();
	runExecutionData.resultData.metadata = { ...customData };
	const input: INodeExecutionData[] = items.map((json) => ({ json }));
	const stackEntry = { node, data: { main: [input] }, source: { main: [{ previousNode: 'Start' }] } };
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(CREDENTIALS_BY_TYPE, { executionId: EXECUTION_ID }),
		'trigger',
		runExecutionData,
		0,
		input,
		stackEntry.data,
		stackEntry,
		[],
	);
	const output = (await nodeType.execute.call(context)) as INodeExecutionData[][];
	runExecutionData.executionData!.nodeExecutionStack.push(stackEntry);

	/** A person (or a robot) opening a link: GET shows the page, POST answers. */
	async function open(url: string, method = 'GET', body: IDataObject = {}): Promise<Page> {
		const query = Object.fromEntries(new URL(url).searchParams);
		const headers: Record<string, string> = {};
		const page: Page = { headers, html: '', result: {} };
		const response = {
			status(code: number) {
				page.status = code;
				return response;
			},
			setHeader(name: string, value: string) {
				headers[name.toLowerCase()] = value;
			},
			end(html: string) {
				page.html = html;
			},
		};
		const request = { method, query, body, headers: { 'user-agent': method === 'GET' ? 'WhatsApp/2.23.20.0' : 'Mozilla/5.0' } };
		const webhookData = { httpMethod: method, node: node.name, path: NODE_ID, webhookDescription: nodeType.description.webhooks![0], workflowId: 'wf-1' } as unknown as IWebhookData;
		const webhook = new WebhookContext(workflow, node, buildAdditionalData(CREDENTIALS_BY_TYPE, { executionId: EXECUTION_ID, httpRequest: request, httpResponse: response }), 'webhook', webhookData, [], runExecutionData);
		page.result = await nodeType.webhook.call(webhook);
		return page;
	}
	return { output, runExecutionData, input, open };
}

/** Records the bodies GREEN-API gets for `method`, answering each with a new idMessage. */
function greenApi(method: string) {
	const bodies: IDataObject[] = [];
	const scope = nock(API_URL)
		.post(apiPath(method), (body: IDataObject) => {
			bodies.push(body);
			return true;
		})
		.reply(200, { idMessage: 'BAE5W1' });
	return { bodies, scope };
}

function linksOf(body: IDataObject): string[] {
	if (Array.isArray(body.buttons)) return (body.buttons as IDataObject[]).map((button) => button.url as string);
	return [...String(body.message).matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
}

function items(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData ?? []).flat().map((item) => item.json);
}

describe('Message › Send and Wait for Response: sending', () => {
	it('asks an approval with URL buttons (sendInteractiveButtons), signed links, and waits without a limit', async () => {
		const { bodies, scope } = greenApi('sendInteractiveButtons');
		const { output, runExecutionData } = await ask({
			chatId: '+7 900 123-45-67',
			message: 'Refund order 42?',
			approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' } },
		});
		scope.done();
		expect(bodies).toHaveLength(1);
		const [approve, decline] = linksOf(bodies[0]);
		expect(bodies[0]).toEqual({
			chatId: CHAT,
			body: 'Refund order 42?',
			buttons: [
				{ type: 'url', buttonId: '1', buttonText: 'Yes, refund', url: approve },
				{ type: 'url', buttonId: '2', buttonText: 'No', url: decline },
			],
		});
		expect(approve).toMatch(LINK);
		expect(new URL(approve).searchParams.get('answer')).toBe('approve');
		expect(new URL(decline).searchParams.get('answer')).toBe('decline');
		expect(runExecutionData.waitTill).toEqual(WAIT_INDEFINITELY);
		expect(output[0].map((item) => item.json)).toEqual([{ chatId: CHAT, idMessage: 'BAE5W1', waitingUntil: null }]);
		expect(JSON.stringify(runExecutionData)).not.toContain(TOKEN);
	});

	it('signs every link with n8n’s key: the signature verifies, and a changed answer or nonce does not', async () => {
		const { bodies } = greenApi('sendInteractiveButtons');
		await ask({ chatId: CHAT, message: 'Refund?', approvalOptions: { values: { approvalType: 'double' } } });
		const secret = Container.get(InstanceSettings).hmacSignatureSecret;
		const [approve, decline] = linksOf(bodies[0]);
		for (const link of [approve, decline]) {
			const url = new URL(link);
			expect(validateUrlSignature(url.searchParams.get(WAITING_TOKEN_QUERY_PARAM)!, url, secret)).toBe(true);
		}
		const forged = new URL(decline);
		forged.searchParams.set('answer', 'approve');
		expect(validateUrlSignature(forged.searchParams.get(WAITING_TOKEN_QUERY_PARAM)!, forged, secret)).toBe(false);
		const otherNonce = new URL(approve);
		otherNonce.searchParams.set('nonce', '0'.repeat(24));
		expect(validateUrlSignature(otherNonce.searchParams.get(WAITING_TOKEN_QUERY_PARAM)!, otherNonce, secret)).toBe(false);
	});

	it('sends a text message with the links, previews off, to a group (no buttons there) and when asked', async () => {
		for (const [chatId, options] of [[GROUP, {}], [CHAT, { linksAsText: true }]] as const) {
			const { bodies, scope } = greenApi('sendMessage');
			await ask({ chatId, message: 'Who takes the night shift?', responseType: 'freeText', options: { ...options, buttonLabel: 'Answer' } });
			scope.done();
			const [link] = linksOf(bodies[0]);
			expect(link).toMatch(LINK);
			expect(bodies[0]).toEqual({ chatId, message: `Who takes the night shift?\n\nAnswer: ${link}`, linkPreview: false });
		}
	});

	it('waits until the limit: after an interval, or at a time', async () => {
		greenApi('sendInteractiveButtons');
		const interval = await ask({ chatId: CHAT, message: 'OK?', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 90, resumeUnit: 'minutes' } } } });
		expect(interval.runExecutionData.waitTill).toEqual(new Date('2026-12-01T11:30:00Z'));
		greenApi('sendInteractiveButtons');
		const at = await ask({ chatId: CHAT, message: 'OK?', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-24T18:00:00Z' } } } });
		expect(at.runExecutionData.waitTill).toEqual(new Date('2026-12-24T18:00:00Z'));
	});

	it('leaves a "no answer" item as the node’s input: what n8n passes on when the wait limit passes', async () => {
		greenApi('sendInteractiveButtons');
		const { input } = await ask({ chatId: CHAT, message: 'OK?', options: { limitWaitTime: { values: { resumeAmount: 2, resumeUnit: 'hours' } } } }, [{ order: 42 }]);
		expect(input.map((item) => item.json)).toEqual([{ order: 42, noAnswer: true, waitedUntil: '2026-12-01T12:00:00.000Z', chatId: CHAT, idMessage: 'BAE5W1' }]);
	});

	it.each([
		[{ chatId: CHAT, message: ' ' }, 'Invalid Message " " in item 0: expected text of 1 to 20000 characters'],
		[{ chatId: CHAT, message: 'OK?', approvalOptions: { values: { approveLabel: 'x'.repeat(26) } } }, /^Invalid Approve Button Label "x{26}" in item 0: expected text of 1 to 25 characters$/],
		[{ chatId: CHAT, message: 'OK?', approvalOptions: { values: { approvalType: 'double', approveLabel: 'OK', disapproveLabel: 'OK' } } }, /^Invalid Decline Button Label "OK" in item 0/],
		[{ chatId: CHAT, message: 'OK?', responseType: 'customForm', formFields: { values: [] } }, 'Invalid Form Fields 0 in item 0: expected 1 to 20 fields'],
		[{ chatId: CHAT, message: 'OK?', responseType: 'customForm', formFields: { values: [{ fieldLabel: 'Size', fieldType: 'dropdown', fieldOptions: ' , ' }] } }, /^Invalid Form Field 1 Choices " , " in item 0/],
		[{ chatId: CHAT, message: 'OK?', responseType: 'customForm', formFields: { values: [{ fieldLabel: 'A' }, { fieldLabel: 'A' }] } }, /^Invalid Form Field 2 Label "A" in item 0: expected a label no other field has/],
		[{ chatId: CHAT, message: 'OK?', options: { limitWaitTime: { values: { resumeAmount: 0 } } } }, 'Invalid Limit Wait Time › Amount 0 in item 0: expected a number greater than 0'],
		[{ chatId: CHAT, message: 'OK?', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '1999-01-01T00:00:00Z' } } } }, /^Invalid Limit Wait Time › Max Date and Time "1999-01-01T00:00:00Z" in item 0: expected a date and time in the future/],
		[{ chatId: 'someone', message: 'OK?' }, /^Invalid Chat ID "someone" in item 0/],
	])('refuses bad input before sending anything: %j', async (parameters, message) => {
		await expect(ask(parameters)).rejects.toThrow(message);
	});

	it('refuses before sending when n8n has no room left for its custom data (10 entries per execution)', async () => {
		const full = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key${i}`, 'x']));
		await expect(ask({ chatId: CHAT, message: 'OK?' }, [{}], full)).rejects.toThrow(
			'Send and Wait for Response cannot remember its question in item 0: the execution already holds 10 custom data entries',
		);
	});

	it('refuses more than one item: one question, one answer per run', async () => {
		await expect(ask({ chatId: CHAT, message: 'OK?' }, [{}, {}])).rejects.toThrow('Send and Wait for Response got 2 items in item 0: it asks one question and waits for one answer per run');
	});
});

describe('Message › Send and Wait for Response: the links', () => {
	it('a GET (a robot drawing a preview, or the person) shows the question and a button, and records nothing', async () => {
		const { bodies } = greenApi('sendInteractiveButtons');
		const { open } = await ask({ chatId: CHAT, message: 'Refund <b>order</b> 42?', approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund' } } });
		const page = await open(linksOf(bodies[0])[0]);
		expect(page.status).toBe(200);
		expect(page.result).toEqual({ noWebhookResponse: true });
		expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(page.headers['content-security-policy']).toContain("default-src 'none'");
		expect(page.html).toContain('Refund &#60;b&#62;order&#60;/b&#62; 42?');
		expect(page.html).toContain('<form method="post">');
		expect(page.html).toContain('>Refund</button>');
		expect(page.html).not.toContain('<script');
	});

	it('the page’s POST records the approval and resumes with {data: {approved, respondedAt}, chatId, idMessage}', async () => {
		for (const [index, approved] of [[0, true], [1, false]] as const) {
			const { bodies } = greenApi('sendInteractiveButtons');
			const { open } = await ask({ chatId: CHAT, message: 'Refund?', approvalOptions: { values: { approvalType: 'double' } } });
			const page = await open(linksOf(bodies[0])[index], 'POST', { answer: 'approve' });
			expect(page.status).toBe(200);
			expect(page.html).toContain('Thank you, your answer is recorded');
			expect(items(page.result)).toEqual([{ data: { approved, respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }, chatId: CHAT, idMessage: 'BAE5W1' }]);
		}
	});

	it('a second answer is refused politely and resumes nothing', async () => {
		const { bodies } = greenApi('sendInteractiveButtons');
		const { open } = await ask({ chatId: CHAT, message: 'Refund?', approvalOptions: { values: { approvalType: 'double' } } });
		const [approve, decline] = linksOf(bodies[0]);
		expect(items((await open(approve, 'POST')).result)).toHaveLength(1);
		const second = await open(decline, 'POST');
		expect(second.status).toBe(409);
		expect(second.html).toContain('This question is no longer open');
		expect(second.result).toEqual({ noWebhookResponse: true });
	});

	it('a link of an earlier send, or with a wrong nonce, is refused and resumes nothing', async () => {
		const first = greenApi('sendInteractiveButtons');
		const { open } = await ask({ chatId: CHAT, message: 'Refund?' });
		const link = new URL(linksOf(first.bodies[0])[0]);
		link.searchParams.set('nonce', 'f'.repeat(24));
		const page = await open(link.toString(), 'POST');
		expect(page.status).toBe(410);
		expect(page.result).toEqual({ noWebhookResponse: true });
	});

	it('a link for an answer the question does not offer is refused', async () => {
		const { bodies } = greenApi('sendInteractiveButtons');
		const { open } = await ask({ chatId: CHAT, message: 'Refund?' });
		const link = new URL(linksOf(bodies[0])[0]);
		link.searchParams.set('answer', 'decline');
		const page = await open(link.toString(), 'POST');
		expect(page.status).toBe(400);
		expect(page.result).toEqual({ noWebhookResponse: true });
	});

	it('free text: the page has a text box; an empty answer is shown again; the answer resumes with {data: {text}}', async () => {
		const { bodies } = greenApi('sendInteractiveButtons');
		const { open } = await ask({ chatId: CHAT, message: '={{ "Why was order " + $json.order + " late?" }}', responseType: 'freeText' });
		expect(bodies[0].body).toBe('Why was order 42 late?');
		const [link] = linksOf(bodies[0]);
		const page = await open(link);
		expect(page.html).toContain('Why was order 42 late?');
		expect(page.html).toContain('<textarea id="text" name="text" required>');
		const empty = await open(link, 'POST', { text: '  ' });
		expect(empty.status).toBe(422);
		expect(empty.html).toContain('Please write your answer.');
		expect(empty.result).toEqual({ noWebhookResponse: true });
		const answered = await open(link, 'POST', { text: ' The courier was ill ' });
		expect(items(answered.result)).toEqual([{ data: { text: 'The courier was ill', respondedAt: expect.any(String) }, chatId: CHAT, idMessage: 'BAE5W1' }]);
	});

	it('custom form: text, number, dropdown and date fields, checked, and the answer keyed by label', async () => {
		const { bodies } = greenApi('sendInteractiveButtons');
		const { open } = await ask({
			chatId: CHAT,
			message: 'Book a table',
			responseType: 'customForm',
			formFields: {
				values: [
					{ fieldLabel: 'Name', fieldType: 'text', requiredField: true },
					{ fieldLabel: 'Seats', fieldType: 'number', requiredField: true },
					{ fieldLabel: 'Room', fieldType: 'dropdown', fieldOptions: 'Hall, Terrace' },
					{ fieldLabel: 'Day', fieldType: 'date' },
				],
			},
		});
		const [link] = linksOf(bodies[0]);
		const page = await open(link);
		expect(page.html).toContain('<input id="field-1" name="field-1" type="number" step="any" value="" required>');
		expect(page.html).toContain('<option>Terrace</option>');
		expect(page.html).toContain('type="date"');
		expect(page.html).toContain('<form method="post" enctype="multipart/form-data">');
		for (const [body, error] of [
			[{ 'field-0': 'Ann', 'field-1': 'many' }, '“Seats” must be a number.'],
			[{ 'field-0': 'Ann', 'field-1': '2', 'field-2': 'Roof' }, 'Please choose one of the choices of “Room”.'],
			[{ 'field-0': 'Ann', 'field-1': '2', 'field-3': '2026-02-30' }, '“Day” must be a date (YYYY-MM-DD).'],
			[{ 'field-1': '2' }, 'Please fill in “Name”.'],
		] as const) {
			const refused = await open(link, 'POST', body);
			expect(refused.status).toBe(422);
			expect(refused.html).toContain(error);
			expect(refused.result.workflowData).toBeUndefined();
		}
		// as n8n hands over a multipart/form-data answer: {data: fields (each a list), files}
		const answered = await open(link, 'POST', { data: { 'field-0': ['Ann'], 'field-1': ['4'], 'field-2': ['Terrace'], 'field-3': [''] }, files: {} });
		expect(items(answered.result)).toEqual([
			{ data: { Name: 'Ann', Seats: 4, Room: 'Terrace', Day: null, respondedAt: expect.any(String) }, chatId: CHAT, idMessage: 'BAE5W1' },
		]);
	});
});
