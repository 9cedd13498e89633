/** What every redacted secret is replaced with. */
export const REDACTED = '***';

/** The token segment of a GREEN-API path: `/waInstance{id}/{method}/{token}`. */
const TOKEN_IN_PATH = /(waInstance\d+\/[A-Za-z]+\/)[^/\s"'?#&]+/g;

/**
 * Every form a secret can take in text an answer or an error holds: as the credential sends it (trimmed, as the
 * credential's `authenticate` trims it), as it was typed (a pasted trailing newline), URL-encoded (a query or a
 * form body) and JSON-escaped (a body quoting it). Forms shorter than 4 characters are left out (they would blank
 * out ordinary text).
 */
export function secretForms(raw: string): string[] {
	const forms = new Set<string>();
	for (const value of [raw.trim(), raw]) {
		if (value.length < 4) continue;
		forms.add(value);
		forms.add(encodeURIComponent(value));
		forms.add(encodeURIComponent(value).replace(/%20/g, '+'));
		forms.add(JSON.stringify(value).slice(1, -1));
	}
	// the longest first, so that a form containing another is replaced whole
	return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with the token removed wherever it appears: in a GREEN-API path, and literally. */
export function redactText(text: string, secrets: readonly string[] = []): string {
	let result = text.replace(TOKEN_IN_PATH, `$1${REDACTED}`);
	for (const secret of secrets) {
		if (secret.length >= 4) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/** A deep copy of a JSON value with every string redacted. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactValue(entry, secrets);
		return copy as T;
	}
	return value;
}
