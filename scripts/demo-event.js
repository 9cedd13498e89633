'use strict';
// `npm run demo:event -- <message|status|call> [options]`: makes the running demo's GREEN-API emulator deliver an
// event, as GREEN-API would when a message comes in, a sent message changes status, or someone calls.
//   message [--text "Is it ready?"]           an incoming text (also in the incoming journal)
//   status  [--status delivered|read|…] [--id <idMessage>]   a status of a sent message (default: the last one sent)
//   call                                      an incoming call (also in the calls journal)
//   --chat 79001234567@c.us                   who it comes from (default: the demo's personal chat)
//   --webhook-url <url>                       first point the instance's webhook at <url> (setSettings)
//   --queue                                   first clear the instance's webhook URL, so that events go into the
//                                             HTTP API queue (what the GREEN-API Queue Trigger reads)
// Like GREEN-API, the emulator sends an event to the instance's webhook URL when it has one (the GREEN-API Trigger
// sets it when it is published with "Register Webhook"), and keeps it in the HTTP API queue otherwise.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Where a running `npm run demo` leaves its emulator's address and credential (removed when it stops). */
const DEMO_STATE_FILE = path.join(os.tmpdir(), 'n8n-nodes-greenapi-demo.json');
const DEFAULT_CHAT = '79001234567@c.us';
const KINDS = ['message', 'status', 'call'];
const USAGE =
	'usage: npm run demo:event -- <message|status|call> [--text TEXT] [--status STATUS] [--id ID] [--chat CHAT_ID] [--webhook-url URL | --queue]';

function parseArgs(argv) {
	const [kind, ...rest] = argv;
	if (!KINDS.includes(kind)) throw new Error(`say which event: message, status or call\n${USAGE}`);
	const options = { kind };
	const valued = { '--text': 'text', '--status': 'status', '--id': 'idMessage', '--chat': 'chatId', '--webhook-url': 'webhookUrl' };
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (arg === '--queue') options.queue = true;
		else if (valued[arg] && i + 1 < rest.length) options[valued[arg]] = rest[++i];
		else throw new Error(`unknown or incomplete option ${arg}\n${USAGE}`);
	}
	if (options.queue && options.webhookUrl !== undefined) throw new Error(`--queue and --webhook-url exclude each other\n${USAGE}`);
	return options;
}

/** The running demo's emulator: { url, credential }. */
function readDemoState(file = DEMO_STATE_FILE) {
	if (!fs.existsSync(file)) throw new Error('no demo is running: start it with `npm run demo` in another terminal first');
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function control(emulatorUrl, method, route, body) {
	const response = await fetch(`${emulatorUrl}/__control/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`the emulator refused ${method} ${route}: ${answer.error}`);
	return answer;
}

/** Sets the instance's webhook URL as a user would, through GREEN-API's setSettings. */
async function setWebhookUrl({ credential }, webhookUrl) {
	const { apiUrl, idInstance, apiTokenInstance } = credential;
	const response = await fetch(`${apiUrl}/waInstance${idInstance}/setSettings/${apiTokenInstance}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ webhookUrl }),
	});
	if (!response.ok) throw new Error(`setSettings answered HTTP ${response.status}`);
}

/** The id of the newest message sent to `chatId` in the last day (GREEN-API's lastOutgoingMessages), if any. */
async function lastOutgoingId({ credential }, chatId) {
	const { apiUrl, idInstance, apiTokenInstance } = credential;
	const response = await fetch(`${apiUrl}/waInstance${idInstance}/lastOutgoingMessages/${apiTokenInstance}?minutes=1440`);
	if (!response.ok) throw new Error(`lastOutgoingMessages answered HTTP ${response.status}`);
	const sent = (await response.json()).filter((message) => message.chatId === chatId);
	sent.sort((a, b) => b.timestamp - a.timestamp);
	return sent[0]?.idMessage;
}

/** The notification fields of an event, after making it happen in the emulator's journals where it has one. */
async function notificationFor(demo, options) {
	const emulatorUrl = demo.url;
	const chatId = options.chatId ?? DEFAULT_CHAT;
	const senderData = { chatId, chatName: '', sender: chatId, senderName: '', senderContactName: '' };
	if (options.kind === 'message') {
		const message = await control(emulatorUrl, 'POST', 'messages/incoming', { chatId, text: options.text ?? 'Is my order ready?' });
		senderData.chatName = senderData.senderName = senderData.senderContactName = message.senderName ?? '';
		return {
			typeWebhook: 'incomingMessageReceived',
			idMessage: message.idMessage,
			timestamp: message.timestamp,
			senderData,
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: message.textMessage } },
		};
	}
	if (options.kind === 'status') {
		const idMessage = options.idMessage ?? (await lastOutgoingId(demo, chatId));
		return { typeWebhook: 'outgoingMessageStatus', chatId, status: options.status ?? 'read', sendByApi: true, ...(idMessage ? { idMessage } : {}) };
	}
	await control(emulatorUrl, 'POST', 'calls', { direction: 'incoming', chatId, status: 'offer' });
	return { typeWebhook: 'incomingCall', from: chatId, status: 'offer' };
}

/**
 * Makes the emulator deliver one event; returns what it did: { typeWebhook, webhookUrl, status } when sent to the
 * instance's webhook URL, { typeWebhook, queued: true, receiptId } when kept in the HTTP API queue.
 */
async function sendEvent(demo, options) {
	if (options.queue) await setWebhookUrl(demo, '');
	else if (options.webhookUrl !== undefined) await setWebhookUrl(demo, options.webhookUrl);
	const fields = await notificationFor(demo, options);
	const { settings } = await control(demo.url, 'GET', 'state');
	// force: deliver even where the instance's setting for this type (e.g. incomingWebhook) is off
	const sent = await control(demo.url, 'POST', 'webhooks/green-api', { ...fields, force: true });
	if (sent.queued) return { typeWebhook: fields.typeWebhook, queued: true, receiptId: sent.receiptId };
	return { typeWebhook: fields.typeWebhook, webhookUrl: settings.webhookUrl, status: sent.status ?? null, delivered: Boolean(sent.delivered) };
}

function describe(result) {
	if (result.queued) {
		return `${result.typeWebhook}: the instance has no webhook URL, so it waits in the HTTP API queue (receipt ${result.receiptId}); an active GREEN-API Queue Trigger picks it up within seconds`;
	}
	return `${result.typeWebhook}: sent to the instance's webhook URL ${result.webhookUrl} — n8n answered ${result.status ?? 'nothing'}`;
}

async function main(argv) {
	const options = parseArgs(argv);
	const result = await sendEvent(readDemoState(), options);
	process.stdout.write(`${describe(result)}\n`);
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		const gone = error.cause?.code === 'ECONNREFUSED';
		process.stderr.write(`${gone ? 'the demo is not running any more: start it with `npm run demo`' : error.message}\n`);
		process.exitCode = 1;
	});
}

module.exports = { DEMO_STATE_FILE, parseArgs, sendEvent, describe };
