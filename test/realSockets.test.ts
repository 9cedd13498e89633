import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import nock from 'nock';
import { ExecuteContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { GreenApi } from '../nodes/GreenApi/GreenApi.node';
import { systemClock, useClock } from '../nodes/GreenApi/transport/clock';
import {
	buildAdditionalData,
	buildWorkflow,
	CREDENTIALS,
	CREDENTIALS_BY_TYPE,
	runNode,
	runNodeError,
	TOKEN,
} from './helpers/harness';
import { expectNoSecret } from './helpers/secrets';
import { virtualClock } from './helpers/virtualClock';

/**
 * GREEN-API on a real socket on 127.0.0.1: each test's handler answers (or fails to); `seen` is every request the
 * server got, as its method name. Timeouts are short and set by the tests (Options › Timeout); retry pauses run on
 * the virtual clock (test/setup.ts), so they take no time.
 */
type Handler = (request: http.IncomingMessage, response: http.ServerResponse, body: string, count: number) => void;

interface Server {
	url: string;
	host: string;
	seen: string[];
	/** Called first with each request, e.g. to hold its body back. */
	onRequest?: (request: http.IncomingMessage) => void;
	close(): Promise<void>;
}

const servers: Server[] = [];

async function serve(handler: Handler): Promise<Server> {
	const seen: string[] = [];
	let entry: Server | undefined = undefined;
	const server = http.createServer((request, response) => {
		entry?.onRequest?.(request);
		const chunks: Buffer[] = [];
		// counted as it arrives; answered once its body is in
		const method = /\/waInstance\d+\/([^/]+)/.exec(request.url ?? '')?.[1] ?? request.url ?? '';
		seen.push(method);
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			handler(request, response, Buffer.concat(chunks).toString(), seen.filter((name) => name === method).length);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	entry = {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		seen,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
	servers.push(entry);
	return entry;
}

function json(response: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void {
	const text = JSON.stringify(value);
	response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	response.end(text);
}

function credentialsFor(server: Server) {
	return { ...CREDENTIALS, apiUrl: server.url, mediaUrl: server.url };
}

beforeEach(() => nock.enableNetConnect('127.0.0.1'));

afterEach(async () => {
	nock.disableNetConnect();
	await Promise.all(servers.splice(0).map(async (server) => await server.close()));
});

const CHAT = '79001234567@c.us';
const send = (options: IDataObject = {}) => ({
	resource: 'message',
	operation: 'send',
	chatId: CHAT,
	message: 'Your order is ready',
	options: { paceRequests: false, timeout: 0.3, ...options },
});
const archive = { resource: 'chat', operation: 'archive', chatId: CHAT, options: { paceRequests: false, timeout: 0.3 } };
const getChats = { resource: 'chat', operation: 'getAll', returnAll: true, options: { paceRequests: false, timeout: 0.3 } };
const CHATS = [
	{ id: '79001234567@c.us', name: 'Alice', type: 'user', archive: false },
	{ id: '120363025946232000@g.us', name: 'Team', type: 'group', archive: true },
];

/** The outgoing journal entry GREEN-API keeps for the send above. */
function journalEntry(idMessage: string, text = 'Your order is ready', timestamp = Math.floor(Date.now() / 1000)) {
	return { type: 'outgoing', idMessage, timestamp, typeMessage: 'textMessage', chatId: CHAT, textMessage: text, sendByApi: true, statusMessage: 'sent' };
}

describe('a server that never answers', () => {
	it('times a safe call out, retries it, and names the method, the host and the time waited', async () => {
		const server = await serve(() => undefined);
		const error = await runNodeError({ parameters: archive, credentials: credentialsFor(server) });
		expect(server.seen).toEqual(Array(5).fill('archiveChat'));
		expect(error.message).toBe(`GREEN-API archiveChat failed (no answer): no answer from ${server.host} within 0.3 s`);
		expect(error.description).toBe(
			`GREEN-API at ${server.host} did not answer in time (after 5 attempts): try again later, or raise the "Timeout" option`,
		);
		expectNoSecret(error, TOKEN);
	});

	it('never sends a message twice: one attempt, then a look in the journal, then "may have been carried out"', async () => {
		const server = await serve((request, response) => {
			if (request.url?.includes('/lastOutgoingMessages/')) json(response, 200, []);
		});
		const error = await runNodeError({ parameters: send(), credentials: credentialsFor(server) });
		expect(server.seen).toEqual(['sendMessage', 'lastOutgoingMessages', 'lastOutgoingMessages']);
		expect(error.message).toBe(
			`GREEN-API sendMessage may have been carried out (no answer: no answer from ${server.host} within 0.3 s)`,
		);
		expect(error.description).toBe(
			`The request reached GREEN-API at ${server.host} but no answer said whether it was carried out, so it was not sent again: a second attempt could make a second copy. Check Message › Get Many (Direction: Outgoing) for the chat, or Queue › Get Messages (sends GREEN-API still holds) before running this item again.`,
		);
	});
});

describe('the Timeout option', () => {
	it.each([[-1], ['soon'], [7200]])('refuses %j, naming the field and the item, and sends nothing', async (timeout) => {
		const server = await serve((_request, response) => response.end());
		const error = await runNodeError({
			parameters: { ...archive, options: { paceRequests: false, timeout } },
			credentials: credentialsFor(server),
		});
		expect(error.message).toBe(`Invalid Timeout ${JSON.stringify(timeout)} in item 0: expected a number of seconds from 0.1 to 3600`);
		expect(server.seen).toEqual([]);
	});

	it('waits as long as the option says for an answer that is slow to begin', async () => {
		const server = await serve((_request, response) => setTimeout(() => response.end(), 400));
		const [items] = await runNode({ parameters: { ...archive, options: { paceRequests: false, timeout: 1 } }, credentials: credentialsFor(server) });
		expect(items[0].json).toEqual({ chatId: CHAT, archived: true, changed: true });
		expect(server.seen).toEqual(['archiveChat']);
	});
});

describe('an answer that stops half-way', () => {
	it('times out on the idle timeout and retries a read, returning only the whole answer that follows', async () => {
		const body = JSON.stringify(CHATS);
		const server = await serve((_request, response, _body, count) => {
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
			if (count > 1) response.end(body);
			// the first answer sends 40 bytes and then nothing, keeping the connection open
			else response.write(body.slice(0, 40));
		});
		const [items] = await runNode({ parameters: getChats, credentials: credentialsFor(server) });
		expect(items.map((item) => item.json)).toEqual(CHATS);
		expect(server.seen).toEqual(['getChats', 'getChats']);
	});

	it('fails with the idle timeout once the attempts run out', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
			response.write('[{"id":"79001234567@c.us"');
		});
		const error = await runNodeError({ parameters: getChats, credentials: credentialsFor(server) });
		expect(server.seen).toEqual(Array(5).fill('getChats'));
		expect(error.message).toBe(`GREEN-API getChats failed (no answer): the answer from ${server.host} stopped for 0.3 s`);
	});
});

describe('a connection reset after the body', () => {
	const resetSend = (journal: unknown[]) =>
		serve((request, response) => {
			if (request.url?.includes('/lastOutgoingMessages/')) return json(response, 200, journal);
			// the whole request was read: GREEN-API may have queued the message
			request.socket.destroy();
		});

	it('reports the send as done when the outgoing journal holds it, sending it once', async () => {
		const server = await resetSend([journalEntry('BAE5OTHER', 'another text'), journalEntry('BAE5FOUND')]);
		const [items] = await runNode({ parameters: send(), credentials: credentialsFor(server) });
		expect(items.map((item) => item.json)).toEqual([{ chatId: CHAT, idMessage: 'BAE5FOUND' }]);
		expect(server.seen).toEqual(['sendMessage', 'lastOutgoingMessages']);
	});

	it('looks a second time, 3 s later, for a send still in the queue of GREEN-API', async () => {
		const server = await serve((request, response, _body, count) => {
			if (request.url?.includes('/lastOutgoingMessages/')) return json(response, 200, count === 1 ? [] : [journalEntry('BAE5QUEUED')]);
			request.socket.destroy();
		});
		const [items] = await runNode({ parameters: send(), credentials: credentialsFor(server) });
		expect(items.map((item) => item.json)).toEqual([{ chatId: CHAT, idMessage: 'BAE5QUEUED' }]);
		expect(server.seen).toEqual(['sendMessage', 'lastOutgoingMessages', 'lastOutgoingMessages']);
		expect(virtualClock().sleeps).toContain(3000);
	});

	it('does not take an older copy of the same text for this send', async () => {
		const server = await resetSend([journalEntry('BAE5OLD', 'Your order is ready', Math.floor(Date.now() / 1000) - 600)]);
		const error = await runNodeError({ parameters: send(), credentials: credentialsFor(server) });
		expect(error.message).toBe('GREEN-API sendMessage may have been carried out (no answer: the connection was reset)');
		expect(server.seen).toEqual(['sendMessage', 'lastOutgoingMessages', 'lastOutgoingMessages']);
	});

	it('retries a safe call after a reset', async () => {
		const server = await serve((request, response, _body, count) => {
			if (count === 1) request.socket.destroy();
			else response.end();
		});
		const [items] = await runNode({ parameters: archive, credentials: credentialsFor(server) });
		expect(items[0].json).toEqual({ chatId: CHAT, archived: true, changed: true });
		expect(server.seen).toEqual(['archiveChat', 'archiveChat']);
	});
});

describe('5xx answers', () => {
	it('a 504 after the body: a send is looked up and not repeated', async () => {
		const server = await serve((request, response) => {
			if (request.url?.includes('/lastOutgoingMessages/')) return json(response, 200, [journalEntry('BAE5AFTER504')]);
			json(response, 504, { message: 'Gateway Timeout' });
		});
		const [items] = await runNode({ parameters: send(), credentials: credentialsFor(server) });
		expect(items.map((item) => item.json)).toEqual([{ chatId: CHAT, idMessage: 'BAE5AFTER504' }]);
		expect(server.seen).toEqual(['sendMessage', 'lastOutgoingMessages']);
	});

	it('a 504 for a safe call is retried until it succeeds', async () => {
		const server = await serve((_request, response, _body, count) => {
			if (count < 3) json(response, 504, { message: 'Gateway Timeout' });
			else response.end();
		});
		const [items] = await runNode({ parameters: archive, credentials: credentialsFor(server) });
		expect(items).toHaveLength(1);
		expect(server.seen).toEqual(Array(3).fill('archiveChat'));
	});

	it('a 500 to a send: one request, then "may have been carried out" when the journal does not hold it', async () => {
		const server = await serve((request, response) => {
			if (request.url?.includes('/lastOutgoingMessages/')) return json(response, 200, []);
			json(response, 500, { message: 'Internal Server Error' });
		});
		const error = await runNodeError({ parameters: send(), credentials: credentialsFor(server) });
		expect(error.message).toBe('GREEN-API sendMessage may have been carried out (HTTP 500: Internal Server Error)');
		expect(server.seen).toEqual(['sendMessage', 'lastOutgoingMessages', 'lastOutgoingMessages']);
	});

	it('a 500 to a safe call fails at once', async () => {
		const server = await serve((_request, response) => json(response, 500, { message: 'Internal Server Error' }));
		const error = await runNodeError({ parameters: archive, credentials: credentialsFor(server) });
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 500): Internal Server Error');
		expect(error.description).toBe('GREEN-API failed to process the request: try again later');
		expect(server.seen).toEqual(['archiveChat']);
	});

	it('a 502 to a poll: looked up by its question in the journal', async () => {
		const server = await serve((request, response) => {
			if (request.url?.includes('/lastOutgoingMessages/')) {
				return json(response, 200, [
					{ ...journalEntry('BAE5POLL'), typeMessage: 'pollMessage', pollMessageData: { name: 'Lunch?', options: [{ optionName: 'Yes' }, { optionName: 'No' }] } },
				]);
			}
			json(response, 502, { message: 'Bad Gateway' });
		});
		const [items] = await runNode({
			parameters: {
				resource: 'message',
				operation: 'sendPoll',
				chatId: CHAT,
				message: 'Lunch?',
				pollOptions: { values: [{ optionName: 'Yes' }, { optionName: 'No' }] },
				options: { paceRequests: false, timeout: 0.3 },
			},
			credentials: credentialsFor(server),
		});
		expect(items.map((item) => item.json.idMessage)).toEqual(['BAE5POLL']);
		expect(server.seen).toEqual(['sendPoll', 'lastOutgoingMessages']);
	});

	it('a 502 to a send without a way to look it up (a contact) fails saying how to check', async () => {
		const server = await serve((_request, response) => json(response, 502, { message: 'Bad Gateway' }));
		const error = await runNodeError({
			parameters: {
				resource: 'message',
				operation: 'sendContact',
				chatId: CHAT,
				phoneContact: '79001112233',
				firstName: 'Ann',
				options: { paceRequests: false, timeout: 0.3 },
			},
			credentials: credentialsFor(server),
		});
		expect(server.seen).toEqual(['sendContact']);
		expect(error.message).toBe('GREEN-API sendContact may have been carried out (HTTP 502: Bad Gateway)');
	});
});

describe('429', () => {
	it('retries a send after the Retry-After it asks for: it was refused, so it cannot go out twice', async () => {
		const server = await serve((_request, response, _body, count) => {
			if (count === 1) json(response, 429, { message: 'Too Many Requests' }, { 'retry-after': '2' });
			else json(response, 200, { idMessage: 'BAE5SENT' });
		});
		const [items] = await runNode({ parameters: send(), credentials: credentialsFor(server) });
		expect(items.map((item) => item.json)).toEqual([{ chatId: CHAT, idMessage: 'BAE5SENT' }]);
		expect(server.seen).toEqual(['sendMessage', 'sendMessage']);
		expect(virtualClock().sleeps).toEqual([2000]);
	});

	it('without Retry-After, backs off exponentially and keeps trying longer than for other failures', async () => {
		const server = await serve((_request, response, _body, count) => {
			if (count <= 7) json(response, 429, { message: 'Too Many Requests' });
			else json(response, 200, { idMessage: 'BAE5LATE' });
		});
		const [items] = await runNode({ parameters: send(), credentials: credentialsFor(server) });
		expect(items.map((item) => item.json)).toEqual([{ chatId: CHAT, idMessage: 'BAE5LATE' }]);
		expect(server.seen).toEqual(Array(8).fill('sendMessage'));
		expect(virtualClock().sleeps).toEqual([750, 1500, 3000, 6000, 12000, 12000, 12000]);
	});

	it('after the budget, says what pacing can and cannot do with several workers', async () => {
		const server = await serve((_request, response) => json(response, 429, { message: 'Too Many Requests' }));
		const error = await runNodeError({ parameters: send(), credentials: credentialsFor(server) });
		expect(server.seen).toEqual(Array(12).fill('sendMessage'));
		expect(error.message).toBe('GREEN-API sendMessage failed (HTTP 429): Too Many Requests');
		expect(error.description).toContain('In queue mode every worker paces on its own');
		expect(error.description).toContain('delaySendMessagesMilliseconds');
	});
});

describe('downloads', () => {
	/** GREEN-API's downloadFile answer points at a file on the same server. */
	function fileServer(serveFile: (response: http.ServerResponse, count: number) => void) {
		let base = '';
		return serve((request, response, _body, count) => {
			if (request.url?.includes('/downloadFile/')) return json(response, 200, { downloadUrl: `${base}/files/photo.jpg` });
			serveFile(response, count);
		}).then((server) => {
			base = server.url;
			return server;
		});
	}
	const download = { resource: 'message', operation: 'download', chatId: CHAT, messageId: 'BAE5F4886F6F2D05', options: { paceRequests: false, timeout: 0.3 } };
	const FILE = Buffer.alloc(4 * 1024, 7);

	it('takes a slow download whose chunks keep coming within the idle timeout', async () => {
		const server = await fileServer((response) => {
			response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': FILE.length });
			let sent = 0;
			const next = () => {
				response.write(FILE.subarray(sent, sent + 1024));
				sent += 1024;
				if (sent >= FILE.length) response.end();
				else setTimeout(next, 150);
			};
			next();
		});
		const [items] = await runNode({ parameters: download, credentials: credentialsFor(server) });
		expect(items[0].binary?.data).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
		expect(server.seen).toEqual(['downloadFile', '/files/photo.jpg']);
	});

	it('fails a stalled download as a timeout (never as a storage problem), after retrying it', async () => {
		const server = await fileServer((response) => {
			response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': FILE.length });
			response.write(FILE.subarray(0, 1024));
		});
		const error = await runNodeError({ parameters: download, credentials: credentialsFor(server) });
		expect(server.seen).toEqual(['downloadFile', ...Array(5).fill('/files/photo.jpg')]);
		expect(error.message).toBe(`GREEN-API file download failed (no answer): the answer from ${server.host} stopped for 0.3 s`);
	});
});

describe('stopping the workflow', () => {
	/** Runs the node as n8n does, with the execution's cancel signal. */
	async function runStoppable(parameters: IDataObject, server: Server, signal: AbortSignal): Promise<INodeExecutionData[][]> {
		const nodeType = new GreenApi();
		const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', parameters);
		const additionalData = buildAdditionalData({ ...CREDENTIALS_BY_TYPE, greenApi: credentialsFor(server) });
		const items: INodeExecutionData[] = [{ json: {} }];
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'manual',
			createRunExecutionData(),
			0,
			items,
			{ main: [items] },
			{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
			[],
			signal,
		);
		return (await nodeType.execute!.call(context)) as INodeExecutionData[][];
	}

	it('ends a Retry-After pause of 45 s at once', async () => {
		useClock(systemClock);
		const stop = new AbortController();
		const server = await serve((_request, response) => {
			json(response, 429, { message: 'Too Many Requests' }, { 'retry-after': '45' });
			setTimeout(() => stop.abort(), 50);
		});
		const startedAt = Date.now();
		const error = await runStoppable(send(), server, stop.signal).then(
			() => new Error('expected the node to fail'),
			(failure: Error & { description?: string }) => failure,
		);
		expect(Date.now() - startedAt).toBeLessThan(5000);
		expect(server.seen).toEqual(['sendMessage']);
		expect(error.message).toBe('GREEN-API sendMessage failed (no answer): the workflow was stopped');
	});

	it('ends a request that is waiting for its answer at once', async () => {
		useClock(systemClock);
		const stop = new AbortController();
		const server = await serve(() => setTimeout(() => stop.abort(), 50));
		const startedAt = Date.now();
		const error = await runStoppable({ ...archive, options: { paceRequests: false, timeout: 30 } }, server, stop.signal).then(
			() => new Error('expected the node to fail'),
			(failure: Error) => failure,
		);
		expect(Date.now() - startedAt).toBeLessThan(5000);
		expect(server.seen).toEqual(['archiveChat']);
		expect(error.message).toBe('GREEN-API archiveChat failed (no answer): the workflow was stopped');
	});
});

describe('a slow upload', () => {
	it('is not timed out while its chunks keep leaving: the answer is due only after the file went out', async () => {
		const server = await serve((_request, response, body) => json(response, 200, { idMessage: 'BAE5UPLOADED', bytes: body.length }));
		const nodeType = new GreenApi();
		const parameters = { resource: 'message', operation: 'sendFile', chatId: CHAT, options: { paceRequests: false, timeout: 0.3 } };
		const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', parameters);
		const items: INodeExecutionData[] = [
			{ json: {}, binary: { data: { id: 'filesystem-v2:slow', data: '', fileName: 'clip.mp4', mimeType: 'video/mp4' } } },
		];
		const context = new ExecuteContext(
			workflow,
			node,
			buildAdditionalData({ ...CREDENTIALS_BY_TYPE, greenApi: credentialsFor(server) }),
			'manual',
			createRunExecutionData(),
			0,
			items,
			{ main: [items] },
			{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
			[],
		);
		// a file store that hands out 8 chunks of 1 KB, 150 ms apart: 1.2 s in all, four times the Timeout
		Object.assign(context.helpers, {
			getBinaryMetadata: async () => ({ fileSize: 8 * 1024 }),
			getBinaryStream: async () =>
				Readable.from(
					(async function* () {
						for (let index = 0; index < 8; index++) {
							await new Promise((resolve) => setTimeout(resolve, 150));
							yield Buffer.alloc(1024, index);
						}
					})(),
				),
		});
		const [output] = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
		expect(output.map((item) => item.json.idMessage)).toEqual(['BAE5UPLOADED']);
		expect(server.seen).toEqual(['sendFileByUpload']);
	});
});

describe('an upload to a server that reads slowly', () => {
	it('reads the stored file only as fast as the server takes it: what is read ahead stays bounded', async () => {
		// larger than what the kernel may buffer between the two ends (Linux grows a loopback receive buffer up to
		// net.ipv4.tcp_rmem's maximum, 32 MB here, plus a 4 MB send buffer), and within the 100 MB a file may have
		const size = 96 * 1024 * 1024;
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenapi-slow-reader-'));
		const file = path.join(dir, 'clip.mp4');
		fs.writeFileSync(file, Buffer.alloc(size, 7));
		let source: fs.ReadStream | undefined;
		let received = 0;
		let aheadWhilePaused = 0;
		const server = await serve((_request, response) => json(response, 200, { idMessage: 'BAE5SLOWREAD' }));
		// the handler above answers once the body is in; this listener holds the body back first
		server.onRequest = (request) => {
			request.on('data', (chunk: Buffer) => {
				received += chunk.length;
			});
			request.once('data', () => {
				request.pause();
				// the node has had 300 ms to read ahead of a server that takes nothing more
				setTimeout(() => {
					aheadWhilePaused = (source?.bytesRead ?? 0) - received;
					request.resume();
				}, 300);
			});
		};
		// nock's interceptor holds a request's whole body before it lets it through: off for this test
		nock.restore();
		try {
			const nodeType = new GreenApi();
			const parameters = { resource: 'message', operation: 'sendFile', chatId: CHAT, options: { paceRequests: false } };
			const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', parameters);
			const items: INodeExecutionData[] = [
				{ json: {}, binary: { data: { id: 'filesystem-v2:big', data: '', fileName: 'clip.mp4', mimeType: 'video/mp4' } } },
			];
			const context = new ExecuteContext(
				workflow,
				node,
				buildAdditionalData({ ...CREDENTIALS_BY_TYPE, greenApi: credentialsFor(server) }),
				'manual',
				createRunExecutionData(),
				0,
				items,
				{ main: [items] },
				{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
				[],
			);
			Object.assign(context.helpers, {
				getBinaryMetadata: async () => ({ fileSize: size }),
				getBinaryStream: async (_id: string, chunkSize?: number) => {
					source = fs.createReadStream(file, { highWaterMark: chunkSize });
					return source;
				},
			});
			const [output] = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
			expect(output.map((item) => item.json.idMessage)).toEqual(['BAE5SLOWREAD']);
			expect(received).toBeGreaterThan(size);
			expect(source?.bytesRead).toBe(size);
			// socket buffers on both ends (at most about 36 MB) and a chunk or two in the streams between, never the file
			expect(aheadWhilePaused).toBeGreaterThan(0);
			expect(aheadWhilePaused).toBeLessThan((size * 2) / 3);
		} finally {
			nock.activate();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('stopping a send under way', () => {
	it('says it may have been carried out, and neither repeats it nor reads the journal', async () => {
		useClock(systemClock);
		const stop = new AbortController();
		const server = await serve(() => setTimeout(() => stop.abort(), 50));
		const nodeType = new GreenApi();
		const { workflow, node } = buildWorkflow(nodeType, 'n8n-nodes-greenapi.greenApi', send({ timeout: 30 }));
		const items: INodeExecutionData[] = [{ json: {} }];
		const context = new ExecuteContext(
			workflow,
			node,
			buildAdditionalData({ ...CREDENTIALS_BY_TYPE, greenApi: credentialsFor(server) }),
			'manual',
			createRunExecutionData(),
			0,
			items,
			{ main: [items] },
			{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
			[],
			stop.signal,
		);
		const error = await Promise.resolve(nodeType.execute!.call(context)).then(
			() => new Error('expected the node to fail'),
			(failure: Error) => failure,
		);
		expect(server.seen).toEqual(['sendMessage']);
		expect(error.message).toBe('GREEN-API sendMessage may have been carried out (no answer: the workflow was stopped)');
	});
});

describe('refused connections', () => {
	it('retries a send whose connection was refused (it never left), and names the host', async () => {
		const server = await serve(() => undefined);
		const credentials = credentialsFor(server);
		await server.close();
		servers.splice(servers.indexOf(server), 1);
		const error = await runNodeError({ parameters: send(), credentials });
		expect(error.message).toBe('GREEN-API sendMessage failed (no answer): the connection was refused');
		expect(error.description).toBe(
			`Could not reach GREEN-API at ${server.host} (after 5 attempts): check apiUrl in the credential and the network`,
		);
		expect(virtualClock().sleeps).toEqual([750, 1500, 3000, 6000]);
	});
});

describe('a connection that is never made', () => {
	/**
	 * A port whose listening socket accepts nothing and whose backlog is full: the kernel drops the SYN, so connect()
	 * hangs, as it does for a host behind a firewall that drops packets. Run by python3, stopped by its PID.
	 */
	async function blackHole(): Promise<{ host: string; stop(): void }> {
		const script = [
			'import socket, time',
			"s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
			'port = s.getsockname()[1]',
			'fill = [socket.socket() for _ in range(4)]',
			'for c in fill:',
			'    c.setblocking(False)',
			'    try: c.connect(("127.0.0.1", port))',
			'    except BlockingIOError: pass',
			'print(port, flush=True)',
			'time.sleep(60)',
		].join('\n');
		const child = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
		const port = await new Promise<number>((resolve) => child.stdout.once('data', (data) => resolve(Number(String(data).trim()))));
		return { host: `127.0.0.1:${port}`, stop: () => process.kill(child.pid!, 'SIGKILL') };
	}

	it('times a stalled connect out within the Timeout; a read is retried, a send is not', async () => {
		const hole = await blackHole();
		try {
			const credentials = { ...CREDENTIALS, apiUrl: `http://${hole.host}`, mediaUrl: `http://${hole.host}` };
			const read = await runNodeError({ parameters: archive, credentials });
			expect(read.message).toBe(`GREEN-API archiveChat failed (no answer): no answer from ${hole.host} within 0.3 s`);
			expect(read.description).toContain('(after 5 attempts)');
			// n8n's client does not tell a stalled connect from a stalled answer: a send stays "may have been carried out"
			const sent = await runNodeError({ parameters: send(), credentials });
			expect(sent.message).toBe(
				`GREEN-API sendMessage may have been carried out (no answer: no answer from ${hole.host} within 0.3 s)`,
			);
		} finally {
			hole.stop();
		}
	});
});

describe('redaction and the instance state', () => {
	it('redacts the token the credential sends when it was pasted with a trailing newline, in every form', async () => {
		const server = await serve((_request, response) =>
			json(response, 400, { message: `token ${TOKEN} refused`, echo: `apiTokenInstance=${encodeURIComponent(TOKEN)}&x=1` }),
		);
		const error = await runNodeError({
			parameters: archive,
			credentials: { ...credentialsFor(server), apiTokenInstance: `${TOKEN}\n` },
		});
		expect(server.seen).toEqual(['archiveChat']);
		expect(error.message).toBe('GREEN-API archiveChat failed (HTTP 400): token *** refused');
		expectNoSecret(error, TOKEN);
	});

	it('says the phone is not linked, and how to link it in n8n, after Log Out', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(400, { 'content-type': 'text/plain' });
			response.end('instance account not authorized');
		});
		const error = await runNodeError({ parameters: send(), credentials: credentialsFor(server) });
		expect(server.seen).toEqual(['sendMessage']);
		expect(error.message).toBe('GREEN-API sendMessage failed (HTTP 400): instance account not authorized');
		expect(error.description).toBe(
			'The phone is not linked to the instance (GREEN-API: not authorized, e.g. after Log Out): link it with Instance › Get QR Code in n8n and scan the code in WhatsApp › Linked devices, or link it in the GREEN-API console, then run again',
		);
	});
});

