'use strict';
// The instance: its state, settings, WhatsApp account, and linking a phone. While the instance is not authorized,
// `qr` hands out a QR code (a real PNG) and getAuthorizationCode a code; the control API's
// POST /__control/instance/link plays the phone scanning it. logout unlinks; reboot restarts (the state stays).
const { createHash } = require('node:crypto');
const zlib = require('node:zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A grey-scale PNG of `size`×`size` modules (true = black), each `scale` pixels wide, with a quiet zone of 4. */
function encodePng(modules, scale = 4) {
	const size = modules.length;
	const width = (size + 8) * scale;
	const rows = [];
	for (let y = 0; y < width; y++) {
		const row = Buffer.alloc(width + 1, 0xff);
		row[0] = 0; // filter: none
		const my = Math.floor(y / scale) - 4;
		for (let x = 0; x < width; x++) {
			const mx = Math.floor(x / scale) - 4;
			if (my >= 0 && my < size && mx >= 0 && mx < size && modules[my][mx]) row[x + 1] = 0;
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(width, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // grey-scale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** A QR-looking picture for `seed`: the three finder squares and a pattern of modules derived from the seed. */
function qrPicture(seed) {
	const size = 29;
	const bits = createHash('sha256').update(seed).digest();
	const modules = Array.from({ length: size }, (_, y) =>
		Array.from({ length: size }, (_, x) => ((bits[(y * size + x) % bits.length] >> ((x + y) % 8)) & 1) === 1),
	);
	for (const [oy, ox] of [
		[0, 0],
		[0, size - 7],
		[size - 7, 0],
	]) {
		for (let y = 0; y < 7; y++) {
			for (let x = 0; x < 7; x++) {
				const ring = Math.max(Math.abs(y - 3), Math.abs(x - 3));
				modules[oy + y][ox + x] = ring !== 2;
			}
		}
	}
	return encodePng(modules);
}

module.exports = (lib) => {
	const { ValidationError, results, requireField, checkSetting } = lib;

	function getStateInstance({ state }) {
		return results.json({ stateInstance: state.stateInstance });
	}

	function getSettings({ state }) {
		return results.json(state.settings);
	}

	function setSettings({ state, body }) {
		for (const [key, value] of Object.entries(body)) {
			if (key === 'wid' || !(key in state.settings)) continue;
			checkSetting(key, state.settings[key], value);
		}
		for (const [key, value] of Object.entries(body)) {
			if (key !== 'wid' && key in state.settings) state.settings[key] = value;
		}
		return results.json({ saveSettings: true });
	}

	function getWaSettings({ state }) {
		const authorized = state.stateInstance === 'authorized';
		return results.json({
			avatar: authorized && state.profilePicture ? `https://pps.whatsapp.net/${state.wid}.jpg` : '',
			phone: authorized ? state.wid.replace(/@.*/, '') : '',
			stateInstance: state.stateInstance,
			deviceId: authorized ? `emulator-device-${state.idInstance}` : '',
		});
	}

	function qr({ state }) {
		if (state.stateInstance === 'authorized') {
			return results.json({ type: 'alreadyLogged', message: 'instance account already authorized' });
		}
		if (state.stateInstance !== 'notAuthorized') {
			return results.json({ type: 'error', message: `instance is ${state.stateInstance}` });
		}
		state.instance.qrIssued += 1;
		const png = qrPicture(`${state.idInstance}:${state.instance.qrIssued}`);
		return results.json({ type: 'qrCode', message: png.toString('base64') });
	}

	function getAuthorizationCode({ state, body }) {
		const phoneNumber = requireField(body, 'phoneNumber');
		if (!Number.isInteger(phoneNumber) || phoneNumber <= 0) throw new ValidationError("'phoneNumber' must be a number");
		if (state.stateInstance !== 'notAuthorized') return results.json({ status: false, code: '' });
		const code = createHash('sha1').update(String(phoneNumber)).digest('hex').slice(0, 8).toUpperCase();
		state.instance.authorizationCodes.push({ phoneNumber, code });
		return results.json({ status: true, code });
	}

	function reboot({ state }) {
		state.instance.reboots += 1;
		return results.json({ isReboot: true });
	}

	function logout({ state }) {
		const wasLinked = state.stateInstance !== 'notAuthorized';
		state.stateInstance = 'notAuthorized';
		return results.json({ isLogout: wasLinked });
	}

	return {
		methods: {
			getStateInstance: { verb: 'GET', limit: 1, anyState: true, handle: getStateInstance },
			getSettings: { verb: 'GET', limit: 1, anyState: true, handle: getSettings },
			setSettings: { verb: 'POST', limit: 1, anyState: true, handle: setSettings },
			getWaSettings: { verb: 'GET', limit: 1, anyState: true, handle: getWaSettings },
			qr: { verb: 'GET', limit: 3, anyState: true, handle: qr },
			getAuthorizationCode: { verb: 'POST', limit: 1, anyState: true, handle: getAuthorizationCode },
			reboot: { verb: 'GET', limit: 1, anyState: true, handle: reboot },
			logout: { verb: 'GET', limit: 1, anyState: true, handle: logout },
		},
		initState(state) {
			state.instance = { qrIssued: 0, reboots: 0, authorizationCodes: [] };
		},
		controlRoutes: {
			/** The phone scans the QR code (or types the code): the instance becomes authorized. */
			'POST /__control/instance/link': (emu) => {
				emu.state.stateInstance = 'authorized';
				return { stateInstance: 'authorized' };
			},
			'GET /__control/instance': (emu) => ({ stateInstance: emu.state.stateInstance, ...emu.state.instance }),
		},
	};
};

module.exports.qrPicture = qrPicture;
