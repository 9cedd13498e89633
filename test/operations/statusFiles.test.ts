import nock from 'nock';

import { API_URL, apiPath, CREDENTIALS, MEDIA_URL, runNode, runNodeError, TOKEN } from '../helpers/harness';

// MP3 frame headers (0xFF 0xFB) are not UTF-8, so nock hands the body over as hex
const AUDIO = Buffer.concat(Array.from({ length: 100 }, () => Buffer.from([0x49, 0x44, 0x33, 0xff, 0xfb, 0x90, 0x64])));
const binary = [{ data: { data: AUDIO.toString('base64'), fileName: 'note.mp3', mimeType: 'audio/mpeg' } }];

describe('Status › Send Voice / Send Media', () => {
	it('uploads binary data with uploadFile first, then sends the voice status with the link', async () => {
		const bodies: Buffer[] = [];
		const media = nock(MEDIA_URL)
			.post(`/waInstance${CREDENTIALS.idInstance}/uploadFile/${TOKEN}`)
			.reply(200, (_uri, body) => {
				bodies.push(Buffer.from(body as string, 'hex'));
				return { urlFile: 'https://sw-media-out.example/u/note.mp3' };
			});
		const api = nock(API_URL)
			.post(apiPath('sendVoiceStatus'), {
				urlFile: 'https://sw-media-out.example/u/note.mp3',
				fileName: 'note.mp3',
				backgroundColor: '#228B22',
				participants: ['79001234567@c.us', '442079460958@c.us'],
			})
			.reply(200, { idMessage: 'BAE5ST1' });
		const [items] = await runNode({
			parameters: {
				resource: 'status',
				operation: 'sendVoice',
				options: { backgroundColor: '#228B22', participants: '79001234567@c.us, +44 20 7946 0958' },
			},
			binary,
		});
		expect(items[0].json).toEqual({ idMessage: 'BAE5ST1', urlFile: 'https://sw-media-out.example/u/note.mp3' });
		expect(bodies[0].equals(AUDIO)).toBe(true);
		media.done();
		api.done();
	});

	it('sends a media status from a URL without uploading', async () => {
		const api = nock(API_URL)
			.post(apiPath('sendMediaStatus'), {
				urlFile: 'https://example.com/horse.png',
				fileName: 'horse.png',
				caption: 'Little horse',
			})
			.reply(200, { idMessage: 'BAE5ST2' });
		const [items] = await runNode({
			parameters: {
				resource: 'status',
				operation: 'sendMedia',
				source: 'url',
				url: 'https://example.com/horse.png',
				fileName: 'horse.png',
				options: { caption: 'Little horse' },
			},
		});
		expect(items[0].json).toEqual({ idMessage: 'BAE5ST2', urlFile: 'https://example.com/horse.png' });
		api.done();
	});

	it.each([
		[{ participants: 'team@g.us' }, /^Invalid Participants "team@g.us" in item 0: expected personal chat ids or phone numbers/],
		[{ backgroundColor: 'green' }, /^Invalid Background Color "green" in item 0: expected a hex color such as #228B22$/],
	])('refuses %j before uploading anything', async (options, message) => {
		const error = await runNodeError({ parameters: { resource: 'status', operation: 'sendVoice', options }, binary });
		expect(error.message).toMatch(message);
	});
});
