'use strict';
// Messages and files through the real n8n 2.41.1 (in `filesystem` binary mode) against the emulator: text send,
// edit, get and delete; a poll; a journal read; a 20 MB file fetched by the HTTP Request node and sent with
// Message › Send File (multipart, streamed from n8n's binary data store); a received file downloaded into binary
// data and sent on by the next node.
const { createHash } = require('node:crypto');
const path = require('node:path');

const { SEED } = require('../emulator/server');
const { generatedBytes } = require('../emulator/api/files');
const { startStack } = require('./stack');

let stack;

const control = (...args) => stack.control(...args);
const runWorkflow = (...args) => stack.runWebhook(...args);

/** The sha256 of a generated file, computed a chunk at a time. */
function generatedSha256(seed, size) {
	const hash = createHash('sha256');
	for (let start = 0; start < size; start += 1 << 20) hash.update(generatedBytes(seed, start, Math.min(1 << 20, size - start)));
	return hash.digest('hex');
}

beforeAll(async () => {
	stack = await startStack({ workflowsDir: path.join(__dirname, 'messages-workflows') });
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

describe('messages in n8n', () => {
	it('sends a text, edits it, reads it back and deletes it', async () => {
		const { status, body } = await runWorkflow('e2e-message-send', {
			chatId: '+7 900 123-45-67',
			text: 'Your order is ready',
			edited: 'Your order is ready (pick up after 5 pm)',
		});
		expect(status).toBe(200);
		expect(body).toEqual([{ chatId: SEED.personalChatId, idMessage: expect.stringMatching(/^BAE5/), deleted: true, onlySenderDelete: false }]);
		const log = await control('GET', 'log');
		const calls = log.filter((entry) => ['sendMessage', 'editMessage', 'getMessage', 'deleteMessage'].includes(entry.method));
		expect(calls.map((entry) => [entry.method, entry.status])).toEqual([
			['sendMessage', 200],
			['editMessage', 200],
			['getMessage', 200],
			['deleteMessage', 200],
		]);
		const { idMessage } = body[0];
		const got = await stack.runWebhook('e2e-message-journal', { direction: 'outgoing' });
		const sent = got.body.find((entry) => entry.idMessage === idMessage);
		expect(sent).toMatchObject({ textMessage: 'Your order is ready (pick up after 5 pm)', isEdited: true, isDeleted: true });
	});

	it('sends a poll with its answers', async () => {
		const { body } = await runWorkflow('e2e-message-poll', { chatId: SEED.groupId });
		expect(body).toEqual([{ chatId: SEED.groupId, idMessage: expect.stringMatching(/^BAE5/) }]);
		const [poll] = (await control('GET', 'log')).filter((entry) => entry.method === 'sendPoll');
		expect(poll.body).toEqual({
			chatId: SEED.groupId,
			message: 'Which day suits you?',
			options: [{ optionName: 'Monday' }, { optionName: 'Tuesday' }, { optionName: 'Friday' }],
			multipleAnswers: true,
		});
	});

	it('reads the incoming journal', async () => {
		const received = await control('POST', 'messages/incoming', { chatId: SEED.personalChatId, text: 'Is it ready?' });
		const { body } = await runWorkflow('e2e-message-journal', { direction: 'incoming' });
		expect(body[0]).toMatchObject({ type: 'incoming', idMessage: received.idMessage, chatId: SEED.personalChatId, textMessage: 'Is it ready?' });
	});
});

describe('files in n8n (filesystem binary mode)', () => {
	it('sends a 20 MB file from binary data as multipart, every byte intact', async () => {
		const size = 20 * 1024 * 1024;
		const source = await control('POST', 'files/incoming', {
			chatId: SEED.personalChatId,
			size,
			fileName: 'site-video.mp4',
			mimeType: 'video/mp4',
			seed: 11,
		});
		const { status, body } = await runWorkflow('e2e-file-send-binary', {
			url: source.downloadUrl,
			chatId: '+7 900 123-45-67',
			caption: 'The site tour',
		});
		expect(status).toBe(200);
		expect(body).toEqual([{ chatId: SEED.personalChatId, idMessage: expect.stringMatching(/^BAE5/), urlFile: expect.stringContaining('/__files/') }]);
		const upload = await control('GET', 'files/last-upload');
		expect(upload).toEqual({
			method: 'sendFileByUpload',
			parts: {
				chatId: SEED.personalChatId,
				fileName: 'site-video.mp4',
				caption: 'The site tour',
				file: { filename: 'site-video.mp4', contentType: 'video/mp4', size, sha256: generatedSha256(11, size) },
			},
		});
		// the file sits in n8n's binary data folder, not in the execution data
		expect(stack.log()).not.toContain('Invalid string length');
	}, 120000);

	it('downloads a received file into binary data, which the next node sends on', async () => {
		const size = 3 * 1024 * 1024 + 17;
		const received = await control('POST', 'files/incoming', {
			chatId: SEED.personalChatId,
			size,
			fileName: 'Scan 12.pdf',
			mimeType: 'application/pdf',
			seed: 5,
		});
		const { status, body } = await runWorkflow('e2e-file-download-forward', {
			chatId: SEED.personalChatId,
			messageId: received.idMessage,
			forwardTo: SEED.groupId,
		});
		expect(status).toBe(200);
		expect(body).toEqual([{ chatId: SEED.groupId, idMessage: expect.stringMatching(/^BAE5/), urlFile: expect.any(String) }]);
		const upload = await control('GET', 'files/last-upload');
		expect(upload.parts.file).toEqual({ filename: 'Scan 12.pdf', contentType: 'application/pdf', size, sha256: generatedSha256(5, size) });
	}, 120000);

	it('fails the download clearly for a message without a file', async () => {
		const { status, body } = await runWorkflow('e2e-file-download-forward', {
			chatId: SEED.personalChatId,
			messageId: 'NOFILE000',
			forwardTo: SEED.groupId,
		});
		expect(status).toBe(500);
		expect(body).toEqual({ message: 'Error in workflow' });
		const [failed] = await stack.executionsOf('e2eFileDownFwd1', { status: ['error'] });
		const details = await stack.rest.get(`/executions/${failed.id}`);
		expect(details.data).toContain(`Message NOFILE000 in chat ${SEED.personalChatId} has no file to download`);
	});
});
