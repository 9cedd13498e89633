import { ExecuteContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeProperties } from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers } from 'n8n-workflow';
import nock from 'nock';

import { GreenApi } from '../nodes/GreenApi/GreenApi.node';
import { GreenApiTrigger } from '../nodes/GreenApi/GreenApiTrigger.node';
import { API_URL, apiPath, buildAdditionalData, buildWorkflow, CREDENTIALS_BY_TYPE } from './helpers/harness';

/** The parameters a workflow saves for a resource/operation pair: they are the node's public interface. */
function parametersOf(resource: string, operation: string): string[] {
	const { properties } = new GreenApi().description;
	return properties
		.filter((property: INodeProperties) => {
			const show = property.displayOptions?.show;
			if (!show) return true;
			return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
		})
		.map((property) => property.name);
}

describe('GREEN-API node description', () => {
	it('the package entry n8n builds from the node and its trigger (with the trigger’s description) says what the package does', () => {
		const shown = new GreenApiTrigger().description.description;
		for (const words of ['messages and files', 'chats, groups, contacts', 'start workflows', 'GREEN-API or WAHA']) expect(shown).toContain(words);
		expect(new GreenApi().description.description).toContain('messages and files');
	});

	it('offers every operation under its saved value', () => {
		const { properties } = new GreenApi().description;
		const operations = properties
			.filter((property) => property.name === 'operation')
			.map((property) => [property.displayOptions?.show?.resource, property.options?.map((option) => ('value' in option ? option.value : undefined))])
			.filter(([resource], index, all) => all.findIndex(([other]) => String(other) === String(resource)) === index);
		expect(operations).toEqual([
			[['api'], ['callMethod']],
			[['call'], ['getAll']],
			[['chat'], ['archive', 'getHistory', 'getAll', 'setDisappearing', 'unarchive']],
			[['contact'], ['checkWhatsapp', 'add', 'delete', 'edit', 'get', 'getAvatar', 'getAll']],
			[['file'], ['upload']],
			[
				['group'],
				['removeParticipant', 'addParticipant', 'create', 'demote', 'get', 'leave', 'promote', 'rename', 'setPicture', 'updateSettings'],
			],
			[
				['instance'],
				['getAuthorizationCode', 'getQr', 'getSettings', 'getState', 'getWhatsappSettings', 'logout', 'reboot', 'setProfilePicture', 'updateSettings'],
			],
			[
				['message'],
				['send', 'sendFile', 'sendPoll', 'sendLocation', 'sendContact', 'sendButtons', 'sendAndWait', 'forward', 'sendTyping', 'edit', 'delete', 'get', 'markRead', 'download', 'getAll'],
			],
			[['queue'], ['clearMessages', 'clearWebhooks', 'getMessages', 'getMessagesCount', 'getWebhooksCount']],
			[['status'], ['sendText', 'sendMedia', 'sendVoice', 'delete', 'getStatistic', 'getAll']],
		]);
	});

	it.each([
		['chat', 'getAll', ['resource', 'operation', 'returnAll', 'limit', 'filters', 'options']],
		['chat', 'archive', ['resource', 'operation', 'chatId', 'options']],
		['chat', 'unarchive', ['resource', 'operation', 'chatId', 'options']],
		['chat', 'getHistory', ['resource', 'operation', 'chatId', 'limit', 'options']],
		['group', 'removeParticipant', ['resource', 'operation', 'groupId', 'participantChatId', 'options']],
		['group', 'create', ['resource', 'operation', 'name', 'participants', 'options']],
		['group', 'get', ['resource', 'operation', 'groupId', 'options']],
		['group', 'rename', ['resource', 'operation', 'groupId', 'name', 'options']],
		['group', 'updateSettings', ['resource', 'operation', 'groupId', 'whoCanEditSettings', 'whoCanSendMessages', 'options']],
		['group', 'addParticipant', ['resource', 'operation', 'groupId', 'participantChatId', 'options']],
		['group', 'promote', ['resource', 'operation', 'groupId', 'participantChatId', 'options']],
		['group', 'demote', ['resource', 'operation', 'groupId', 'participantChatId', 'options']],
		['group', 'leave', ['resource', 'operation', 'groupId', 'options']],
		['contact', 'getAll', ['resource', 'operation', 'returnAll', 'limit', 'filters', 'options']],
		['contact', 'get', ['resource', 'operation', 'chatId', 'options']],
		['contact', 'checkWhatsapp', ['resource', 'operation', 'phoneNumber', 'options']],
		['contact', 'getAvatar', ['resource', 'operation', 'chatId', 'options']],
		['instance', 'getState', ['resource', 'operation', 'options']],
		['instance', 'getSettings', ['resource', 'operation', 'options']],
		['instance', 'updateSettings', ['resource', 'operation', 'settings', 'options']],
		['instance', 'getWhatsappSettings', ['resource', 'operation', 'options']],
		['instance', 'getQr', ['resource', 'operation', 'options']],
		['instance', 'getAuthorizationCode', ['resource', 'operation', 'phoneNumber', 'options']],
		['instance', 'reboot', ['resource', 'operation', 'options']],
		['instance', 'logout', ['resource', 'operation', 'options']],
		['queue', 'getMessagesCount', ['resource', 'operation', 'options']],
		['queue', 'getMessages', ['resource', 'operation', 'options']],
		['queue', 'clearMessages', ['resource', 'operation', 'options']],
		['queue', 'getWebhooksCount', ['resource', 'operation', 'options']],
		['queue', 'clearWebhooks', ['resource', 'operation', 'options']],
		['call', 'getAll', ['resource', 'operation', 'direction', 'minutes', 'options']],
		['chat', 'setDisappearing', ['resource', 'operation', 'chatId', 'expiration', 'options']],
		['file', 'upload', ['resource', 'operation', 'binaryPropertyName', 'options']],
		['message', 'send', ['resource', 'operation', 'chatId', 'message', 'options']],
		['message', 'sendFile', ['resource', 'operation', 'chatId', 'source', 'binaryPropertyName', 'url', 'fileName', 'options']],
		['message', 'sendPoll', ['resource', 'operation', 'chatId', 'message', 'pollOptions', 'multipleAnswers', 'options']],
		['message', 'sendLocation', ['resource', 'operation', 'chatId', 'latitude', 'longitude', 'options']],
		['message', 'sendContact', ['resource', 'operation', 'chatId', 'phoneContact', 'firstName', 'options']],
		['message', 'sendButtons', ['resource', 'operation', 'chatId', 'buttonsType', 'body', 'buttons', 'options']],
		['message', 'forward', ['resource', 'operation', 'chatId', 'fromChatId', 'messageIds', 'options']],
		['message', 'sendTyping', ['resource', 'operation', 'chatId', 'typingType', 'typingTime', 'options']],
		['message', 'edit', ['resource', 'operation', 'chatId', 'messageId', 'message', 'options']],
		['message', 'delete', ['resource', 'operation', 'chatId', 'messageId', 'options']],
		['message', 'get', ['resource', 'operation', 'chatId', 'messageId', 'options']],
		['message', 'markRead', ['resource', 'operation', 'chatId', 'messageId', 'options']],
		['message', 'download', ['resource', 'operation', 'chatId', 'messageId', 'options']],
		['message', 'getAll', ['resource', 'operation', 'direction', 'minutes', 'returnAll', 'limit', 'options']],
		['status', 'sendText', ['resource', 'operation', 'message', 'options']],
		['status', 'sendMedia', ['resource', 'operation', 'source', 'binaryPropertyName', 'url', 'fileName', 'options']],
		['status', 'sendVoice', ['resource', 'operation', 'source', 'binaryPropertyName', 'url', 'fileName', 'options']],
		['status', 'delete', ['resource', 'operation', 'messageId', 'options']],
		['status', 'getStatistic', ['resource', 'operation', 'messageId', 'options']],
		['status', 'getAll', ['resource', 'operation', 'direction', 'minutes', 'options']],
		['group', 'setPicture', ['resource', 'operation', 'groupId', 'binaryPropertyName', 'options']],
		['instance', 'setProfilePicture', ['resource', 'operation', 'binaryPropertyName', 'options']],
	])('%s › %s saves exactly its documented parameters', (resource, operation, expected) => {
		expect(parametersOf(resource, operation).filter((name, index, all) => all.indexOf(name) === index)).toEqual(expected);
	});

	it('is usable as a tool and needs the greenApi credential', () => {
		expect(new GreenApi().description.version).toEqual([1, 2]);
		const { description } = new GreenApi();
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'greenApi', required: true }]);
	});
});

