import type { INodeProperties } from 'n8n-workflow';

import { GreenApi } from '../nodes/GreenApi/GreenApi.node';

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
	it('offers every operation under its saved value', () => {
		const { properties } = new GreenApi().description;
		const operations = properties
			.filter((property) => property.name === 'operation')
			.map((property) => [property.displayOptions?.show?.resource, property.options?.map((option) => ('value' in option ? option.value : undefined))]);
		expect(operations).toEqual([
			[['call'], ['getAll']],
			[['chat'], ['archive', 'getHistory', 'getAll', 'setDisappearing', 'unarchive']],
			[['contact'], ['checkWhatsapp', 'get', 'getAvatar', 'getAll']],
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
		const { description } = new GreenApi();
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'greenApi', required: true }]);
	});
});
