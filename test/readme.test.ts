import { readFileSync } from 'fs';
import { join } from 'path';

import { resources } from '../nodes/GreenApi/actions/router';
import { EVENTS } from '../nodes/GreenApi/trigger/events';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
	it.each(resources.flatMap((resource) => resource.operations.map((operation) => [resource, operation] as const)))(
		'documents %s › its operations',
		(resource, operation) => {
			expect(readme).toContain(`${resource.name} › ${operation.name} (\`${resource.value}\`/\`${operation.value}\`)`);
			for (const property of operation.properties) {
				if (property.name !== 'options' && property.name !== 'filters') expect(readme).toContain(`\`${property.name}\``);
			}
		},
	);

	it('documents every trigger event', () => {
		for (const event of EVENTS) expect(readme).toContain(`\`${event.value}\``);
	});

	it('shows the main example exactly as the file that the demo imports', () => {
		const example = readFileSync(join(root, 'examples', 'archive-recent-chats.json'), 'utf8').trimEnd();
		expect(readme).toContain(`\`\`\`json\n${example}\n\`\`\``);
	});

	it('gives the test command that CI runs', () => {
		const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
		// a block of its own, as in .ci/run
		expect(readme).toContain('```sh\nnpm test\n```');
		expect(ci).toMatch(/^npm test$/m);
	});
});
