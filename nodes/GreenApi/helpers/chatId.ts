export type ChatIdKind = 'any' | 'personal' | 'group';

/** The chat id formats, as patterns without anchors: the runtime checks and the editor's By ID validation share them. */
const PATTERNS = {
	personal: String.raw`\d{5,20}@c\.us`,
	lid: String.raw`\d{5,25}@lid`,
	group: String.raw`\d{5,25}(-\d{5,15})?@g\.us`,
};
const PERSONAL_ID = new RegExp(`^${PATTERNS.personal}$`);
const LID = new RegExp(`^${PATTERNS.lid}$`);
const GROUP_ID = new RegExp(`^${PATTERNS.group}$`);

/** The ids of `kind`, as a pattern n8n anchors itself (a resource locator's regex validation). */
export const CHAT_ID_PATTERN: Record<ChatIdKind, string> = {
	any: `(${PATTERNS.personal}|${PATTERNS.lid}|${PATTERNS.group})`,
	personal: `(${PATTERNS.personal}|${PATTERNS.lid})`,
	group: PATTERNS.group,
};

/** A phone number in a common writing, as a pattern n8n anchors itself; phoneDigits() decides. */
export const PHONE_PATTERN = String.raw`\s*(\+|00)?[\d\s\-.()/\u00a0]{7,30}\s*`;
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

/** A chat id of `kind` as it was written (trimmed), or undefined: no phone number is turned into an id. */
export function exactChatId(value: unknown, kind: ChatIdKind): string | undefined {
	const chatId = normalizeChatId(value, kind);
	return chatId !== undefined && chatId === String(value).trim() ? chatId : undefined;
}

/** The personal chat id of a phone number in any common writing, or undefined. */
export function phoneChatId(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const digits = phoneDigits(String(value).trim());
	return digits === undefined ? undefined : `${digits}@c.us`;
}

/** What By ID accepts: CHAT_ID_FORMATS without the phone numbers. */
export const EXACT_ID_FORMATS: Record<ChatIdKind, string> = {
	any: 'a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid',
	personal: 'a personal chat id such as 79001234567@c.us or 123456789012345@lid',
	group: CHAT_ID_FORMATS.group,
};

export const PHONE_FORMAT = 'a phone number with country code, such as +7 900 123-45-67 or 79001234567';
