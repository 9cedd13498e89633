import nock from 'nock';

import { API_URL, apiPath, runNode, runNodeError } from '../../helpers/harness';

const CALLS = [{ type: 'incoming', timestamp: 1731000000, idMessage: 'C1', chatId: '79001234567@c.us', status: 'missed' }];

describe('Call › Get Many', () => {
	it('gets lastIncomingCalls with the minutes and puts out one item per call', async () => {
		const scope = nock(API_URL).get(apiPath('lastIncomingCalls')).query({ minutes: 60 }).reply(200, CALLS);
		const [items] = await runNode({ parameters: { resource: 'call', operation: 'getAll', direction: 'incoming', minutes: 60 } });
		expect(items).toEqual([{ json: CALLS[0], pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('gets lastOutgoingCalls for outgoing calls, 1440 minutes by default', async () => {
		const scope = nock(API_URL).get(apiPath('lastOutgoingCalls')).query({ minutes: 1440 }).reply(200, []);
		const [items] = await runNode({ parameters: { resource: 'call', operation: 'getAll', direction: 'outgoing' } });
		expect(items).toEqual([]);
		scope.done();
	});

	it('refuses 0 minutes without a request', async () => {
		const error = await runNodeError({ parameters: { resource: 'call', operation: 'getAll', minutes: 0 } });
		expect(error.message).toBe('Invalid Minutes 0 in item 0: expected a whole number of at least 1');
	});
});
