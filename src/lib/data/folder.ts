/**
 * Node side: the dataset files of a folder. `households*.csv` and `aid_requests*.csv` are taken (so a
 * folder may hold one file per year); households files load newest first (names sort by year).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Connector } from '../db/connector.ts';
import { loadDataset, type DatasetReport } from './load.ts';

export interface FolderFiles {
	households: string[];
	aid_requests: string[];
}

export function datasetFolder(dir: string): FolderFiles {
	if (!existsSync(dir)) throw new Error(`${dir} : dossier introuvable`);
	const names = readdirSync(dir).filter((n) => n.endsWith('.csv'));
	const pick = (prefix: string) =>
		names
			.filter((n) => n.startsWith(prefix))
			.sort()
			.reverse()
			.map((n) => join(dir, n));
	const files = { households: pick('households'), aid_requests: pick('aid_requests') };
	if (!files.households.length) throw new Error(`${dir} : aucun fichier households*.csv`);
	return files;
}

/** Registers and loads every dataset file of a folder through validation (CLI, tests, benchmarks). */
export async function loadFolder(db: Connector, dir: string): Promise<DatasetReport> {
	const files = datasetFolder(dir);
	for (const f of [...files.households, ...files.aid_requests]) await db.registerFile(basename(f), readFileSync(f));
	return loadDataset(db, {
		households: files.households.map((f) => basename(f)),
		aid_requests: files.aid_requests.map((f) => basename(f))
	});
}
