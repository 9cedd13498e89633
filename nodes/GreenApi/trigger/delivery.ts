import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MAX_BODY_BYTES, parseWebhookBody, readRawBody } from './body';
import { normalizeEvent, passesFilters } from './events';
import { readTriggerFilters } from './description';
import { notificationIdentity } from './identity';
import { firstDelivery } from './repeats';
import { registeredToken } from './registration';
import { isVerification, refusalOf } from './verification';
import { clock } from '../transport/clock';

/** What n8n answers to an event that starts the workflow. */
export const ACCEPTED = { message: 'Event received' };

/**
 * One webhook request, start to end: size, sender, body, event, filters, repeat. A refused request gets its status
 * (413, 401, 400) and a message saying why, and starts nothing; an event filtered out or received before gets 200
 * (GREEN-API re-sends anything else for 24 hours); a new event starts one execution.
 */
export async function receiveWebhook(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	const refuse = (status: number, message: string): IWebhookResponseData => {
		context.getResponseObject().status(status).json({ message });
		return { noWebhookResponse: true };
	};
	if (Number(request.headers['content-length']) > MAX_BODY_BYTES) return refuse(413, tooLarge());
	const rawBody = await readRawBody(request);
	if (rawBody.length > MAX_BODY_BYTES) return refuse(413, tooLarge());

	const refusal = await refusalOf(context, { headers: request.headers, rawBody, registeredToken: registeredToken(context) });
	if (refusal) {
		const where = { workflowId: context.getWorkflow().id, node: context.getNode().name };
		// a Verification value the node does not know is the workflow's fault, not the sender's: said loudly
		if (isVerification(context.getNodeParameter('authentication', ''))) {
			context.logger.debug(`GREEN-API Trigger refused a webhook (401): ${refusal}`, where);
		} else {
			context.logger.error(`GREEN-API Trigger refused a webhook (401): ${refusal}`, where);
		}
		return refuse(401, refusal);
	}

	const parsed = parseWebhookBody(rawBody);
	if ('refusal' in parsed) return refuse(400, parsed.refusal);
	const event = normalizeEvent(parsed.body);
	if (!event) return refuse(400, 'The body is neither a GREEN-API nor a WAHA webhook');

	if (!passesFilters(event, readTriggerFilters(context))) {
		return { webhookResponse: { message: 'Event received and filtered out' } };
	}
	// GREEN-API re-sends a webhook it thinks was not answered 200: the same event starts one execution
	const scope = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().id}`;
	if (!firstDelivery(scope, notificationIdentity(parsed.body), clock().now())) {
		return { webhookResponse: { message: 'Event received before; not started again' } };
	}
	return {
		workflowData: [context.helpers.returnJsonArray([event as unknown as IDataObject])],
		webhookResponse: ACCEPTED,
	};
}

function tooLarge(): string {
	return `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`;
}
