'use strict';
// scripts/ensure-services.js names the Debian packages the queue-mode suite needs, only those missing.
const { missingPackages } = require('../../scripts/ensure-services');

test('names exactly the Debian packages that are missing', () => {
	expect(missingPackages({ redisServer: '/usr/bin/redis-server', postgresBin: '/usr/lib/postgresql/15/bin' })).toEqual([]);
	expect(missingPackages({ redisServer: undefined, postgresBin: '/usr/lib/postgresql/15/bin' })).toEqual(['redis-server']);
	expect(missingPackages({ redisServer: '/usr/bin/redis-server', postgresBin: undefined })).toEqual(['postgresql']);
	expect(missingPackages({ redisServer: undefined, postgresBin: undefined })).toEqual(['redis-server', 'postgresql']);
});
