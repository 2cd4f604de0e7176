/**
 * Node side: the dataset files of a folder. `households*` and `aid_requests*` files (.csv, .tsv, .txt, .xlsx
 * (first sheet), .parquet, .arrow, .feather) are taken (so a folder may hold one file per year); households files load newest first
 * (names sort by year). A file already in the canonical form (UTF-8 CSV, comma, contract headers) is read as
 * is; any other goes through the import pre-step (ingest/: encoding, separator, French headers and values).
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MANIFEST_FILE } from '../app/manifest.ts';
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
	const report = await loadDataset(db, {
		households: files.households.map((f) => basename(f)),
		aid_requests: files.aid_requests.map((f) => basename(f))
	});
	return { ...report, synthetic: isSynthetic(dir) };
}

/** The folder's manifest.json says `synthetic: true` (written by `vigie generate` beside its files). */
export function isSynthetic(dir: string): boolean {
	try {
		return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'))?.synthetic === true;
	} catch {
		return false;
	}
}

/**
 * The canonical form: UTF-8 without BOM, comma-separated, every header a contract column, no quote, no NUL,
 * every line as many fields as the header (a damaged line goes to the pre-step, which rejects it by its line).
 * Checked by streaming the file in chunks, so a file larger than a JS string (≈ 512 MB) can be tested too.
 */
function isCanonical(path: string, contract: Contract): boolean {
	const fd = openSync(path, 'r');
	try {
		const chunk = new Uint8Array(1 << 22);
		const decoder = new TextDecoder('utf-8', { fatal: true });
		let first = true;
		// Commas of the header, of the data line being read, and whether that line is empty so far.
		let width = 0;
		let commas = 0;
		let empty = true;
		for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
			const bytes = chunk.subarray(0, n);
			let from = 0;
			if (first) {
				first = false;
				if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
				const end = bytes.indexOf(0x0a);
				if (end < 0) return false;
				const header = new TextDecoder().decode(bytes.subarray(0, end)).replace(/\r$/, '');
				const names = new Set(contract.columns.map((c) => c.name));
				const cols = header.split(',');
				if (new Set(cols).size !== cols.length || !cols.every((h) => names.has(h))) return false;
				width = cols.length - 1;
				from = end + 1;
			}
			if (bytes.indexOf(0x22) >= 0 || bytes.indexOf(0) >= 0) return false;
			for (let i = from; i < n; i++) {
				const b = bytes[i];
				if (b === 0x2c) commas++;
				else if (b === 0x0a) {
					if (commas !== width && !empty) return false;
					commas = 0;
					empty = true;
					continue;
				}
				if (b !== 0x0d) empty = false;
			}
			decoder.decode(bytes, { stream: true });
		}
		decoder.decode();
		return !first && (commas === width || empty);
	} catch {
		return false;
	} finally {
		closeSync(fd);
	}
}

/** A canonical file is read in place where the engine can (Node), otherwise copied; any other is ingested first. */
async function registerFile(db: Connector, contract: Contract, path: string): Promise<void> {
	if (isCanonical(path, contract)) {
		if (db.registerPath) return db.registerPath(basename(path), path);
		return db.registerFile(basename(path), readFileSync(path));
	}
	const ingested = await ingestFile(contract, readFileSync(path));
	if (ingested.fatal) throw new Error(`${path} : ${ingested.fatal}`);
	await db.registerFile(basename(path), ingested.text);
}
