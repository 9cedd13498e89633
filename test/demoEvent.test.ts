import http from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

// the demo's script and the emulator are plain CommonJS
const { parseArgs, sendEvent, describe: describeResult } = require('../scripts/demo-event');
const { startEmulator } = require('./emulator/server');

interface Emulator {
	url: string;
	credential: { apiUrl: string; idInstance: string; apiTokenInstance: string };
	close(): Promise<void>;
}

let emulator: Emulator;
let receiver: http.Server;
let received: Array<Record<string, unknown>>;
let receiverUrl: string;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	emulator = await startEmulator({ port: 0 });
	receiver = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push(JSON.parse(body));
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/demo`;
});

afterAll(async () => {
	await emulator.close();
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
	received = [];
	await fetch(`${emulator.url}/__control/reset`, { method: 'POST' });
});

const demo = () => ({ url: emulator.url, credential: emulator.credential });
const queue = async () => (await (await fetch(`${emulator.url}/__control/queue`)).json()) as { length: number };

describe('npm run demo:event', () => {
	it('reads the event and its options, and refuses anything else', () => {
		expect(parseArgs(['message', '--text', 'Is it ready?', '--queue'])).toEqual({ kind: 'message', text: 'Is it ready?', queue: true });
		expect(parseArgs(['status', '--status', 'delivered', '--id', 'BAE5X'])).toEqual({ kind: 'status', status: 'delivered', idMessage: 'BAE5X' });
		expect(() => parseArgs(['hello'])).toThrow(/^say which event: message, status or call/);
		expect(() => parseArgs(['call', '--loud'])).toThrow(/^unknown or incomplete option --loud/);
		expect(() => parseArgs(['call', '--queue', '--webhook-url', 'http://x'])).toThrow(/exclude each other/);
	});

	it('puts a message, a status and a call into the HTTP API queue when the instance has no webhook URL', async () => {
		const results = [];
		for (const kind of ['message', 'status', 'call']) results.push(await sendEvent(demo(), { kind, queue: true }));
		expect(results.map(({ typeWebhook, queued }) => [typeWebhook, queued])).toEqual([
			['incomingMessageReceived', true],
			['outgoingMessageStatus', true],
			['incomingCall', true],
		]);
		expect((await queue()).length).toBe(3);
		expect(received).toEqual([]);
		expect(describeResult(results[0])).toMatch(/^incomingMessageReceived: the instance has no webhook URL, so it waits in the HTTP API queue/);
	});

	it('sends them to the webhook URL it was given, the message also in the incoming journal', async () => {
		const message = await sendEvent(demo(), { kind: 'message', text: 'Is it ready?', chatId: '79005550001@c.us', webhookUrl: receiverUrl });
		await sendEvent(demo(), { kind: 'status', status: 'delivered', idMessage: 'BAE5000000000001' });
		await sendEvent(demo(), { kind: 'call' });
		expect(message).toMatchObject({ typeWebhook: 'incomingMessageReceived', webhookUrl: receiverUrl, status: 200 });
		expect(received.map((body) => body.typeWebhook)).toEqual(['incomingMessageReceived', 'outgoingMessageStatus', 'incomingCall']);
		expect(received[0]).toMatchObject({
			senderData: { chatId: '79005550001@c.us' },
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'Is it ready?' } },
		});
		expect(received[1]).toMatchObject({ idMessage: 'BAE5000000000001', status: 'delivered' });
		expect(received[2]).toMatchObject({ from: '79001234567@c.us', status: 'offer' });
		const { apiUrl, idInstance, apiTokenInstance } = emulator.credential;
		const journal = (await (await fetch(`${apiUrl}/waInstance${idInstance}/lastIncomingMessages/${apiTokenInstance}?minutes=5`)).json()) as Array<{ idMessage: string }>;
		expect(journal.find((entry) => entry.idMessage === received[0].idMessage)).toMatchObject({
			textMessage: 'Is it ready?',
		});
		expect((await queue()).length).toBe(0);
	});
});
