import nock from 'nock';

import { useClock, systemClock } from '../nodes/GreenApi/transport/clock';
import { resetPacing } from '../nodes/GreenApi/transport/pacing';
import { VirtualClock } from './helpers/virtualClock';

beforeAll(() => {
	nock.disableNetConnect();
});

beforeEach(() => {
	// Every test runs on a virtual clock: read it with virtualClock() from test/helpers/virtualClock.
	useClock(new VirtualClock());
	resetPacing();
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	useClock(systemClock);
	expect(pending).toEqual([]);
});

afterAll(() => {
	nock.enableNetConnect();
});
