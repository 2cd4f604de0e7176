/**
 * Loads a dataset's files (households, optional aid requests) through validation. A kind may come in
 * several files (e.g. one per year): the first creates the table, the others are validated on their
 * own and appended, so a page can show the first year while the others load.
 */
import { ident, type Connector } from '../db/connector.ts';
import { AID_REQUESTS, HOUSEHOLDS, type Contract } from './schema.ts';
import { loadCsv, type Origin, type ValidationReport } from './validate.ts';

/** A file's name without its folder (Node paths or registered names). */
const basename = (f: string) => f.split(/[\\/]/).pop() ?? f;

export interface DatasetFiles {
	/** Registered file names (or absolute paths in Node), in load order. */
	households: string | readonly string[];
	aid_requests?: string | readonly string[];
}

export interface DatasetReport {
	/** All households files together (read = loaded + rejected). */
	households: ValidationReport;
	aid_requests?: ValidationReport;
	/** One report per file, in load order. */
	files: ValidationReport[];
	/**
	 * Made by the project's generator (its manifest says `synthetic: true`): values secrecy would hide on real
	 * data are shown with a mark. Anything else, a generated folder whose manifest is gone included, is real.
	 */
	synthetic?: boolean;
}

const list = (f: string | readonly string[] | undefined): readonly string[] => (f === undefined ? [] : typeof f === 'string' ? [f] : f);

/**
 * Validates `file` and appends its valid rows to the contract's table (created if absent). `origin`: the keys of
 * the files appended before, so that a household seen in two files is rejected in the second (validate.ts).
 */
export async function appendCsv(db: Connector, contract: Contract, file: string, origin?: Origin): Promise<ValidationReport> {
	const exists = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ?`, [contract.kind]))[0].n > 0;
	if (!exists) return loadCsv(db, contract, { file, origin });
	const part = `${contract.kind}__part`;
	const report = await loadCsv(db, contract, { file, table: part, origin });
	if (!report.fatal) {
		await db.query(`INSERT INTO ${ident(contract.kind)} SELECT * FROM ${ident(part)}`);
		await db.query(`DROP TABLE IF EXISTS ${ident(part)}`);
	}
	return report;
}

/** Sums per-file reports of one kind into one (errors keep their own file in `file`). */
export function mergeReports(kind: Contract['kind'], reports: readonly ValidationReport[]): ValidationReport {
	return {
		kind,
		file: reports.map((r) => r.file).join(', '),
		read: reports.reduce((s, r) => s + r.read, 0),
		loaded: reports.reduce((s, r) => s + r.loaded, 0),
		rejected: reports.reduce((s, r) => s + r.rejected, 0),
		errors: reports.flatMap((r) => r.errors),
		warnings: reports.flatMap((r) => r.warnings),
		...(reports.some((r) => r.fatal) ? { fatal: reports.filter((r) => r.fatal).map((r) => r.fatal).join(' ; ') } : {})
	};
}

export async function loadDataset(db: Connector, files: DatasetFiles): Promise<DatasetReport> {
	for (const kind of ['households', 'aid_requests'] as const) for (const t of [kind, `${kind}__origin`]) await db.query(`DROP TABLE IF EXISTS ${ident(t)}`);
	const perFile: ValidationReport[] = [];
	const hh: ValidationReport[] = [];
	// Several files of one kind: each key's first file and line are kept while they load, then dropped.
	const originOf = (kind: string, fs: readonly string[]) => (fs.length > 1 ? (f: string) => ({ table: `${kind}__origin`, file: basename(f) }) : () => undefined);
	const hhFiles = list(files.households);
	const arFiles = list(files.aid_requests);
	const hhOrigin = originOf('households', hhFiles);
	const arOrigin = originOf('aid_requests', arFiles);
	for (const f of hhFiles) hh.push(await appendCsv(db, HOUSEHOLDS, f, hhOrigin(f)));
	const ar: ValidationReport[] = [];
	for (const f of arFiles) ar.push(await appendCsv(db, AID_REQUESTS, f, arOrigin(f)));
	for (const kind of ['households', 'aid_requests']) await db.query(`DROP TABLE IF EXISTS ${ident(`${kind}__origin`)}`);
	perFile.push(...hh, ...ar);
	return {
		households: mergeReports('households', hh),
		aid_requests: ar.length ? mergeReports('aid_requests', ar) : undefined,
		files: perFile
	};
}
