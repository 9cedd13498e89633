import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { EFFECTFUL, isSafeToRepeat, SAFE_TO_REPEAT } from '../nodes/GreenApi/transport/methods';
import { canReconcile } from '../nodes/GreenApi/transport/reconcile';

/** Every GREEN-API method name the nodes' source passes as `method:` (literal, or one of a template's values). */
function methodsCalled(): Set<string> {
	const names = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (path.endsWith('.ts')) {
				const text = readFileSync(path, 'utf8');
				for (const match of text.matchAll(/method:\s*'([A-Za-z]+)'/g)) names.add(match[1]);
				for (const match of text.matchAll(/'(last(?:Incoming|Outgoing)(?:Messages|Calls)|get(?:Incoming|Outgoing)Statuses|sendInteractiveButtons(?:Reply)?|(?:un)?archiveChat)'/g)) {
					names.add(match[1]);
				}
			}
		}
	};
	walk(join(__dirname, '..', 'nodes'));
	names.delete('GET');
	names.delete('POST');
	return names;
}

describe('the retry table (README "Retries")', () => {
	it('classifies every method the nodes call, each in one column only', () => {
		const effectful = new Set(EFFECTFUL.map((method) => method.toLowerCase()));
		const unclassified = [...methodsCalled()].filter(
			(method) => !SAFE_TO_REPEAT.has(method.toLowerCase()) && !effectful.has(method.toLowerCase()),
		);
		expect(unclassified).toEqual([]);
		expect([...effectful].filter((method) => SAFE_TO_REPEAT.has(method))).toEqual([]);
	});

	it.each([
		['sendMessage', false],
		['sendFileByUpload', false],
		['forwardMessages', false],
		['createGroup', false],
		['addGroupParticipant', false],
		['uploadFile', false],
		['sendTextStatus', false],
		['aMethodNobodyKnows', false],
		['getChats', true],
		['archiveChat', true],
		['setSettings', true],
		['receiveNotification', true],
	])('%s is safe to repeat: %s', (method, safe) => {
		expect(isSafeToRepeat(method)).toBe(safe);
	});

	it('can look up sent texts, polls and locations in the journal, and nothing it cannot match', () => {
		expect(['sendMessage', 'sendLocation', 'sendPoll', 'sendFileByUrl', 'sendContact'].map(canReconcile)).toEqual([true, true, true, false, false]);
	});

	it('lists every method in the README table', () => {
		const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('### Retries'));
		for (const method of [...SAFE_TO_REPEAT].filter((name) => name !== 'file download')) {
			expect(section.toLowerCase()).toContain(`\`${method}\``);
		}
		for (const method of EFFECTFUL) expect(section).toContain(`\`${method}\``);
	});
});
