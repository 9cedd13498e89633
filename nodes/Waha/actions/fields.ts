import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, readText } from '../../GreenApi/actions/common';

/** What a WAHA message id looks like: `true_79001234567@c.us_3EB0…` (groups add `_participant@c.us`). */
const WAHA_MESSAGE_ID = /^(true|false)_[^\s/]+@[a-z.]+_[A-Za-z0-9]+(_[^\s/]+)?$/;

export const MESSAGE_ID_EXAMPLE = 'true_79001234567@c.us_3EB0C767D097B7C7C030';

/** The notice a destructive operation shows above its fields: what it deletes, for good. */
export function destructiveNotice(name: string, what: string): INodeProperties {
	return {
		displayName: `This permanently deletes ${what} from the WhatsApp account. It cannot be undone.`,
		name,
		type: 'notice',
		default: '',
	};
}

/** The Message ID field: WAHA's full id of a message, as Get History gives it in `id`. */
export function wahaMessageIdField(description: string): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: MESSAGE_ID_EXAMPLE,
		description: `${description}: WAHA's full message ID (the ID field of Chat › Get History), e.g. ${MESSAGE_ID_EXAMPLE}`,
	};
}

/** The item's message id (trimmed); fails the item, before any request, when it is not one of WAHA's. */
export function readWahaMessageId(context: IExecuteFunctions, itemIndex: number): string {
	const id = (readText(context, itemIndex, 'messageId', 'Message ID') ?? '').trim();
	if (!WAHA_MESSAGE_ID.test(id)) throw invalidField(context, itemIndex, 'Message ID', id, `WAHA's full message id such as ${MESSAGE_ID_EXAMPLE}`);
	return id;
}
