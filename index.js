'use strict';
// The package's entry point: the node and credential classes, built into dist/ by `npm run build`.
module.exports = {
	...require('./dist/credentials/GreenApi.credentials'),
	...require('./dist/nodes/GreenApi/GreenApi.node'),
};
