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
	const found: Found = { literals: new Set(), templates: [] };
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
			if ((ts.isParameter(node) || ts.isPropertySignature(node)) && node.name.getText(source) === 'method') {
				for (const name of literalTypesOf(node.type)) found.literals.add(name.toLowerCase());
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

const found = scan();
const allMethods = Object.values(apiMethods.methods).flat();
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

	it('finds methods given as literals, chosen by a condition, and named by a helper parameter type', () => {
		// one of each way an operation names its method
		for (const name of ['getchats', 'lastincomingcalls', 'lastoutgoingcalls', 'setprofilepicture', 'getwebhookscount']) {
			expect(found.literals.has(name)).toBe(true);
		}
	});
});
