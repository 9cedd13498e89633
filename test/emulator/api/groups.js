'use strict';
// Groups: create, read, rename, settings, members and admins, leave. The seed's groups (../seed.js) are in
// state.groups; the instance's own account (state.wid) is a member and admin of each. Only admins may change
// members and admins (GREEN-API answers the method's flag false otherwise), and a group the account left is gone
// for it: every group method then treats it as unknown. setGroupPicture is in ./files.js.

/** WhatsApp's limit for a group's name. */
const MAX_GROUP_NAME = 100;

module.exports = (lib) => {
	const { ValidationError, results, requireField, chatIdField, ensureChat } = lib;

	function groupNameField(body) {
		const name = requireField(body, 'groupName');
		if (typeof name !== 'string') throw new ValidationError("'groupName' must be a string");
		if (name.length > MAX_GROUP_NAME) {
			throw new ValidationError(`'groupName' length must be less than or equal to ${MAX_GROUP_NAME} characters long`);
		}
		return name;
	}

	/** The group, when the account is a member of it. */
	function memberGroup(state, groupId) {
		const group = state.groups.get(groupId);
		return group && group.participants.some((p) => p.id === state.wid) ? group : undefined;
	}

	function isAdmin(state, group) {
		return group.participants.some((p) => p.id === state.wid && p.isAdmin);
	}

	function inviteLink(groupId) {
		return `https://chat.whatsapp.com/${groupId.replace(/\D/g, '').slice(0, 22)}`;
	}

	function createGroup({ state, body }) {
		const groupName = groupNameField(body);
		const chatIds = body.chatIds;
		if (!Array.isArray(chatIds) || chatIds.length === 0) throw new ValidationError("'chatIds' must be a non-empty array");
		chatIds.forEach((chatId, index) => chatIdField({ [`chatIds[${index}]`]: chatId }, `chatIds[${index}]`));
		state.groupCounter += 1;
		const groupId = `120363${String(900000000000 + state.groupCounter)}@g.us`;
		const members = [...new Set(chatIds.filter((id) => id !== state.wid))];
		state.groups.set(groupId, {
			id: groupId,
			owner: state.wid,
			subject: groupName,
			creation: Math.floor(Date.now() / 1000),
			participants: [
				{ id: state.wid, isAdmin: true, isSuperAdmin: true },
				...members.map((id) => ({ id, isAdmin: false, isSuperAdmin: false })),
			],
			allowParticipantsEditGroupSettings: true,
			allowParticipantsSendMessages: true,
		});
		const chat = ensureChat(state, groupId);
		chat.name = groupName;
		state.activityCounter += 1;
		chat.activity = state.activityCounter;
		return results.json({ created: true, chatId: groupId, groupInviteLink: inviteLink(groupId) });
	}

	function getGroupData({ state, body }) {
		const groupId = chatIdField(body, 'groupId');
		const group = memberGroup(state, groupId);
		if (!group) return results.text('Error: item-not-found', 400);
		return results.json({
			groupId,
			owner: group.owner,
			subject: group.subject,
			creation: group.creation,
			participants: group.participants,
			subjectTime: group.creation,
			subjectOwner: group.owner,
			groupInviteLink: inviteLink(group.id),
			allowParticipantsEditGroupSettings: group.allowParticipantsEditGroupSettings ?? true,
			allowParticipantsSendMessages: group.allowParticipantsSendMessages ?? true,
		});
	}

	function updateGroupName({ state, body }) {
		const groupId = chatIdField(body, 'groupId');
		const groupName = groupNameField(body);
		const group = memberGroup(state, groupId);
		const allowed = Boolean(group) && (isAdmin(state, group) || group.allowParticipantsEditGroupSettings !== false);
		if (allowed) {
			group.subject = groupName;
			if (state.chats.has(groupId)) state.chats.get(groupId).name = groupName;
		}
		return results.json({ updateGroupName: allowed });
	}

	function updateGroupSettings({ state, body }) {
		const groupId = chatIdField(body, 'groupId');
		const changes = {};
		for (const key of ['allowParticipantsEditGroupSettings', 'allowParticipantsSendMessages']) {
			if (body[key] === undefined) continue;
			if (typeof body[key] !== 'boolean') throw new ValidationError(`'${key}' must be a boolean`);
			changes[key] = body[key];
		}
		const group = memberGroup(state, groupId);
		if (!group || !isAdmin(state, group)) {
			return results.json({ updateGroupSettings: false, reason: group ? 'not an admin' : 'group not found' });
		}
		Object.assign(group, changes);
		return results.json({ updateGroupSettings: true, reason: '' });
	}

	/** A member change by an admin: `change(group, index)` does it and says whether it did. */
	function memberChange(flag, change) {
		return ({ state, body }) => {
			const groupId = chatIdField(body, 'groupId');
			const participantChatId = chatIdField(body, 'participantChatId');
			const group = memberGroup(state, groupId);
			if (!group || !isAdmin(state, group)) return results.json({ [flag]: false });
			const index = group.participants.findIndex((p) => p.id === participantChatId);
			return results.json({ [flag]: change(group, index, participantChatId) });
		};
	}

	const addGroupParticipant = memberChange('addParticipant', (group, index, id) => {
		if (index >= 0) return false;
		group.participants.push({ id, isAdmin: false, isSuperAdmin: false });
		return true;
	});

	const removeGroupParticipant = memberChange('removeParticipant', (group, index) => {
		if (index < 0 || group.participants[index].isSuperAdmin) return false;
		group.participants.splice(index, 1);
		return true;
	});

	const setGroupAdmin = memberChange('setGroupAdmin', (group, index) => {
		if (index < 0) return false;
		group.participants[index].isAdmin = true;
		return true;
	});

	const removeAdmin = memberChange('removeAdmin', (group, index) => {
		const participant = group.participants[index];
		if (!participant || !participant.isAdmin || participant.isSuperAdmin) return false;
		participant.isAdmin = false;
		return true;
	});

	function leaveGroup({ state, body }) {
		const groupId = chatIdField(body, 'groupId');
		const group = memberGroup(state, groupId);
		if (!group) return results.json({ leaveGroup: false });
		const wasAdmin = group.participants.some((p) => p.id === state.wid && p.isAdmin);
		group.participants = group.participants.filter((p) => p.id !== state.wid);
		// GREEN-API documents {leaveGroup: true} for a member, and {removeAdmin: true} for an admin leaving
		return results.json(wasAdmin ? { removeAdmin: true } : { leaveGroup: true });
	}

	return {
		methods: {
			createGroup: { verb: 'POST', limit: 1, handle: createGroup },
			getGroupData: { verb: 'POST', limit: 1, handle: getGroupData },
			updateGroupName: { verb: 'POST', limit: 1, handle: updateGroupName },
			updateGroupSettings: { verb: 'POST', limit: 1, handle: updateGroupSettings },
			addGroupParticipant: { verb: 'POST', limit: 10, handle: addGroupParticipant },
			removeGroupParticipant: { verb: 'POST', limit: 10, handle: removeGroupParticipant },
			setGroupAdmin: { verb: 'POST', limit: 10, handle: setGroupAdmin },
			removeAdmin: { verb: 'POST', limit: 10, handle: removeAdmin },
			leaveGroup: { verb: 'POST', limit: 10, handle: leaveGroup },
		},
		initState(state) {
			state.groupCounter = 0;
		},
	};
};
