// Lint for the shipped code and package.json: n8n's community-package rules (@n8n/eslint-plugin-community-nodes,
// recommended) and the community, credentials and nodes rule sets of eslint-plugin-n8n-nodes-base.
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
	{ files: ['credentials/**/*.ts'], rules: n8nNodesBase.configs.credentials.rules },
	{ files: ['nodes/**/*.ts'], rules: n8nNodesBase.configs.nodes.rules },
];
