/**
 * Which GREEN-API methods may be repeated after a failure that left it unknown whether GREEN-API got the call (a
 * timeout after sending, a reset after the body, a 5xx). A repeat of a safe method gives the same result as one
 * call: reads, and setters that set a state (archived, a setting, a name). An effectful method does something a
 * person sees each time (a message, a status, a group, a new file link, a restart), so it is repeated only when the
 * call provably never reached GREEN-API (see retry.ts). A method in neither list is treated as effectful.
 * README.md ("Retries") shows this table; test/methods.test.ts checks that every method the nodes call is in it.
 */
export const SAFE_TO_REPEAT = new Set(
	[
		// reads
		'getStateInstance',
		'getSettings',
		'getWaSettings',
		'qr',
		'getChats',
		'getChatHistory',
		'getMessage',
		'getContacts',
		'getContactInfo',
		'getAvatar',
		'checkWhatsapp',
		'getGroupData',
		'lastIncomingMessages',
		'lastOutgoingMessages',
		'lastIncomingCalls',
		'lastOutgoingCalls',
		'getIncomingStatuses',
		'getOutgoingStatuses',
		'getStatusStatistic',
		'showMessagesQueue',
		'getMessagesCount',
		'receiveNotification',
		'downloadFile',
		'file download',
		// setters: the second call finds the state the first one made
		'setSettings',
		'archiveChat',
		'unarchiveChat',
		'readChat',
		'setDisappearingChat',
		'sendTyping',
		'editMessage',
		'deleteMessage',
		'deleteStatus',
		'deleteNotification',
		'clearMessagesQueue',
		'updateGroupName',
		'updateGroupSettings',
		'setGroupPicture',
		'setProfilePicture',
		'setGroupAdmin',
		'removeAdmin',
		'removeGroupParticipant',
		'leaveGroup',
		'editContact',
		'deleteContact',
	].map((method) => method.toLowerCase()),
);

/** Named for the README and the tests; any method not in SAFE_TO_REPEAT is handled as these are. */
export const EFFECTFUL = [
	'sendMessage',
	'sendFileByUrl',
	'sendFileByUpload',
	'uploadFile',
	'sendPoll',
	'sendLocation',
	'sendContact',
	'sendInteractiveButtons',
	'sendInteractiveButtonsReply',
	'forwardMessages',
	'sendTextStatus',
	'sendVoiceStatus',
	'sendMediaStatus',
	'createGroup',
	'addGroupParticipant',
	'addContact',
	'getAuthorizationCode',
	'logout',
	'reboot',
];

export function isSafeToRepeat(method: string): boolean {
	return SAFE_TO_REPEAT.has(method.toLowerCase());
}
