import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';

import apiMethods from './api-methods.json';

const root = join(__dirname, '..');

/** The TypeScript sources of the shipped nodes. */
function sourceFiles(directory: string): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

interface Found {
	/** Method names written out: `method: 'getChats'`, `method: a ? 'x' : 'y'`, or a `method` typed `'x' | 'y'`. */
	literals: Set<string>;
	/** Calls that name their host (`{method: 'uploadFile', host: 'media'}`): method → host. */
	hosts: Map<string, string>;
	/** Names built from a template (`method: \`${verb}Chat\``), by file: the template's text. */
	templates: Array<{ file: string; template: string }>;
}

/** String literals an expression can evaluate to (a literal, or either branch of a conditional). */
function literalsOf(node: ts.Expression): string[] {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
	if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression);
	if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
	return [];
}

/** String literal types of a type annotation: `'a'`, or `'a' | 'b'`. */
function literalTypesOf(type: ts.TypeNode | undefined): string[] {
	if (!type) return [];
	if (ts.isUnionTypeNode(type)) return type.types.flatMap(literalTypesOf);
	if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
	return [];
}

/**
 * The GREEN-API methods the sources call: every `method` property given a literal (the field of greenApiRequest's
 * call), and every `method` parameter or property typed as literals (helpers that call greenApiRequest with it).
 */
function scan(): Found {
	const found: Found = { literals: new Set(), hosts: new Map(), templates: [] };
	for (const path of sourceFiles(join(root, 'nodes'))) {
		const file = relative(root, path);
		const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
		const visit = (node: ts.Node): void => {
			if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'method') {
				for (const name of literalsOf(node.initializer)) found.literals.add(name.toLowerCase());
				if (ts.isTemplateExpression(node.initializer)) {
					found.templates.push({ file, template: node.initializer.getText(source).slice(1, -1) });
				}
			}
			if (ts.isObjectLiteralExpression(node)) {
				const property = (name: string) =>
					node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name);
				const [method, host] = [property('method'), property('host')];
				if (method && host && ts.isStringLiteral(host.initializer)) {
					for (const name of literalsOf(method.initializer)) found.hosts.set(name.toLowerCase(), host.initializer.text);
				}
			}
			if ((ts.isParameter(node) || ts.isPropertySignature(node)) && node.name.getText(source) === 'method') {
				for (const name of literalTypesOf(node.type)) found.literals.add(name.toLowerCase());
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

interface DocumentedMethod {
	name: string;
	docs: string;
	host: 'api' | 'media';
	verb: 'GET' | 'POST' | 'DELETE';
	fields: string[];
	answer: string[];
	failsOn?: string;
}

const found = scan();
const documented = Object.values(apiMethods.methods).flat() as DocumentedMethod[];
const allMethods = documented.map((method) => method.name);
const leftOut = Object.keys(apiMethods.leftOut);

describe('GREEN-API method coverage', () => {
	it('has an operation for every GREEN-API instance method but those left out on purpose', () => {
		const built = new Set(apiMethods.builtNames.flatMap((entry) => entry.methods.map((name) => name.toLowerCase())));
		const missing = allMethods.filter(
			(name) => !leftOut.includes(name) && !found.literals.has(name.toLowerCase()) && !built.has(name.toLowerCase()),
		);
		if (missing.length > 0) {
			throw new Error(`${missing.length} GREEN-API method(s) have no operation calling them: ${missing.join(', ')}`);
		}
	});

	it('still builds the names the list says are built, where it says', () => {
		for (const entry of apiMethods.builtNames) {
			expect(found.templates).toContainEqual({ file: entry.file, template: entry.template });
		}
	});

	it('calls none of the methods left out on purpose, and says why each is left out', () => {
		for (const name of leftOut) {
			expect(allMethods).toContain(name);
			expect(found.literals.has(name.toLowerCase())).toBe(false);
			expect((apiMethods.leftOut as Record<string, string>)[name].length).toBeGreaterThan(40);
		}
	});

	it('lists each method once', () => {
		const lower = allMethods.map((name) => name.toLowerCase());
		expect(lower.filter((name, index) => lower.indexOf(name) !== index)).toEqual([]);
	});

	it('records for every method its page, host, HTTP method, fields and answer', () => {
		for (const method of documented) {
			expect(method.docs).toMatch(/^https:\/\/green-api\.com\/en\/docs\/api\/[a-z/-]+\/[A-Za-z]+\/$/);
			expect(['api', 'media']).toContain(method.host);
			expect(['GET', 'POST', 'DELETE']).toContain(method.verb);
			expect(Array.isArray(method.fields) && Array.isArray(method.answer) && method.answer.length > 0).toBe(true);
		}
	});

	it('puts only sendFileByUpload and uploadFile on the media host, as GREEN-API and both JS clients do', () => {
		expect(documented.filter((method) => method.host === 'media').map((method) => method.name)).toEqual(['sendFileByUpload', 'uploadFile']);
		// every call that names its host sends the method where the list says; the pictures go to the API host
		for (const [method, host] of found.hosts) {
			expect([method, host]).toEqual([method, documented.find((entry) => entry.name.toLowerCase() === method)?.host]);
		}
		expect(found.hosts.get('sendfilebyupload')).toBe('media');
		expect(found.hosts.get('uploadfile')).toBe('media');
		expect(found.hosts.has('setgrouppicture')).toBe(false);
		expect(found.hosts.has('setprofilepicture')).toBe(false);
	});

	it("lists every method of GREEN-API's v2 JS client, and none of the documentation's archive", () => {
		expect(apiMethods.v2Client.filter((name) => !allMethods.includes(name))).toEqual([]);
		for (const name of Object.keys(apiMethods.archived)) {
			expect(allMethods).not.toContain(name);
			expect(found.literals.has(name.toLowerCase())).toBe(false);
		}
	});

	it('finds methods given as literals, chosen by a condition, and named by a helper parameter type', () => {
		// one of each way an operation names its method
		for (const name of ['getchats', 'lastincomingcalls', 'lastoutgoingcalls', 'setprofilepicture', 'getwebhookscount']) {
			expect(found.literals.has(name)).toBe(true);
		}
	});
});
