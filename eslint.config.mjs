// Lint for the shipped code and package.json: n8n's community-package rules (@n8n/eslint-plugin-community-nodes,
// recommended) and the community, credentials and nodes rule sets of eslint-plugin-n8n-nodes-base, with the rules
// that n8n's scanner (@n8n/scan-community-package) and its stock config (@n8n/node-cli/eslint) turn off for
// community packages turned off here too. `npm run lint` also runs that stock config (eslint.n8n.config.mjs).
import tsParser from '@typescript-eslint/parser';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const communityRecommended = n8nCommunityNodes.configs.recommended;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '**/*.js', '**/*.mjs'] },
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { ...communityRecommended.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: communityRecommended.rules,
	},
	{ files: ['package.json'], rules: n8nNodesBase.configs.community.rules },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// a community credential links to its service's page, not to one of n8n's docs slugs
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// inputs and outputs are NodeConnectionTypes constants, as n8n's community rules ask
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
