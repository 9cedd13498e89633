import { createHook } from 'async_hooks';

import nock from 'nock';

import { systemClock, useClock } from '../../nodes/GreenApi/transport/clock';
import { resetPacing } from '../../nodes/GreenApi/transport/pacing';
import { API_URL, apiPath } from '../helpers/harness';
import { triggerWorkflow } from '../helpers/triggerHarness';

/** The timers created while `run` runs that are still pending when it has finished. */
async function timersLeftBy(run: () => Promise<void>): Promise<number> {
	const pending = new Set<number>();
	const hook = createHook({
		init: (id, type) => {
			if (type === 'Timeout') pending.add(id);
		},
		destroy: (id) => pending.delete(id),
	}).enable();
	try {
		await run();
		// let n8n's and nock's own short timers of the last request fire (on a busy machine that can take more than one
		// turn of the event loop): waits up to 2 s, in turns of the loop that create no timer themselves, so a timer
		// left running (a 30 s or 60 s timeout never cleared, a pause never ended) is still counted
		const until = Date.now() + 2000;
		do await new Promise((settled) => setImmediate(settled));
		while (pending.size > 0 && Date.now() < until);
	} finally {
		hook.disable();
	}
	return pending.size;
}

describe('GREEN-API Trigger: clean stops (real timers)', () => {
	beforeEach(() => useClock(systemClock));

	it('leaves no timer behind after 5 activation, webhook and deactivation cycles', async () => {
		const left = await timersLeftBy(async () => {
			for (let cycle = 0; cycle < 5; cycle++) {
				const trigger = triggerWorkflow({ events: ['incomingMessageReceived'], authentication: 'bearerToken', registerWebhook: true });
				let registered = { webhookUrl: '', webhookUrlToken: '' };
				nock(API_URL).get(apiPath('getSettings')).times(2).reply(200, () => registered);
				nock(API_URL)
					.post(apiPath('setSettings'))
					.times(2)
					.reply(200, (_uri, body) => {
						registered = body as typeof registered;
						return { saveSettings: true };
					});
				// each step as if a while after the last (GREEN-API's pacing holds a second getSettings for a second)
				resetPacing();
				await trigger.create();
				const token = String(trigger.staticData().webhookToken);
				const delivery = await trigger.post(
					{ typeWebhook: 'incomingMessageReceived', instanceData: {}, timestamp: cycle },
					{ authorization: `Bearer ${token}` },
				);
				expect(delivery.items).toHaveLength(1);
				resetPacing();
				await trigger.delete();
			}
		});
		expect(left).toBe(0);
	});
});
