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
			[['chat'], ['archive', 'getHistory', 'getAll', 'unarchive']],
			[['group'], ['removeParticipant']],
		]);
	});

	it.each([
		['chat', 'getAll', ['resource', 'operation', 'returnAll', 'limit', 'filters', 'options']],
		['chat', 'archive', ['resource', 'operation', 'chatId', 'options']],
		['chat', 'unarchive', ['resource', 'operation', 'chatId', 'options']],
		['chat', 'getHistory', ['resource', 'operation', 'chatId', 'limit', 'options']],
		['group', 'removeParticipant', ['resource', 'operation', 'groupId', 'participantChatId', 'options']],
	])('%s › %s saves exactly its documented parameters', (resource, operation, expected) => {
		expect(parametersOf(resource, operation).filter((name, index, all) => all.indexOf(name) === index)).toEqual(expected);
	});

	it('is usable as a tool and needs the greenApi credential', () => {
		const { description } = new GreenApi();
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'greenApi', required: true }]);
	});
});
