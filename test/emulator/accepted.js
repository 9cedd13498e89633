'use strict';
// What the emulator accepted (the method took effect: its handler answered 200, even where a fault then replaced or
// dropped the answer), per API method, from its request log: how many calls, how many
// distinct bodies, and every body accepted more than once. A Message › Send accepted twice is a WhatsApp message
// delivered twice: the queue-mode suite counts those here. `GET /__control/accepted`.
const { METHODS_BY_KEY } = require('./methods');

function acceptedByMethod(log) {
	const byMethod = {};
	const bodies = new Map();
	for (const entry of log) {
		if (!entry.accepted) continue;
		const name = METHODS_BY_KEY.get(String(entry.method).toLowerCase())?.name ?? String(entry.method);
		byMethod[name] ??= { accepted: 0, distinct: 0, repeated: [] };
		byMethod[name].accepted += 1;
		const key = `${name} ${JSON.stringify(entry.body)}`;
		const times = (bodies.get(key) ?? 0) + 1;
		bodies.set(key, times);
		if (times === 1) byMethod[name].distinct += 1;
		if (times === 2) byMethod[name].repeated.push({ body: entry.body, times });
		if (times > 2) byMethod[name].repeated.find((item) => JSON.stringify(item.body) === JSON.stringify(entry.body)).times = times;
	}
	return byMethod;
}

module.exports = { acceptedByMethod };
