import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';

// What the editor keeps of Send Buttons' fields: n8n's own getNodeParameters drops every field it does not show
const { description } = new GreenApi();
const button = { type: 'copy', buttonText: 'Code', copyCode: 'SPRING25', url: 'https://example.com', phoneNumber: '+79001234567' };
const shown = (buttonsType: string, values: IDataObject[]) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		{ resource: 'message', operation: 'sendButtons', chatId: '79001234567@c.us', buttonsType, body: 'Hi', buttons: { values } } as INodeParameters,
		false,
		false,
		// the panel of a new node (version 2): some pickers differ by version
		{ typeVersion: 2, parameters: {} } as unknown as INode,
		description,
	)?.buttons as { values: IDataObject[] };

describe('Message › Send Buttons panel', () => {
	it.each([
		['copy', { type: 'copy', buttonText: 'Code', copyCode: 'SPRING25' }],
		['call', { type: 'call', buttonText: 'Code', phoneNumber: '+79001234567' }],
		['url', { buttonText: 'Code', url: 'https://example.com' }],
	])('shows an action button of type %s only its own field', (type, kept) => {
		expect(shown('action', [{ ...button, type }]).values).toEqual([kept]);
	});

	it('shows reply buttons only their text', () => {
		expect(shown('reply', [button]).values).toEqual([{ buttonText: 'Code' }]);
	});

	it('labels the add button "Add Button", not "Choose..."', () => {
		const buttons = description.properties.find((property) => property.name === 'buttons' && property.type === 'fixedCollection');
		expect(buttons?.placeholder).toBe('Add Button');
	});
});
