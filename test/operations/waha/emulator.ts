import nock from 'nock';

/** The WAHA emulator (test/emulator/waha/server.js), typed for the tests. */
export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	body?: unknown;
	status?: number | string;
}

export interface WahaEmulator {
	url: string;
	credential: { baseUrl: string; apiKey: string; session: string };
	emu: {
		log: LoggedRequest[];
		faults: Array<Record<string, unknown>>;
		sessions: Map<string, { engine: string; status: string; store: boolean; chats: Map<string, { id: string; archived: boolean; messages: Array<{ id: string; body: string }> }> }>;
		baseUrl: string;
	};
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the emulator is plain JavaScript
const emulator = require('../../emulator/waha/server') as {
	startWahaEmulator(options?: { apiKey?: string; sessions?: Record<string, string>; chatCount?: number }): Promise<WahaEmulator>;
	WAHA_SEED: { personalChatId: string; groupId: string; imageFile: string };
	mediaBytes(size?: number): Buffer;
};

export const { startWahaEmulator, WAHA_SEED, mediaBytes } = emulator;

export const API_KEY = 'waha-test-key-5f0c1d2e3a4b';

/** Lets n8n's HTTP client reach the emulator on 127.0.0.1 (the suite's setup blocks the network). */
export function allowLocalhost(): void {
	nock.enableNetConnect('127.0.0.1');
}
