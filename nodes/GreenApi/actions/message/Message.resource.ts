import type { Resource } from '../types';
import { deleteMessage } from './delete.operation';
import { download } from './download.operation';
import { edit } from './edit.operation';
import { forward } from './forward.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { markRead } from './markRead.operation';
import { send } from './send.operation';
import { sendAndWait } from './sendAndWait.operation';
import { sendButtons } from './sendButtons.operation';
import { sendContact } from './sendContact.operation';
import { sendFile } from './sendFile.operation';
import { sendLocation } from './sendLocation.operation';
import { sendPoll } from './sendPoll.operation';
import { sendTyping } from './sendTyping.operation';

export const message: Resource = {
	value: 'message',
	name: 'Message',
	defaultOperation: send.value,
	operations: [
		send,
		sendFile,
		sendPoll,
		sendLocation,
		sendContact,
		sendButtons,
		sendAndWait,
		forward,
		sendTyping,
		edit,
		deleteMessage,
		get,
		markRead,
		download,
		getAll,
	],
};
