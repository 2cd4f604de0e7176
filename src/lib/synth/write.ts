/** Writes a generated dataset as the two contract CSV files, streaming so full-scale files never build one huge string. */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AID_REQUESTS, HOUSEHOLDS } from '../data/schema.ts';
import { csvChunks } from './csv.ts';
import type { GeneratedData } from './generate.ts';
import { MANIFEST_FILE, type DefaultManifest, type GeneratedManifest } from '../app/manifest.ts';

export function writeCsv(path: string, columns: readonly string[], rows: readonly object[]) {
	const fd = openSync(path, 'w');
	try {
		for (const chunk of csvChunks(columns, rows)) writeSync(fd, chunk);
	} finally {
		closeSync(fd);
	}
}

/** The two contract files and the manifest that marks them synthetic (a user who deletes it gets real-data secrecy). */
export function writeDataset(
	dir: string,
	data: GeneratedData,
	made: Pick<GeneratedManifest, 'departement' | 'sample' | 'seed'>
): { households: string; aid_requests: string; manifest: GeneratedManifest } {
	mkdirSync(dir, { recursive: true });
	const households = join(dir, 'households.csv');
	const aid_requests = join(dir, 'aid_requests.csv');
	writeCsv(households, HOUSEHOLDS.columns.map((c) => c.name), data.households);
	writeCsv(aid_requests, AID_REQUESTS.columns.map((c) => c.name), data.aidRequests);
	const manifest: GeneratedManifest = {
		synthetic: true,
		generator: 'vigie generate',
		...made,
		households: data.households.length,
		aid_requests: data.aidRequests.length
	};
	writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
	return { households, aid_requests, manifest };
}

/**
 * Writes a dataset as the app reads its embedded default: one households file per year (newest first
 * in manifest.json, so the first page can show it while the rest loads) and the aid requests.
 */
export function writeAppData(dir: string, data: GeneratedData, label: string, departement: string): DefaultManifest {
	mkdirSync(dir, { recursive: true });
	const years = [...new Set(data.households.map((h) => h.year))].sort((a, b) => b - a);
	const files: DefaultManifest['files'] = [];
	for (const y of years) {
		const name = `households-${y}.csv`;
		writeCsv(join(dir, name), HOUSEHOLDS.columns.map((c) => c.name), data.households.filter((h) => h.year === y));
		files.push({ kind: 'households', name, year: y });
	}
	writeCsv(join(dir, 'aid_requests.csv'), AID_REQUESTS.columns.map((c) => c.name), data.aidRequests);
	files.push({ kind: 'aid_requests', name: 'aid_requests.csv' });
	const manifest: DefaultManifest = { label, departement, synthetic: true, files };
	writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
	return manifest;
}
