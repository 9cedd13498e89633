import type { Resource } from '../types';
import { getAll } from './getAll.operation';

export const call: Resource = {
	value: 'call',
	name: 'Call',
	defaultOperation: getAll.value,
	operations: [getAll],
};
