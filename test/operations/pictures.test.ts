import nock from 'nock';

import { API_URL, CREDENTIALS, runNode, runNodeError, TOKEN } from '../helpers/harness';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x80)]);
const picture = (mimeType = 'image/jpeg') => [{ data: { data: JPEG.toString('base64'), fileName: 'team.jpg', mimeType } }];

/** The multipart parts nock saw: name → text, and the file part's bytes. */
function partsOf(body: Buffer, contentType: string): Record<string, string | Buffer> {
	const boundary = /boundary=(.+)$/.exec(contentType)![1];
	const parts: Record<string, string | Buffer> = {};
	for (const part of body.toString('latin1').split(`--${boundary}`).slice(1, -1)) {
		const [headers, ...rest] = part.slice(2, -2).split('\r\n\r\n');
		const name = /name="([^"]+)"/.exec(headers)![1];
		const value = rest.join('\r\n\r\n');
		parts[name] = /filename=/.test(headers) ? Buffer.from(value, 'latin1') : value;
	}
	return parts;
}

/** GREEN-API documents both picture methods on apiUrl (only sendFileByUpload and uploadFile go to mediaUrl). */
function expectUpload(method: string, answer: object) {
	const seen: Array<Record<string, string | Buffer>> = [];
	// a call on the media host (MEDIA_URL) fails the test: nock refuses requests it was not told of
	const scope = nock(API_URL)
		.post(`/waInstance${CREDENTIALS.idInstance}/${method}/${TOKEN}`)
		.reply(function (_uri, body) {
			seen.push(partsOf(Buffer.from(body as string, 'hex'), this.req.headers['content-type'] as string));
			return [200, answer];
		});
	return { scope, seen };
}

describe('Group › Set Picture', () => {
	const setPicture = { resource: 'group', operation: 'setPicture', groupId: '120363043968066561@g.us' };

	it('sends the group id and the JPEG as multipart to setGroupPicture on the API host, not the media host', async () => {
		const { scope, seen } = expectUpload('setGroupPicture', { setGroupPicture: true, urlAvatar: 'https://pps.example/g.jpg', reason: '' });
		const [items] = await runNode({ parameters: setPicture, binary: picture() });
		expect(items[0].json).toEqual({ groupId: '120363043968066561@g.us', pictureSet: true, urlAvatar: 'https://pps.example/g.jpg' });
		expect(seen[0].groupId).toBe('120363043968066561@g.us');
		expect((seen[0].file as Buffer).equals(JPEG)).toBe(true);
		scope.done();
	});

	it('fails the item when GREEN-API answers setGroupPicture: false, with its reason', async () => {
		expectUpload('setGroupPicture', { setGroupPicture: false, reason: 'not an admin' });
		const error = await runNodeError({ parameters: setPicture, binary: picture() });
		expect(error.message).toBe('The picture of group 120363043968066561@g.us was not changed (GREEN-API: not an admin)');
	});

	it('refuses a picture that is not a JPEG, and a personal chat as Group ID, without a request', async () => {
		expect((await runNodeError({ parameters: setPicture, binary: picture('image/png') })).message).toBe(
			'The file "team.jpg" of item 0 is image/png: WhatsApp takes pictures as JPEG (image/jpeg)',
		);
		expect((await runNodeError({ parameters: { ...setPicture, groupId: '79001234567@c.us' }, binary: picture() })).message).toMatch(
			/^Invalid Group ID "79001234567@c.us" in item 0/,
		);
	});
});

describe('Instance › Set Profile Picture', () => {
	it('sends the JPEG as multipart to setProfilePicture on the API host, not the media host', async () => {
		const { scope, seen } = expectUpload('setProfilePicture', { setProfilePicture: true, urlAvatar: 'https://pps.example/me.jpg', reason: '' });
		const [items] = await runNode({ parameters: { resource: 'instance', operation: 'setProfilePicture' }, binary: picture() });
		expect(items[0].json).toEqual({ pictureSet: true, urlAvatar: 'https://pps.example/me.jpg' });
		expect(Object.keys(seen[0])).toEqual(['file']);
		expect((seen[0].file as Buffer).equals(JPEG)).toBe(true);
		scope.done();
	});
});
