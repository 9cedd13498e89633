'use strict';
// The package's entry point: the node and credential classes, built into dist/ by `npm run build`.
// n8n itself loads them through the "n8n" block of package.json (each file exports a class named after it).
const { GreenApi } = require('./dist/nodes/GreenApi/GreenApi.node');
const { GreenApiTrigger } = require('./dist/nodes/GreenApi/GreenApiTrigger.node');
const { GreenApiQueueTrigger } = require('./dist/nodes/GreenApi/GreenApiQueueTrigger.node');
const { GreenApi: GreenApiCredentials } = require('./dist/credentials/GreenApi.credentials');
const { GreenApiWebhookApi } = require('./dist/credentials/GreenApiWebhookApi.credentials');

module.exports = { GreenApi, GreenApiTrigger, GreenApiQueueTrigger, GreenApiCredentials, GreenApiWebhookApi };
