/** Writes a generated dataset as the two contract CSV files, streaming so full-scale files never build one huge string. */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AID_REQUESTS, HOUSEHOLDS } from '../data/schema.ts';
import { csvChunks } from './csv.ts';
import type { GeneratedData } from './generate.ts';

export function writeCsv(path: string, columns: readonly string[], rows: readonly object[]) {
	const fd = openSync(path, 'w');
	try {
		for (const chunk of csvChunks(columns, rows)) writeSync(fd, chunk);
	} finally {
		closeSync(fd);
	}
}

export function writeDataset(dir: string, data: GeneratedData): { households: string; aid_requests: string } {
	mkdirSync(dir, { recursive: true });
	const households = join(dir, 'households.csv');
	const aid_requests = join(dir, 'aid_requests.csv');
	writeCsv(households, HOUSEHOLDS.columns.map((c) => c.name), data.households);
	writeCsv(aid_requests, AID_REQUESTS.columns.map((c) => c.name), data.aidRequests);
	return { households, aid_requests };
}
