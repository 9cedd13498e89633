import { readFileSync } from 'fs';
import { join } from 'path';

import { wahaResources } from '../../../nodes/Waha/actions/resources';
import { Waha } from '../../../nodes/Waha/Waha.node';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const operations = wahaResources.flatMap((resource) => resource.operations.map((operation) => [resource, operation] as const));

describe('WAHA node description', () => {
	it('uses the WAHA credential and is listed in package.json with it', () => {
		expect(new Waha().description.credentials).toEqual([{ name: 'wahaApi', required: true }]);
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(manifest.n8n.nodes).toContain('dist/nodes/Waha/Waha.node.js');
		expect(manifest.n8n.credentials).toContain('dist/credentials/WahaApi.credentials.js');
	});

	it('lists the seed’s operations', () => {
		expect(operations.map(([resource, operation]) => `${resource.value}/${operation.value}`)).toEqual([
			'chat/archive',
			'chat/delete',
			'chat/deleteAllMessages',
			'chat/getHistory',
			'chat/getAll',
			'chat/unarchive',
			'message/delete',
			'message/edit',
		]);
	});

	it.each([['delete'], ['deleteAllMessages']])('says chat › %s is destructive, in its description and a notice', (value) => {
		const operation = wahaResources[0].operations.find((entry) => entry.value === value)!;
		expect(operation.description).toMatch(/Permanently .* cannot be undone/);
		expect(operation.properties[0]).toMatchObject({ type: 'notice', displayName: expect.stringMatching(/permanently deletes .* cannot be undone/i) });
	});

	it.each(operations)('documents %s › its operation in the README', (resource, operation) => {
		expect(readme).toContain(`${resource.name} › ${operation.name} (\`${resource.value}\`/\`${operation.value}\`)`);
		for (const property of operation.properties) {
			if (property.type !== 'notice' && property.name !== 'options') expect(readme).toContain(`\`${property.name}\``);
		}
	});

	it('says in the README’s first lines that the package serves GREEN-API and WAHA', () => {
		const opening = readme.split('\n').slice(0, 6).join(' ');
		expect(opening).toMatch(/GREEN-API/);
		expect(opening).toMatch(/WAHA/);
	});
});
