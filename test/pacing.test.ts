import nock from 'nock';

import { callsPerSecond, paceCall, pacingInterval } from '../nodes/GreenApi/transport/pacing';
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
