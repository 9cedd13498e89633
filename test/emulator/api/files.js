'use strict';
// Files: uploads (multipart and raw, on the media host: this emulator serves both hosts), file messages, statuses
// with files, pictures, and the downloads it serves at /__files/<id>/<name>. Uploaded files are kept whole (the
// emulator is a test double, and 100 MB fits); generated incoming files are produced on the fly, so a download of
// any size costs no memory here. Bodies of these methods arrive as Buffers (`raw: true`).
const { createHash } = require('node:crypto');

const MAX_FILE_BYTES = 100 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** Byte `i` of a generated file: a fixed pattern, so that a test can check any download it asked for. */
function generatedByte(seed, i) {
	return (i * 31 + seed) % 251;
}

/** A generated file's bytes from `start` (count bytes), for serving and for tests. */
function generatedBytes(seed, start, count) {
	const buffer = Buffer.allocUnsafe(count);
	for (let k = 0; k < count; k++) buffer[k] = generatedByte(seed, start + k);
	return buffer;
}

/** The parts of a multipart/form-data body: name → { filename, contentType, value (Buffer) }; null when malformed. */
function parseMultipart(body, contentType) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!boundary) return null;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts = {};
	let start = body.indexOf(delimiter);
	if (start !== 0) return null;
	for (;;) {
		const afterDelimiter = start + delimiter.length;
		if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, afterDelimiter);
		if (next < 0) return null;
		const part = body.subarray(afterDelimiter + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) return null;
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const name = /name="([^"]*)"/i.exec(headers);
		if (!name) return null;
		parts[name[1]] = {
			filename: /filename="([^"]*)"/i.exec(headers)?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
			value: part.subarray(headerEnd + 4),
		};
		start = next;
	}
	return parts;
}

