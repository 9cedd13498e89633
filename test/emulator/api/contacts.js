'use strict';
// Contacts: the contact list (the chats the account knows), a contact's info, its avatar, and checkWhatsapp with
// GREEN-API's plan quota: a quota set through the control API counts checks down and answers 466 once used up.

/** GREEN-API's 466 body when a quota is used up (shape documented, values illustrative). */
function quotaExceeded(results) {
	return results.json(
		{
			invokeStatus: { status: 'QUOTE_ALLOWED_METHODS', description: 'Monthly quota for checkWhatsapp is exceeded' },
			correspondentsStatus: { status: 'CORRESPONDENTS_QUOTE_NOT_EXCEEDED' },
		},
		466,
	);
}

module.exports = (lib) => {
	const { ValidationError, results, requireField, chatIdField, isKnownContact } = lib;

	function getContacts({ state }) {
		const contacts = [...state.chats.values()].map((chat) => ({
			id: chat.id,
			name: chat.name,
			contactName: chat.type === 'group' ? '' : (state.contacts.book.get(chat.id)?.contactName ?? chat.name),
			type: chat.type,
		}));
		return results.json(contacts);
	}

	/** addContact / editContact: {chatId (personal), firstName, lastName?, saveInAddressbook?} → {addContact|editContact: true}. */
	function saveContact(method) {
		return ({ state, body }) => {
			const chatId = chatIdField(body);
			if (!/@c\.us$/.test(chatId)) throw new ValidationError("'chatId' must be a personal chat id");
			const firstName = requireField(body, 'firstName');
			if (typeof firstName !== 'string' || firstName.trim() === '') throw new ValidationError("'firstName' must be a string");
			if (body.lastName !== undefined && typeof body.lastName !== 'string') throw new ValidationError("'lastName' must be a string");
			if (body.saveInAddressbook !== undefined && typeof body.saveInAddressbook !== 'boolean') {
				throw new ValidationError("'saveInAddressbook' must be a boolean");
			}
			if (!isKnownContact(state, chatId)) return results.json({ message: `${chatId} is not on WhatsApp` }, 404);
			const { book } = state.contacts;
			if (method === 'addContact' && book.has(chatId)) return results.json({ message: `Contact ${chatId} already exists` }, 400);
			const contactName = [firstName, body.lastName].filter(Boolean).join(' ');
			book.set(chatId, { firstName, lastName: body.lastName ?? '', contactName, saveInAddressbook: body.saveInAddressbook ?? true });
			return results.json({ [method]: true });
		};
	}

	function deleteContact({ state, body }) {
		const chatId = chatIdField(body);
		if (!isKnownContact(state, chatId)) return results.json({ message: `${chatId} is not on WhatsApp` }, 404);
		state.contacts.book.delete(chatId);
		return results.json({ deleteContact: true });
	}

	function getContactInfo({ state, body }) {
		const chatId = chatIdField(body);
		const chat = state.chats.get(chatId);
		return results.json({
			avatar: avatarOf(state, chatId),
			name: chat ? chat.name : '',
			contactName: chat ? chat.name : '',
			email: '',
			category: '',
			description: '',
			products: [],
			chatId,
			lastSeen: null,
			isArchive: chat ? chat.archive : false,
			isDisappearing: chat ? chat.ephemeralExpiration > 0 : false,
			isMute: false,
			messageExpiration: chat ? chat.ephemeralExpiration : 0,
			muteExpiration: null,
			isBusiness: false,
		});
	}

	/** The picture link of a known contact or group, or '' (unknown ones show none). */
	function avatarOf(state, chatId) {
		const group = state.groups.get(chatId);
		if (group) return group.picture ? `https://pps.whatsapp.net/${chatId}.jpg` : '';
		return isKnownContact(state, chatId) ? `https://pps.whatsapp.net/v/${chatId.replace(/@.*/, '')}.jpg` : '';
	}

	function getAvatar({ state, body }) {
		const chatId = chatIdField(body);
		const urlAvatar = avatarOf(state, chatId);
		return results.json({ urlAvatar, available: urlAvatar !== '' });
	}

	function checkWhatsapp({ state, body }) {
		const phoneNumber = requireField(body, 'phoneNumber');
		if (!Number.isInteger(phoneNumber) || phoneNumber <= 0) throw new ValidationError("'phoneNumber' must be a number");
		const { contacts } = state;
		if (contacts.checkQuota !== null) {
			if (contacts.checkQuota <= 0) return quotaExceeded(results);
			contacts.checkQuota -= 1;
		}
		return results.json({ existsWhatsapp: isKnownContact(state, `${phoneNumber}@c.us`) });
	}

	return {
		methods: {
			getContacts: { verb: 'GET', limit: 1, handle: getContacts },
			getContactInfo: { verb: 'POST', limit: 1, handle: getContactInfo },
			getAvatar: { verb: 'POST', limit: 10, handle: getAvatar },
			checkWhatsapp: { verb: 'POST', limit: 10, handle: checkWhatsapp },
			addContact: { verb: 'POST', limit: 1, handle: saveContact('addContact') },
			editContact: { verb: 'POST', limit: 1, handle: saveContact('editContact') },
			deleteContact: { verb: 'POST', limit: 1, handle: deleteContact },
		},
		initState(state) {
			/** checkQuota: checks left this month (null: no quota, as on a paid plan). */
			state.contacts = { checkQuota: null, book: new Map() };
		},
		controlRoutes: {
			/** { checkQuota: n | null }: how many checkWhatsapp calls are left before 466. */
			'POST /__control/contacts/check-quota': (emu, body) => {
				const { checkQuota } = body;
				if (!(checkQuota === null || (Number.isInteger(checkQuota) && checkQuota >= 0))) {
					throw new ValidationError("'checkQuota' must be a non-negative integer or null");
				}
				emu.state.contacts.checkQuota = checkQuota;
				return { checkQuota };
			},
		},
	};
};
