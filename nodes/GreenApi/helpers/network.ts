/** A request that got no answer, in words, by the code n8n's HTTP client (or a stop) gave it. */
export const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection was aborted',
	ERR_STREAM_PREMATURE_CLOSE: 'the connection closed before the answer ended',
	ENOTFOUND: 'the host was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host could not be reached',
	ENETUNREACH: 'the network could not be reached',
	ERR_CANCELED: 'the workflow was stopped',
	ECANCELED_IN_FLIGHT: 'the workflow was stopped',
};

/** The network error code behind an error n8n raised for a request that got no answer. */
export function networkCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return 'EUNKNOWN';
}
