'use strict';
// The call journals: lastIncomingCalls / lastOutgoingCalls ?minutes (default 1440), newest first. Seeded with calls
// at fixed distances before the instance's start (or reset), so that `minutes` picks a known subset; the control API
// adds more.

/** Seeded calls: direction, chat, status, minutes before the start. */
const SEED_CALLS = [
	['incoming', '79001234567@c.us', 'pickUp', 5],
	['incoming', '79001234568@c.us', 'missed', 90],
	['incoming', '79001234569@c.us', 'declined', 3 * 1440],
	['outgoing', '79001234567@c.us', 'pickUp', 30],
	['outgoing', '79001234570@c.us', 'missed', 2 * 1440],
];

module.exports = (lib) => {
	const { ValidationError, results, chatIdField } = lib;

	function addCall(state, direction, chatId, status, timestamp) {
		state.calls.counter += 1;
		state.calls.journal.push({
			type: direction,
			timestamp,
			idMessage: `CALL${String(state.calls.counter).padStart(12, '0')}`,
			chatId,
			status,
		});
	}

	function minutesOf(query) {
		const raw = query.get('minutes');
		if (raw === null || raw === '') return 1440;
		const minutes = Number(raw);
		if (!Number.isInteger(minutes) || minutes < 1) throw new ValidationError("'minutes' must be a positive integer");
		return minutes;
	}

	function journal(direction) {
		return ({ state, query }) => {
			const since = Math.floor(Date.now() / 1000) - minutesOf(query) * 60;
			const calls = state.calls.journal
				.filter((call) => call.type === direction && call.timestamp >= since)
				.sort((a, b) => b.timestamp - a.timestamp);
			return results.json(calls);
		};
	}

	return {
		methods: {
			lastIncomingCalls: { verb: 'GET', limit: 1, handle: journal('incoming') },
			lastOutgoingCalls: { verb: 'GET', limit: 1, handle: journal('outgoing') },
		},
		initState(state) {
			state.calls = { journal: [], counter: 0 };
			const now = Math.floor(Date.now() / 1000);
			for (const [direction, chatId, status, minutesAgo] of SEED_CALLS) addCall(state, direction, chatId, status, now - minutesAgo * 60);
		},
		controlRoutes: {
			/** A call now: { direction: incoming|outgoing, chatId, status }. */
			'POST /__control/calls': (emu, body) => {
				if (body.direction !== 'incoming' && body.direction !== 'outgoing') {
					throw new ValidationError("'direction' must be incoming or outgoing");
				}
				chatIdField(body);
				addCall(emu.state, body.direction, body.chatId, String(body.status ?? 'pickUp'), Math.floor(Date.now() / 1000));
				return { calls: emu.state.calls.journal.length };
			},
		},
	};
};
