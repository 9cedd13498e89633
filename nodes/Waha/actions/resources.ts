import type { Resource } from '../../GreenApi/actions/types';
import { chat } from './chat/Chat.resource';
import { message } from './message/Message.resource';

/** The WAHA node's resources: the operations of WAHA's Chats API. */
export const wahaResources: Resource[] = [chat, message];
