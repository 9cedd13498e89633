import type { Resource } from '../types';
import { upload } from './upload.operation';

export const file: Resource = {
	value: 'file',
	name: 'File',
	defaultOperation: upload.value,
	operations: [upload],
};
