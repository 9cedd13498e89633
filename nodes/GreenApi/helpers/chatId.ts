export type ChatIdKind = 'any' | 'personal' | 'group';

const PERSONAL_ID = /^\d{5,20}@c\.us$/;
const LID = /^\d{5,25}@lid$/;
const GROUP_ID = /^\d{5,25}(-\d{5,15})?@g\.us$/;
/** Separators people put in phone numbers: spaces, dashes, dots, slashes and brackets. */
const PHONE_SEPARATORS = /[\s\-.()/\u00a0]/g;

/** A phone number in any common writing (`+7 (900) 123-45-67`, `0079001234567`) as digits, or undefined. */
export function phoneDigits(value: string): string | undefined {
	const compact = value.replace(PHONE_SEPARATORS, '');
	const digits = compact.replace(/^(\+|00)/, '');
	return /^\d{7,15}$/.test(digits) ? digits : undefined;
}

/**
 * A GREEN-API chat id for `value`, or undefined when `value` is not one of `kind`.
 * Personal chats: `…@c.us`, `…@lid`, or a phone number; groups: `…@g.us` (new and old formats).
 */
export function normalizeChatId(value: unknown, kind: ChatIdKind): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	const isGroup = GROUP_ID.test(text);
	if (kind === 'group') return isGroup ? text : undefined;
	if (isGroup) return kind === 'any' ? text : undefined;
	if (PERSONAL_ID.test(text) || LID.test(text)) return text;
	const digits = phoneDigits(text);
	return digits === undefined ? undefined : `${digits}@c.us`;
}

export const CHAT_ID_FORMATS: Record<ChatIdKind, string> = {
	any: 'a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid, or a phone number with country code',
	personal: 'a personal chat id such as 79001234567@c.us or 123456789012345@lid, or a phone number with country code',
	group: 'a group id such as 120363043968066561@g.us or 79001234567-1479621234@g.us',
};
