import type { Resource } from '../types';
import { download } from './download.operation';
import { sendFile } from './sendFile.operation';

export const message: Resource = {
	value: 'message',
	name: 'Message',
	operations: [sendFile, download],
};
