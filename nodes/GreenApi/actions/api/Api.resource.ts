import type { Resource } from '../types';
import { callMethod } from './callMethod.operation';

export const api: Resource = {
	value: 'api',
	name: 'API',
	defaultOperation: callMethod.value,
	operations: [callMethod],
};