module.exports = (lib) => {
	const { ValidationError, results, chatIdField, requireField, ensureChat, history } = lib;

	/** Keeps a file and returns its id. */
	function storeFile(state, file) {
		state.fileCounter += 1;
		const id = `f${state.fileCounter.toString(36).padStart(6, '0')}`;
		state.files.set(id, { ...file, sha256: createHash('sha256').update(file.bytes ?? Buffer.alloc(0)).digest('hex') });
		return id;
	}

	function fileUrl(baseUrl, id, fileName) {
		return `${baseUrl}/__files/${id}/${encodeURIComponent(fileName)}`;
	}

	function nextMessageId(state) {
		state.messageCounter += 1;
		return `BAE5${state.messageCounter.toString(16).toUpperCase().padStart(16, '0')}`;
	}

	/** A message with a file, added to the chat's history and to the file index downloadFile reads. */
	function addFileMessage(state, chatId, direction, fileId, extra = {}) {
		const chat = ensureChat(state, chatId);
		const file = state.files.get(fileId);
		const idMessage = nextMessageId(state);
		const message = {
			type: direction,
			timestamp: Math.floor(Date.now() / 1000),
			idMessage,
			...(direction === 'outgoing' ? { statusMessage: 'sent', sendByApi: true } : { senderId: chatId, senderName: chat.name }),
			typeMessage: typeOfMime(file.mimeType),
			chatId,
			fileName: file.fileName,
			mimeType: file.mimeType,
			downloadUrl: '',
			caption: extra.caption ?? '',
			isForwarded: false,
			forwardingScore: 0,
		};
		chat.sent.push(message);
		state.activityCounter += 1;
		chat.activity = state.activityCounter;
		state.fileMessages.set(idMessage, { chatId, fileId });
		return message;
	}

	function typeOfMime(mimeType) {
		if (/^image\//.test(mimeType)) return 'imageMessage';
		if (/^video\//.test(mimeType)) return 'videoMessage';
		if (/^audio\//.test(mimeType)) return 'audioMessage';
		return 'documentMessage';
	}

	function checkFileName(fileName) {
		if (typeof fileName !== 'string' || !/\.[A-Za-z0-9]{1,8}$/.test(fileName)) {
			throw new ValidationError("'fileName' must have a file extension");
		}
	}

	function sendFileByUpload({ state, raw, headers, baseUrl }) {
		const parts = parseMultipart(raw, headers['content-type']);
		if (!parts) throw new ValidationError('the body must be multipart/form-data');
		if (!parts.file || parts.file.filename === undefined) throw new ValidationError("'file' is required");
		if (parts.file.value.length > MAX_FILE_BYTES) return results.text('File size exceeds 100 MB', 413);
		const chatId = chatIdField({ chatId: parts.chatId?.value.toString('utf8') });
		const fileName = parts.fileName ? parts.fileName.value.toString('utf8') : parts.file.filename;
		checkFileName(fileName);
		const mimeType = parts.file.contentType ?? 'application/octet-stream';
		const fileId = storeFile(state, { fileName, mimeType, bytes: parts.file.value, size: parts.file.value.length });
		const caption = parts.caption?.value.toString('utf8');
		const message = addFileMessage(state, chatId, 'outgoing', fileId, { caption });
		const urlFile = fileUrl(baseUrl, fileId, fileName);
		message.downloadUrl = urlFile;
		state.lastUpload = {
			method: 'sendFileByUpload',
			parts: Object.fromEntries(
				Object.entries(parts).map(([name, part]) => [
					name,
					name === 'file'
						? { filename: part.filename, contentType: part.contentType, size: part.value.length, sha256: state.files.get(fileId).sha256 }
						: part.value.toString('utf8'),
				]),
			),
		};
		return results.json({ idMessage: message.idMessage, urlFile });
	}

	function uploadFile({ state, raw, headers, baseUrl }) {
		if (raw.length === 0) throw new ValidationError("'file' is required");
		if (raw.length > MAX_FILE_BYTES) return results.text('File size exceeds 100 MB', 413);
		const mimeType = (headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		let fileName = 'file';
		try {
			fileName = decodeURIComponent(headers['ga-filename'] ?? 'file');
		} catch {
			throw new ValidationError("'GA-Filename' must be percent-encoded");
		}
		const fileId = storeFile(state, { fileName, mimeType, bytes: raw, size: raw.length });
		state.lastUpload = { method: 'uploadFile', fileName, mimeType, size: raw.length, sha256: state.files.get(fileId).sha256 };
		return results.json({ urlFile: fileUrl(baseUrl, fileId, fileName) });
	}

	function sendFileByUrl({ state, body }) {
		const chatId = chatIdField(body);
		const urlFile = requireField(body, 'urlFile');
		const fileName = requireField(body, 'fileName');
		checkFileName(fileName);
		if (!/^https?:\/\//.test(urlFile)) throw new ValidationError("'urlFile' must be a valid URL");
		const fileId = storeFile(state, { fileName, mimeType: 'application/octet-stream', url: urlFile, size: 0 });
		const message = addFileMessage(state, chatId, 'outgoing', fileId, { caption: body.caption });
		message.downloadUrl = urlFile;
		return results.json({ idMessage: message.idMessage });
	}

	/** The bytes of the seeded picture messages: a generated file, so that Download File gets what Get History shows. */
	const SEEDED_PICTURE_BYTES = 4096;

	/**
	 * A seeded message with a file (the seed's imageMessages) enters the file index on first download, as GREEN-API
	 * answers downloadFile for every file message of a chat; its downloadUrl becomes the emulator's own link.
	 */
	function seededFileEntry(state, chatId, idMessage, baseUrl) {
		const chat = state.chats.get(chatId);
		const message = chat && history(chat, Infinity).find((m) => m.idMessage === idMessage);
		if (!message || !/^(image|video|audio|document)Message$/.test(message.typeMessage)) return undefined;
		const fileName = message.fileName ?? `${idMessage}.jpg`;
		const fileId = storeFile(state, { fileName, mimeType: message.mimeType ?? 'image/jpeg', size: SEEDED_PICTURE_BYTES, seed: 11 });
		message.downloadUrl = fileUrl(baseUrl, fileId, fileName);
		const entry = { chatId, fileId };
		state.fileMessages.set(idMessage, entry);
		return entry;
	}

	function downloadFile({ state, body, baseUrl }) {
		const chatId = chatIdField(body);
		const idMessage = requireField(body, 'idMessage');
		const entry = state.fileMessages.get(idMessage) ?? seededFileEntry(state, chatId, idMessage, baseUrl);
		if (!entry || entry.chatId !== chatId) {
			return results.text(`File message encrypted url not found by chatId ${chatId} and idMessage ${idMessage}`, 400);
		}
		const file = state.files.get(entry.fileId);
		return results.json({ downloadUrl: file.url ?? fileUrl(baseUrl, entry.fileId, file.fileName) });
	}

	function statusWithFile(method) {
		return ({ state, body }) => {
			const urlFile = requireField(body, 'urlFile');
			requireField(body, 'fileName');
			if (!/^https?:\/\//.test(urlFile)) throw new ValidationError("'urlFile' must be a valid URL");
			if (body.participants !== undefined && !Array.isArray(body.participants)) {
				throw new ValidationError("'participants' must be an array");
			}
			const idMessage = nextMessageId(state);
			state.statusesSent.push({ method, idMessage, ...body, timestamp: Math.floor(Date.now() / 1000) });
			return results.json({ idMessage });
		};
	}

	/** setGroupPicture / setProfilePicture: a JPEG in the multipart part `file`. */
	function picture(kind) {
		return ({ state, raw, headers }) => {
			const parts = parseMultipart(raw, headers['content-type']);
			if (!parts?.file) throw new ValidationError("'file' is required");
			const jpeg = parts.file.value.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
			if (kind === 'group') {
				const groupId = chatIdField({ groupId: parts.groupId?.value.toString('utf8') }, 'groupId');
				const group = state.groups.get(groupId);
				if (!group || !jpeg) return results.json({ setGroupPicture: false, reason: jpeg ? 'group not found' : 'not a jpeg' });
				group.picture = { size: parts.file.value.length, sha256: createHash('sha256').update(parts.file.value).digest('hex') };
				return results.json({ setGroupPicture: true, urlAvatar: `https://pps.whatsapp.net/${groupId}.jpg`, reason: '' });
			}
			if (!jpeg) return results.json({ setProfilePicture: false, reason: 'not a jpeg' });
			state.profilePicture = { size: parts.file.value.length, sha256: createHash('sha256').update(parts.file.value).digest('hex') };
			return results.json({ setProfilePicture: true, urlAvatar: `https://pps.whatsapp.net/${state.wid}.jpg`, reason: '' });
		};
	}

	return {
		methods: {
			sendFileByUpload: { verb: 'POST', limit: 50, raw: true, handle: sendFileByUpload },
			uploadFile: { verb: 'POST', limit: 50, raw: true, handle: uploadFile },
			sendFileByUrl: { verb: 'POST', limit: 50, handle: sendFileByUrl },
			downloadFile: { verb: 'POST', limit: 5, handle: downloadFile },
			sendMediaStatus: { verb: 'POST', limit: 5, handle: statusWithFile('sendMediaStatus') },
			sendVoiceStatus: { verb: 'POST', limit: 5, handle: statusWithFile('sendVoiceStatus') },
			setGroupPicture: { verb: 'POST', limit: 1, raw: true, handle: picture('group') },
			setProfilePicture: { verb: 'POST', limit: 0.1, anyState: false, raw: true, handle: picture('profile') },
		},
		initState(state) {
			state.files = new Map();
			state.fileMessages = new Map();
			state.fileCounter = 0;
			state.statusesSent ??= [];
			state.lastUpload = null;
			state.profilePicture = null;
		},
		controlRoutes: {
			/** An incoming message with a generated file of `size` bytes: { chatId, size, fileName, mimeType, seed }. */
			'POST /__control/files/incoming': (emu, body) => {
				const chatId = chatIdField(body);
				// `base64`: the file's own bytes (e.g. a real JPEG for the picture methods) instead of generated ones
				const bytes = typeof body.base64 === 'string' ? Buffer.from(body.base64, 'base64') : undefined;
				const size = bytes ? bytes.length : Number(body.size ?? 1024);
				if (!Number.isInteger(size) || size < 0 || size > MAX_FILE_BYTES * 2) throw new ValidationError("'size' must be a byte count");
				const fileName = body.fileName ?? 'received.bin';
				const seed = Number(body.seed ?? 7);
				const fileId = storeFile(emu.state, { fileName, mimeType: body.mimeType ?? 'application/octet-stream', size, seed, ...(bytes ? { bytes } : {}) });
				const message = addFileMessage(emu.state, chatId, 'incoming', fileId, { caption: body.caption });
				message.downloadUrl = fileUrl(emu.baseUrl, fileId, fileName);
				return { idMessage: message.idMessage, downloadUrl: message.downloadUrl, size, seed };
			},
			'GET /__control/files/last-upload': (emu) => emu.state.lastUpload,
		},
	};
};

/** GET /__files/<id>/<name>: the bytes of a stored or generated file, with its type and length. */
function serveFile(emu, req, res, url) {
	const [, id] = url.pathname.split('/').slice(1);
	const file = emu.state.files?.get(id);
	if (!file || req.method !== 'GET' || file.url) {
		res.writeHead(404, { 'Content-Type': 'text/plain' });
		return res.end('Not Found');
	}
	res.writeHead(200, {
		'Content-Type': file.mimeType,
		'Content-Length': String(file.size),
		'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
	});
	if (file.bytes) return res.end(file.bytes);
	let sent = 0;
	const pump = () => {
		while (sent < file.size) {
			const count = Math.min(CHUNK, file.size - sent);
			const more = res.write(generatedBytes(file.seed, sent, count));
			sent += count;
			if (!more) return res.once('drain', pump);
		}
		res.end();
	};
	pump();
}

module.exports.serveFile = serveFile;
module.exports.generatedBytes = generatedBytes;
module.exports.parseMultipart = parseMultipart;
