/** Every string reachable from `value`, own non-enumerable properties (message, stack, cause) included. */
export function allStrings(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (value === null || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	return Object.getOwnPropertyNames(value).flatMap((key) => {
		const descriptor = Object.getOwnPropertyDescriptor(value, key);
		return descriptor && 'value' in descriptor ? allStrings(descriptor.value, seen) : [];
	});
}

/** Fails when `secret` appears anywhere in `value`. */
export function expectNoSecret(value: unknown, secret: string): void {
	const leaks = allStrings(value).filter((text) => text.includes(secret));
	expect(leaks).toEqual([]);
}
