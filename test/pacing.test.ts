import nock from 'nock';

import { callsPerSecond, paceCall, paceSucceeded, pacingInterval, rateLimited, slowdownOf } from '../nodes/GreenApi/transport/pacing';
import { API_URL, CREDENTIALS, runNode, TOKEN } from './helpers/harness';
import { virtualClock } from './helpers/virtualClock';

describe('pacing table', () => {
	it.each([
		['setProfilePicture', 0.1, 10200],
		['qr', 3, 340],
		['addGroupParticipant', 10, 102],
		['setGroupAdmin', 10, 102],
		['removeAdmin', 10, 102],
		['leaveGroup', 10, 102],
		['checkWhatsapp', 10, 102],
		['getAvatar', 10, 102],
		['createGroup', 1, 1020],
		['getContacts', 1, 1020],
		['lastIncomingCalls', 1, 1020],
	])('paces %s at %d per second (%d ms apart)', (method, perSecond, interval) => {
		expect(callsPerSecond(method)).toBe(perSecond);
		expect(pacingInterval(method)).toBeCloseTo(interval, 6);
	});

	it('reads method names case-insensitively', () => {
		expect(callsPerSecond('SetProfilePicture')).toBe(0.1);
	});

	it('spaces calls of a fractional limit 10.2 s apart on the virtual clock', async () => {
		const clock = virtualClock();
		const startedAt: number[] = [];
		await Promise.all(
			[0, 1, 2].map(async () => {
				await paceCall('instance-a', 'setProfilePicture');
				startedAt.push(clock.now());
			}),
		);
		expect(startedAt).toEqual([0, 10200, 20400]);
	});
});

describe('stopping a pacing wait', () => {
	it('ends the wait at once; the calls queued behind it keep their turn', async () => {
		const clock = virtualClock().stepped();
		const stop = new AbortController();
		await paceCall('instance-c', 'setProfilePicture');
		const stopped = paceCall('instance-c', 'setProfilePicture', stop.signal);
		const next = paceCall('instance-c', 'setProfilePicture');
		stop.abort();
		await expect(stopped).rejects.toThrow();
		// the stopped call hands its turn on at once: the next one waits one interval from now, not two
		clock.step();
		expect(await next).toBe(10200);
	});
});

describe('Instance › Set Profile Picture pacing', () => {
	it('sends two pictures 10.2 s apart', async () => {
		const clock = virtualClock().stepped();
		const sentAt: number[] = [];
		// setProfilePicture is documented on apiUrl
		nock(API_URL)
			.post(`/waInstance${CREDENTIALS.idInstance}/setProfilePicture/${TOKEN}`)
			.times(2)
			.reply(() => {
				sentAt.push(clock.now());
				clock.step();
				return [200, { setProfilePicture: true, urlAvatar: 'https://pps.example/me.jpg', reason: '' }];
			});
		const jpeg = { data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64'), fileName: 'me.jpg', mimeType: 'image/jpeg' };
		const [items] = await runNode({
			parameters: { resource: 'instance', operation: 'setProfilePicture' },
			items: [{}, {}],
			binary: [{ data: jpeg }, { data: jpeg }],
		});
		expect(items).toHaveLength(2);
		expect(sentAt).toEqual([0, 10200]);
	});
});

describe('slowing down on 429s', () => {
	const lane = ['instance-b', 'sendMessage'] as const;

	it('cuts the speed by 1.5 × once per second (or Retry-After), and wins it back gradually', () => {
		const clock = virtualClock();
		clock.time = 1000;
		rateLimited(...lane, 900);
		expect(slowdownOf(...lane)).toBe(1.5);
		// calls of the same second all hear 429: only the first cuts
		clock.time = 1500;
		rateLimited(...lane, 1400);
		expect(slowdownOf(...lane)).toBe(1.5);
		// a 429 to a call started after the cool-down cuts again; a Retry-After longer than 1 s lengthens it
		clock.time = 2100;
		rateLimited(...lane, 2050, 5000);
		expect(slowdownOf(...lane)).toBe(2.25);
		rateLimited(...lane, 6000);
		expect(slowdownOf(...lane)).toBe(2.25);
		let successes = 0;
		while (slowdownOf(...lane) > 1) {
			paceSucceeded(...lane);
			successes++;
		}
		// 0.1 % of the documented rate per success: from 44 % back to 100 % in 556 calls
		expect(successes).toBe(556);
	});

	it('spaces the calls after a cut by the slower interval', async () => {
		const clock = virtualClock();
		const startedAt: number[] = [];
		for (let index = 0; index < 3; index++) {
			startedAt.push(await paceCall(...lane));
			if (index === 0) rateLimited(...lane, startedAt[0]);
		}
		expect(startedAt[1]).toBeCloseTo(20.4 * 1.5, 6);
		expect(startedAt[2]).toBeCloseTo(20.4 * 3, 6);
		expect(clock.now()).toBeCloseTo(61.2, 6);
	});

	it('two processes sharing one limit send every message once, with few refused calls', async () => {
		// Two n8n processes that cannot see each other: two credentials whose API URLs differ, against one rate
		// limit of 50 sends per (virtual) second that both count towards.
		const clock = virtualClock();
		const windows = new Map<number, number>();
		const seen = { accepted: 0, refused: 0 };
		const hosts = ['https://7105.api.green-api.com', 'https://7105.api-b.green-api.com'];
		for (const host of hosts) {
			nock(host)
				.post(`/waInstance${CREDENTIALS.idInstance}/sendMessage/${TOKEN}`)
				.times(1000)
				.optionally()
				.reply(() => {
					const second = Math.floor(clock.now() / 1000);
					const count = (windows.get(second) ?? 0) + 1;
					windows.set(second, count);
					if (count > 50) {
						seen.refused++;
						return [429, { message: 'Too Many Requests' }, { 'Retry-After': '1' }];
					}
					seen.accepted++;
					return [200, { idMessage: `BAE5${seen.accepted}` }];
				});
		}
		const items = Array.from({ length: 300 }, (_, index) => ({ text: `message ${index}` }));
		const runs = await Promise.all(
			hosts.map(
				async (apiUrl) =>
					await runNode({
						parameters: { resource: 'message', operation: 'send', chatId: '79001234567@c.us', message: '={{ $json.text }}' },
						items,
						credentials: { ...CREDENTIALS, apiUrl },
					}),
			),
		);
		const wallMs = clock.now();
		const requestsPerMessage = (seen.accepted + seen.refused) / 600;
		// the figures, for the README and BENCHMARKS.md
		process.stdout.write(
			`two processes × 300 sends, one limit of 50/s: ${seen.refused} refused, ${requestsPerMessage.toFixed(3)} requests per message, ${(wallMs / 1000).toFixed(1)} s (floor 12 s)\n`,
		);
		expect(runs.map(([output]) => output.length)).toEqual([300, 300]);
		expect(seen.accepted).toBe(600);
		// without the slow-down: 1.30–1.31 requests per message, quiet or loaded; with it 1.08–1.11 when this file runs
		// alone (quiet, or beside three CPU burners), and up to 1.167 inside the whole parallel unit suite on 2 cores
		// (how far virtual time runs ahead of the answers depends on the machine's load). The bound sits between the
		// two, so the test fails when the slow-down is gone, not when the machine is busy; the README's figure comes
		// from the benchmark.
		expect(requestsPerMessage).toBeLessThanOrEqual(1.25);
	}, 120_000);
});
