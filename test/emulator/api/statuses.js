'use strict';
// Statuses (stories): text statuses, deleting, view statistics and the journals. Statuses with files
// (sendMediaStatus, sendVoiceStatus) are in files.js and land in the same list, state.statusesSent.

module.exports = (lib) => {
	const { ValidationError, results, requireField } = lib;

	const TYPE_OF_METHOD = { sendTextStatus: 'extendedTextMessage', sendMediaStatus: 'imageMessage', sendVoiceStatus: 'audioMessage' };

	function sendTextStatus({ state, body }) {
		const message = requireField(body, 'message');
		if (typeof message !== 'string' || message.length > 500) throw new ValidationError("'message' must be at most 500 characters");
		if (body.backgroundColor !== undefined && !/^#[0-9a-fA-F]{6}$/.test(body.backgroundColor)) {
			throw new ValidationError("'backgroundColor' must be a hex color");
		}
		state.messageCounter += 1;
		const idMessage = `BAE5${state.messageCounter.toString(16).toUpperCase().padStart(16, '0')}`;
		state.statusesSent.push({ method: 'sendTextStatus', idMessage, ...body, timestamp: Math.floor(Date.now() / 1000) });
		return results.json({ idMessage });
	}

	function find(state, idMessage) {
		return state.statusesSent.find((status) => status.idMessage === idMessage && !status.deleted);
	}

	function deleteStatus({ state, body }) {
		const idMessage = requireField(body, 'idMessage');
		const status = find(state, idMessage);
		if (!status) return results.text(`status ${idMessage} not found`, 400);
		status.deleted = true;
		return results.empty();
	}

	function getStatusStatistic({ state, query }) {
		const idMessage = query.get('idMessage');
		if (!idMessage) throw new ValidationError("'idMessage' is required");
		const status = find(state, idMessage);
		if (!status) return results.json([]);
		const viewers = status.participants ?? ['79001234567@c.us', '79001234568@c.us'];
		return results.json(viewers.map((participant, i) => ({ participant, timestamp: status.timestamp + 60 * (i + 1), status: i === 0 ? 'read' : 'delivered' })));
	}

	const journal = (type) => ({ state, query }) => {
		const minutes = Number(query.get('minutes') ?? 1440);
		if (!Number.isInteger(minutes) || minutes < 1) throw new ValidationError("'minutes' must be a positive integer");
		const since = Math.floor(Date.now() / 1000) - minutes * 60;
		if (type === 'incoming') return results.json(state.statusesReceived.filter((status) => status.timestamp >= since));
		return results.json(
			state.statusesSent
				.filter((status) => !status.deleted && status.timestamp >= since)
				.map(({ method, idMessage, timestamp, message, caption, urlFile, participants }) => ({
					type: 'outgoing',
					idMessage,
					timestamp,
					typeMessage: TYPE_OF_METHOD[method],
					chatId: '79001230000@c.us',
					...(message ? { textMessage: message } : {}),
					...(urlFile ? { downloadUrl: urlFile, caption: caption ?? '' } : {}),
					participants: participants ?? [],
					statusMessage: 'sent',
					sendByApi: true,
				}))
				.reverse(),
		);
	};

	return {
		methods: {
			sendTextStatus: { verb: 'POST', limit: 5, handle: sendTextStatus },
			deleteStatus: { verb: 'POST', limit: 10, handle: deleteStatus },
			getStatusStatistic: { verb: 'GET', limit: 1, handle: getStatusStatistic },
			getIncomingStatuses: { verb: 'GET', limit: 1, handle: journal('incoming') },
			getOutgoingStatuses: { verb: 'GET', limit: 1, handle: journal('outgoing') },
		},
		initState(state) {
			state.statusesSent ??= [];
			const now = Math.floor(Date.now() / 1000);
			state.statusesReceived = [
				{ type: 'incoming', idMessage: 'STATUS00000001', timestamp: now - 600, typeMessage: 'extendedTextMessage', chatId: '79001234567@c.us', senderName: 'Anna Petrova', textMessage: 'Back on Monday' },
			];
		},
	};
};
