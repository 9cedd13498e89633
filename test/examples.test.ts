import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { INode, INodeParameters, INodeProperties, INodePropertyCollection, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GreenApi } from '../nodes/GreenApi/GreenApi.node';
import { GreenApiQueueTrigger } from '../nodes/GreenApi/GreenApiQueueTrigger.node';
import { GreenApiTrigger } from '../nodes/GreenApi/GreenApiTrigger.node';

const EXAMPLES = join(__dirname, '..', 'examples');
const OUR_NODES: Record<string, INodeType> = Object.fromEntries(
	[new GreenApi(), new GreenApiTrigger(), new GreenApiQueueTrigger()].map((nodeType) => [
		`n8n-nodes-greenapi.${nodeType.description.name}`,
		nodeType,
	]),
);

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/**
 * What is wrong with the saved values of `properties`' level, as the editor would show it: a value the parameter's
 * type or options do not allow, or a parameter the node does not show with these values. `all` is every value of
 * the node (display conditions read them), `values` this level's.
 */
function issuesOf(
	properties: Array<INodeProperties | INodePropertyCollection>,
	values: INodeParameters,
	path: string,
	context: { all: INodeParameters; node: INode; description: INodeTypeDescription },
): string[] {
	const issues: string[] = [];
	for (const [name, value] of Object.entries(values)) {
		const candidates = properties.filter(
			(property): property is INodeProperties =>
				property.name === name &&
				'type' in property &&
				(path !== '' || NodeHelpers.displayParameter(context.all, property, context.node, context.description)),
		);
		if (candidates.length === 0) {
			issues.push(`${path}${name}: no such parameter is shown`);
			continue;
		}
		const problems = candidates.map((property) => valueIssues(property, value, `${path}${name}`, context));
		// valid when one of the shown definitions accepts it
		if (problems.every((found) => found.length > 0)) issues.push(...problems[0]);
	}
	return issues;
}

function valueIssues(
	property: INodeProperties,
	value: unknown,
	path: string,
	context: { all: INodeParameters; node: INode; description: INodeTypeDescription },
): string[] {
	if (isExpression(value)) return [];
	const allowed = (property.options ?? []).map((option) => (option as { value?: unknown }).value);
	const dynamic = property.typeOptions?.loadOptionsMethod !== undefined || property.typeOptions?.loadOptions !== undefined;
	switch (property.type) {
		case 'options':
			return dynamic || allowed.includes(value) ? [] : [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`];
		case 'multiOptions':
			if (!Array.isArray(value)) return [`${path}: ${JSON.stringify(value)} is not a list`];
			return dynamic ? [] : value.filter((entry) => !allowed.includes(entry)).map((entry) => `${path}: ${JSON.stringify(entry)} is not one of ${JSON.stringify(allowed)}`);
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${path}: ${JSON.stringify(value)} is not true or false`];
		case 'number':
			return typeof value === 'number' ? [] : [`${path}: ${JSON.stringify(value)} is not a number`];
		case 'string':
		case 'json':
		case 'dateTime':
		case 'color':
			return typeof value === 'string' ? [] : [`${path}: ${JSON.stringify(value)} is not text`];
		case 'collection':
			if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not a collection`];
			return issuesOf(property.options as INodeProperties[], value as INodeParameters, `${path}.`, context);
		case 'fixedCollection': {
			if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not a fixed collection`];
			const groups = property.options as INodePropertyCollection[];
			return Object.entries(value as INodeParameters).flatMap(([groupName, entries]) => {
				const group = groups.find((candidate) => candidate.name === groupName);
				if (!group) return [`${path}.${groupName}: no such group`];
				const list = Array.isArray(entries) ? entries : [entries];
				return list.flatMap((entry, index) =>
					issuesOf(group.values, entry as INodeParameters, `${path}.${groupName}[${index}].`, context),
				);
			});
		}
		case 'resourceLocator': {
			const locator = value as { __rl?: unknown; mode?: unknown };
			const modes = (property.modes ?? []).map((mode) => mode.name);
			return locator?.__rl === true && modes.includes(String(locator.mode)) ? [] : [`${path}: not a resource locator in ${JSON.stringify(modes)}`];
		}
		default:
			return [];
	}
}

/** The issues of one saved node, with the node's defaults filled in as n8n does when it loads a workflow. */
function nodeIssues(node: INode): string[] {
	const { description } = OUR_NODES[node.type];
	const all = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	const required = NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: all }, description);
	return [
		...issuesOf(description.properties, node.parameters, '', { all, node, description }),
		...Object.entries(required?.parameters ?? {}).map(([name, found]) => `${name}: ${found.join(', ')}`),
	];
}

const examples = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

describe('the example workflows', () => {
	it('are there', () => {
		expect(examples.length).toBeGreaterThanOrEqual(4);
	});

	it.each(examples)('%s: every parameter of our nodes has a value its node allows', (file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { nodes: INode[] };
		const ours = workflow.nodes.filter((node) => OUR_NODES[node.type]);
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			const versions = [OUR_NODES[node.type].description.version].flat();
			expect({ node: node.name, version: versions.includes(node.typeVersion) }).toEqual({ node: node.name, version: true });
			expect({ node: node.name, issues: nodeIssues(node) }).toEqual({ node: node.name, issues: [] });
		}
	});

	it('the check finds the defect that shipped: Verification "bearer" in forward-received-file.json', () => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, 'forward-received-file.json'), 'utf8')) as { nodes: INode[] };
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-greenapi.greenApiTrigger')!;
		const broken = { ...trigger, parameters: { ...trigger.parameters, authentication: 'bearer' } };
		expect(nodeIssues(broken)).toEqual([
			'authentication: "bearer" is not one of ["bearerToken","hmac","none"]',
		]);
		const others = { ...trigger, parameters: { ...trigger.parameters, filters: { chatType: 'private' }, registerWebhook: 'yes', typo: 1 } };
		expect(nodeIssues(others)).toEqual([
			'filters.chatType: "private" is not one of ["any","group","personal"]',
			'registerWebhook: "yes" is not true or false',
			'typo: no such parameter is shown',
		]);
	});
});
