/**
 * Node side: the dataset files of a folder. `households*` and `aid_requests*` files (.csv, .tsv, .txt, .xlsx
 * (first sheet), .parquet, .arrow, .feather) are taken (so a folder may hold one file per year); households files load newest first
 * (names sort by year). A file already in the canonical form (UTF-8 CSV, comma, contract headers) is read as
 * is; any other goes through the import pre-step (ingest/: encoding, separator, French headers and values).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Connector } from '../db/connector.ts';
import { ingestFile } from './ingest/index.ts';
import { AID_REQUESTS, HOUSEHOLDS, type Contract } from './schema.ts';
import { loadDataset, type DatasetReport } from './load.ts';

export interface FolderFiles {
	households: string[];
	aid_requests: string[];
}

export function datasetFolder(dir: string): FolderFiles {
	if (!existsSync(dir)) throw new Error(`${dir} : dossier introuvable`);
	const names = readdirSync(dir).filter((n) => /\.(csv|tsv|txt|xlsx|arrow|feather|parquet)$/i.test(n));
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
	for (const f of files.households) await registerFile(db, HOUSEHOLDS, f);
	for (const f of files.aid_requests) await registerFile(db, AID_REQUESTS, f);
	return loadDataset(db, {
		households: files.households.map((f) => basename(f)),
		aid_requests: files.aid_requests.map((f) => basename(f))
	});
}

/** The canonical form: UTF-8 without BOM, comma-separated, every header a contract column. */
function isCanonical(bytes: Uint8Array, contract: Contract): boolean {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
	const end = bytes.indexOf(0x0a);
	const header = new TextDecoder().decode(bytes.subarray(0, end < 0 ? bytes.length : end)).replace(/\r$/, '');
	const names = new Set(contract.columns.map((c) => c.name));
	const cols = header.split(',');
	if (new Set(cols).size !== cols.length || !cols.every((h) => names.has(h))) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

async function registerFile(db: Connector, contract: Contract, path: string): Promise<void> {
	const bytes = readFileSync(path);
	if (isCanonical(bytes, contract)) return db.registerFile(basename(path), bytes);
	const ingested = await ingestFile(contract, bytes);
	if (ingested.fatal) throw new Error(`${path} : ${ingested.fatal}`);
	await db.registerFile(basename(path), ingested.text);
}
