import { normalizeChatId } from '../nodes/GreenApi/helpers/chatId';

describe('normalizeChatId', () => {
	it.each([
		['79001234567@c.us', 'any', '79001234567@c.us'],
		['  79001234567@c.us ', 'personal', '79001234567@c.us'],
		['123456789012345@lid', 'personal', '123456789012345@lid'],
		['120363043968066561@g.us', 'any', '120363043968066561@g.us'],
		['79001234567-1479621234@g.us', 'group', '79001234567-1479621234@g.us'],
		['+7 (900) 123-45-67', 'any', '79001234567@c.us'],
		['8 900 123 45 67', 'personal', '89001234567@c.us'],
		['0079001234567', 'personal', '79001234567@c.us'],
		['+1.415.555.0100', 'personal', '14155550100@c.us'],
		[79001234567, 'any', '79001234567@c.us'],
	] as const)('reads %j as a %s id: %s', (value, kind, expected) => {
		expect(normalizeChatId(value, kind)).toBe(expected);
	});

	it.each([
		['', 'any'],
		['hello', 'any'],
		['12345', 'any'],
		['+7 900 123 45 67 89 01 23', 'any'],
		['79001234567@c.us', 'group'],
		['+7 900 123 45 67', 'group'],
		['120363043968066561@g.us', 'personal'],
		['79001234567@s.whatsapp.net', 'any'],
		['7900@c.us', 'any'],
	] as const)('refuses %j as a %s id', (value, kind) => {
		expect(normalizeChatId(value, kind)).toBeUndefined();
	});
});
