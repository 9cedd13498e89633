import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY } from 'n8n-workflow';

import { chatField } from '../../fields/chatLocator';
import { clock } from '../../transport/clock';
import { greenApiRequest } from '../../transport';
import { FieldProblem, type ReadParameter, readWaitConfig } from '../../sendAndWait/config';
import { approvalOptionsField, formFieldsField, responseTypeField, sendAndWaitOptions } from '../../sendAndWait/fields';
import { type SignedLink, waitRequest } from '../../sendAndWait/message';
import { newNonce, writeState } from '../../sendAndWait/state';
import { readWaitTill } from '../../sendAndWait/waitLimit';
import { invalidField, optionsCollection, readChatId } from '../common';
import type { Operation } from '../types';
import { messageTextField } from './fields';

export const sendAndWait: Operation = {
	// n8n checks the links' signature, and offers the node as a human-review tool, for exactly this value
	value: SEND_AND_WAIT_OPERATION,
	name: 'Send and Wait for Response',
	action: 'Send a message and wait for response',
	description: 'Send a question and pause the workflow until the person approves, declines, answers or fills in a form',
	properties: [
		...chatField('chatId', 'Chat ID', 'any', 'The chat to ask'),
		messageTextField('The question, 1 to 20,000 characters, e.g. Approve the refund of order 42?'),
		responseTypeField,
		approvalOptionsField,
		formFieldsField,
		optionsCollection(sendAndWaitOptions),
	],
	async execute(itemIndex) {
		const items = this.getInputData();
		if (items.length !== 1) {
			throw new NodeOperationError(this.getNode(), `Send and Wait for Response got ${items.length} items in item ${itemIndex}: it asks one question and waits for one answer per run`, {
				itemIndex,
				description: 'Give it one item, e.g. with Loop Over Items (batch size 1) before it, or a Limit node',
			});
		}
		const read: ReadParameter = (name, fallback) => this.getNodeParameter(name, itemIndex, fallback);
		const now = clock().now();
		let config;
		let waitTill;
		try {
			config = readWaitConfig(read);
			waitTill = readWaitTill(read, now);
		} catch (error) {
			if (error instanceof FieldProblem) throw invalidField(this, itemIndex, error.displayName, error.value, error.expected);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
		const chatId = readChatId(this, itemIndex, 'chatId', 'Chat ID', 'any');
		const nodeId = this.getNode().id;
		const nonce = newNonce();
		if (!writeState(this.customData, nodeId, { nonce, chatId })) {
			throw new NodeOperationError(this.getNode(), `Send and Wait for Response cannot remember its question in item ${itemIndex}: the execution already holds 10 custom data entries`, {
				itemIndex,
				description: 'n8n keeps at most 10 custom data entries per execution; remove one set earlier in the workflow (Execution Data node, Code node)',
			});
		}
		const links: SignedLink[] = config.links.map((link) => ({
			...link,
			url: this.getSignedResumeUrl({ answer: link.answer, nonce }),
		}));
		const asText = this.getNodeParameter('options.linksAsText', itemIndex, false) === true;
		const { method, body } = waitRequest(chatId, config.message, links, asText);
		const answer = (await greenApiRequest.call(this, { method, body, itemIndex })) as IDataObject;
		const idMessage = typeof answer.idMessage === 'string' ? answer.idMessage : undefined;
		writeState(this.customData, nodeId, { nonce, chatId, idMessage });
		// When the wait limit passes, n8n resumes the node disabled and it passes on its input: leave that input
		// marked, so that the execution goes on with a clear "no answer" item (an answer replaces it).
		const waitedUntil = waitTill.getTime() === WAIT_INDEFINITELY.getTime() ? null : waitTill.toISOString();
		items[0] = { ...items[0], json: { ...items[0].json, noAnswer: true, waitedUntil, chatId, idMessage: idMessage ?? null } };
		await this.putExecutionToWait(waitTill);
		return { chatId, idMessage: idMessage ?? null, waitingUntil: waitedUntil };
	},
};
