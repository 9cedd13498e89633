'use strict';
// The end-to-end suite: the packed package inside a real n8n, against the GREEN-API emulator.
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	// the first run installs n8n (about 8 minutes); later runs take about a minute
	testTimeout: 120000,
};
