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
	it('offers the Chat and Group operations under their saved values', () => {
		const { properties } = new GreenApi().description;
		const operations = properties
			.filter((property) => property.name === 'operation')
			.map((property) => [property.displayOptions?.show?.resource, property.options?.map((option) => ('value' in option ? option.value : undefined))]);
		expect(operations).toEqual([
			[['call'], ['getAll']],
			[['chat'], ['archive', 'getHistory', 'getAll', 'unarchive']],
			[['contact'], ['checkWhatsapp', 'get', 'getAvatar', 'getAll']],
			[
				['group'],
				['removeParticipant', 'addParticipant', 'create', 'demote', 'get', 'leave', 'promote', 'rename', 'setPicture', 'updateSettings'],
			],
			[
				['instance'],
				['getAuthorizationCode', 'getQr', 'getSettings', 'getState', 'getWhatsappSettings', 'logout', 'reboot', 'setProfilePicture', 'updateSettings'],
			],
			[['queue'], ['clearMessages', 'clearWebhooks', 'getMessages', 'getMessagesCount', 'getWebhooksCount']],
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
	])('%s › %s saves exactly its documented parameters', (resource, operation, expected) => {
		expect(parametersOf(resource, operation).filter((name, index, all) => all.indexOf(name) === index)).toEqual(expected);
	});

	it('is usable as a tool and needs the greenApi credential', () => {
		const { description } = new GreenApi();
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'greenApi', required: true }]);
	});
});