/** The parameters n8n gives a node of `typeVersion` saved with `saved` (n8n leaves out values equal to defaults). */
function loaded(typeVersion: number, saved: INodeParameters): INodeParameters {
	const { description } = new GreenApi();
	const node = { id: 'n', name: 'GREEN-API', type: 'n8n-nodes-greenapi.greenApi', typeVersion, position: [0, 0] as [number, number], parameters: saved };
	return NodeHelpers.getNodeParameters(description.properties, saved, true, false, node, description) as INodeParameters;
}

/** Runs a node of `typeVersion` saved with `parameters` on one empty item, as n8n loads and runs it. */
async function runVersion(typeVersion: number, parameters: IDataObject): Promise<INodeExecutionData[][]> {
	const nodeType = new GreenApi();
	const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', parameters, { typeVersion });
	const input: INodeExecutionData[] = [{ json: {} }];
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(CREDENTIALS_BY_TYPE),
		'manual',
		createRunExecutionData(),
		0,
		input,
		{ main: [input] },
		{ node, data: { main: [input] }, source: null },
		[],
	);
	return (await nodeType.execute!.call(context)) as INodeExecutionData[][];
}

describe('defaults: safe in a new node, unchanged in saved ones', () => {
	afterEach(() => nock.cleanAll());

	it.each([
		[2, 'message', 'send'],
		[1, 'chat', 'archive'],
	])('version %s starts on %s › %s', (version, resource, operation) => {
		expect(loaded(version, {})).toMatchObject({ resource, operation });
	});

	it.each([
		['call', 'getAll', 'getAll'],
		['chat', 'getAll', 'archive'],
		['contact', 'checkWhatsapp', 'checkWhatsapp'],
		['file', 'upload', 'upload'],
		['group', 'get', 'removeParticipant'],
		['instance', 'getState', 'getAuthorizationCode'],
		['message', 'send', 'send'],
		['queue', 'getMessages', 'clearMessages'],
		['status', 'getAll', 'sendText'],
	])('picking %s starts on %s in version 2 (version 1: %s)', (resource, version2, version1) => {
		expect(loaded(2, { resource }).operation).toBe(version2);
		expect(loaded(1, { resource }).operation).toBe(version1);
	});

	it('a saved version-1 workflow that left the defaults out still archives its chat', async () => {
		const archived = nock(API_URL).post(apiPath('archiveChat'), { chatId: '79001234567@c.us' }).reply(200, '');
		const [items] = await runVersion(1, { chatId: '79001234567@c.us' });
		expect(archived.isDone()).toBe(true);
		expect(items.map(({ json }) => json)).toEqual([{ chatId: '79001234567@c.us', archived: true, changed: true }]);
	});

	it('a new node with only a chat and a text sends the message', async () => {
		const sent = nock(API_URL)
			.post(apiPath('sendMessage'), { chatId: '79001234567@c.us', message: 'Hello' })
			.reply(200, { idMessage: 'BAE5F4886AB9BB11' });
		const [items] = await runVersion(2, { chatId: '79001234567@c.us', message: 'Hello' });
		expect(sent.isDone()).toBe(true);
		expect(items.map(({ json }) => json)).toEqual([{ chatId: '79001234567@c.us', idMessage: 'BAE5F4886AB9BB11' }]);
	});

	it('Queue picked in a new node reads the queue and clears nothing', async () => {
		const shown = nock(API_URL).get(apiPath('showMessagesQueue')).reply(200, []);
		await runVersion(2, { resource: 'queue' });
		expect(shown.isDone()).toBe(true);
	});

	it.each([
		['the Resource list', { resource: '__CUSTOM_API_CALL__' }],
		['an Operation list', { resource: 'chat', operation: '__CUSTOM_API_CALL__' }],
	])('"Custom API Call" picked in %s fails with what to do, sending nothing', async (_label, parameters) => {
		nock.disableNetConnect();
		const error = await runVersion(2, parameters).then(
			() => undefined,
			(thrown: Error & { description?: string }) => thrown,
		);
		expect(error?.message).toBe('Custom API Call runs in an HTTP Request node, not in this node');
		expect(error?.description).toMatch(/^Add an HTTP Request node with Authentication "Predefined Credential Type" and Credential Type "GREEN-API WhatsApp API"/);
	});
});
