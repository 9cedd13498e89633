import { timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { RefusedAnswer, readAnswer } from './answer';
import { type Answer, readWaitConfig, type WaitConfig } from './config';
import { brokenLinkPage, closedPage, PAGE_CSP, questionPage, recordedPage } from './pages';
import { claimAnswer, readState, type WaitState } from './state';

function sameText(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function queryText(query: unknown, name: string): string {
	const value = (query as IDataObject | undefined)?.[name];
	return typeof value === 'string' ? value : '';
}

/** The page's fields: n8n parses multipart/form-data (the form page) into `{data: fields, files}`, a plain form into the body. */
function formFields(body: unknown): IDataObject {
	const given = (body ?? {}) as IDataObject;
	const data = given.data;
	return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : given;
}

/**
 * The links of Send and Wait for Response. n8n has checked the link's signature before calling this (it does so for
 * the `sendAndWait` operation) and refuses a wrong one itself. A GET only shows the page, so a robot that fetches the
 * link for a preview records nothing; the page's POST records the answer and resumes the execution. A link of an
 * earlier send, or a second answer, gets a polite page and changes nothing.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const reply = (status: number, html: string): IWebhookResponseData => {
		response.status(status);
		response.setHeader('Content-Type', 'text/html; charset=utf-8');
		response.setHeader('Content-Security-Policy', PAGE_CSP);
		response.setHeader('Cache-Control', 'no-store');
		response.setHeader('X-Robots-Tag', 'noindex');
		response.end(html);
		return { noWebhookResponse: true };
	};

	const state: WaitState | undefined = readState(this.customData, this.getNode().id);
	const nonce = queryText(request.query, 'nonce');
	if (!state || !sameText(nonce, state.nonce)) return reply(410, closedPage());

	let config: WaitConfig;
	try {
		config = readWaitConfig((name, fallback) => this.getNodeParameter(name, fallback));
	} catch {
		return reply(500, brokenLinkPage());
	}
	const answer = queryText(request.query, 'answer') as Answer;
	if (!config.links.some((link) => link.answer === answer)) return reply(400, brokenLinkPage());
	if (request.method !== 'POST') return reply(200, questionPage(config, answer));

	const data = readAnswer(config, answer, formFields(this.getBodyData()), new Date().toISOString());
	if (data instanceof RefusedAnswer) return reply(422, questionPage(config, answer, data.error, data.values));
	if (!claimAnswer(state.nonce)) return reply(409, closedPage());
	reply(200, recordedPage());
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: { data, chatId: state.chatId, idMessage: state.idMessage ?? null } }]],
	};
}
