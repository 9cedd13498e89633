'use strict';
// The package's entry point: the node and credential classes, built into dist/ by `npm run build`.
// n8n itself loads them through the "n8n" block of package.json; both classes are named GreenApi in their files.
const { GreenApi } = require('./dist/nodes/GreenApi/GreenApi.node');
const { GreenApi: GreenApiCredentials } = require('./dist/credentials/GreenApi.credentials');

module.exports = { GreenApi, GreenApiCredentials };
