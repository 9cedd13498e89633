/** What every redacted secret is replaced with. */
export const REDACTED = '***';

/** The token segment of a GREEN-API path: `/waInstance{id}/{method}/{token}`. */
const TOKEN_IN_PATH = /(waInstance\d+\/[A-Za-z]+\/)[^/\s"'?#&]+/g;

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
