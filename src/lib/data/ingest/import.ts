/**
 * One user file → a validated table, by the shortest safe way:
 *  - a CSV DuckDB can read (contract or French Excel form: any separator, decimal comma, quoted fields, UTF-8 or
 *    Windows-1252 — rewritten in UTF-8 first when it holds €, Œ or ’) goes to DuckDB's own CSV reader, columns
 *    named by the mapping and coded values cleaned once per distinct value: no parsing in JavaScript (the fast
 *    path);
 *  - any other file (XLSX, Parquet, Arrow, a CSV with blank lines or records over several lines…) goes through
 *    the streaming pre-step (stream.ts: encoding, separator, French headers and values), in a Worker in the page.
 * The size is checked first against documented limits, so a file too large for the browser gets a French
 * message instead of a dead tab. Read = loaded + rejected always holds; the original rows of the rejected
 * lines are kept for the rejects file.
 */
import { ident, type Connector } from '../../db/connector.ts';
import { HEADER_ALIASES } from '../aliases.ts';
import type { Contract } from '../schema.ts';
import { IGNORED, loadCsv, loadStaged, MISSING, WHOLE_LINE, type LoadOptions, type ValidationReport } from '../validate.ts';
import { binaryFormat, derivedColumn, rewritten, valueRewriter, type IngestOptions, type Ingested } from './index.ts';
import { hasC1, ImportCancelled, pickRecords, sniffCsv, toUtf8, transcode, type ImportProgress, type Transcoded, type Transcoder } from './stream.ts';
import type { Encoding } from './encoding.ts';
import { declaredSizeProblem } from './declared.ts';
import type { Separator } from './dialect.ts';

export interface ImportedFile {
	report: ValidationReport;
	ingested: Ingested;
	/**
	 * Which way the rows went (absent for a file refused before it was read): DuckDB's CSV reader, Arrow batches
	 * (Parquet and Arrow read column by column), or the streaming pre-step into clean CSV.
	 */
	reader?: 'duckdb' | 'arrow' | 'pre-step';
}

export type ImportPhase = 'lecture' | 'contrôle';

export interface ImportOptions extends IngestOptions {
	signal?: AbortSignal;
	onProgress?: (p: ImportProgress & { phase: ImportPhase }) => void;
	/** Where the pre-step runs (the page gives a Worker); in-thread by default. */
	transcode?: Transcoder;
}

const MB = 1_000_000;
/**
 * Largest files accepted, in bytes. DuckDB-wasm holds the file and the table in one 4 GB wasm memory; a
 * 1 000 000-household CSV is 190 MB (bench/import.ts measures its load), so 500 MB (≈ 2,6 million
 * households) leaves room for the indicators. Arrow IPC is read column by column without a copy into JS
 * cells (columnar.ts): 1 000 000 households are 314 MB, so 500 MB too. XLSX is decoded whole in JavaScript,
 * where a cell costs tens of bytes, and Parquet is compressed (1 000 000 households: 50 MB, decoded to about
 * 10 times that): their limits are lower.
 */
export const SIZE_LIMITS = { csv: 500 * MB, xlsx: 50 * MB, parquet: 200 * MB, arrow: 500 * MB } as const;
/** Files up to this size keep every original record (errors then show values exactly as written). */
const KEEP_ALL = 16 * MB;
/** The rejects file lists at most this many rows (the report counts them all). */
export const MAX_REJECT_ROWS = 100_000;

const FORMAT_NAME = { csv: 'CSV', xlsx: 'Excel', parquet: 'Parquet', arrow: 'Arrow' } as const;
const mb = (n: number) => `${Math.round(n / MB).toLocaleString('fr-FR')} Mo`;

function refused(contract: Contract, name: string, read: number, ingested: Ingested, fatal: string): ImportedFile {
	const report: ValidationReport = {
		kind: contract.kind,
		file: name,
		read,
		loaded: 0,
		rejected: read,
		errors: [],
		warnings: ingested.warnings,
		fatal: `${name} : ${fatal} (fichier refusé en entier)`,
		...meta(ingested)
	};
	return { report, ingested };
}

const meta = (i: Ingested) => ({
	mapping: i.mapping,
	encoding: i.encoding,
	...(i.separator ? { separator: i.separator } : {}),
	...(i.sheets ? { sheets: i.sheets, sheet: i.sheet } : {})
});

interface Scanned {
	/**
	 * Records DuckDB reads if every line is one: the lines after the header, empty ones aside (DuckDB skips them),
	 * lines of separators only included (DuckDB reads them as rows of empty cells).
	 */
	records: number;
	/** A byte Latin-1 reads differently from Windows-1252 (looked for only when asked). */
	c1: boolean;
	/** A carriage return not followed by a line feed before the end: a line break DuckDB sees and the count does not. */
	loneCR: boolean;
	/** An empty line before the last record: DuckDB skips it without a word, so its rows no longer follow the lines. */
	emptyInside: boolean;
	/** Lines of separators and spaces only (Excel's emptied rows « ;;;; »): no record for the pre-step. */
	blank: number[];
}

/**
 * Reads a CSV in chunks for the progress bar and tells, line by line, what DuckDB will make of it (see Scanned);
 * `separator` is the byte a blank line may hold; `c1` also looks for the bytes Latin-1 reads differently from
 * Windows-1252; `keep` receives the bytes. A line is looked into only up to its first byte that is not a
 * separator or a space: the first byte of a data line.
 */
async function scan(file: Blob, opts: ImportOptions, separator: string, c1 = false, keep?: Uint8Array): Promise<Scanned> {
	const step = 4 << 20;
	const sep = separator.charCodeAt(0);
	let last = 10;
	let found = false;
	let loneCR = false;
	let line = 1;
	let records = 0;
	let emptyRun = 0;
	let emptyInside = false;
	const blank: number[] = [];
	// The line being read: its bytes so far (a carriage return aside) and whether all are separators or spaces.
	let length = 0;
	let onlyBlank = true;
	const endLine = () => {
		if (line > 1) {
			if (length === 0) emptyRun++;
			else {
				if (emptyRun) emptyInside = true;
				emptyRun = 0;
				records++;
				if (onlyBlank) blank.push(line);
			}
		}
		line++;
		length = 0;
		onlyBlank = true;
	};
	for (let pos = 0; pos < file.size; pos += step) {
		if (opts.signal?.aborted) throw new ImportCancelled();
		const chunk = new Uint8Array(await file.slice(pos, pos + step).arrayBuffer());
		// A CR ending the previous chunk needs this one's first byte.
		if (last === 13 && chunk.length && chunk[0] !== 10) loneCR = true;
		for (let i = chunk.indexOf(13); i >= 0 && i + 1 < chunk.length; i = chunk.indexOf(13, i + 1)) if (chunk[i + 1] !== 10) loneCR = true;
		for (let start = 0; ; ) {
			const nl = chunk.indexOf(10, start);
			const end = nl < 0 ? chunk.length : nl;
			if (onlyBlank)
				for (let i = start; i < end; i++) {
					const b = chunk[i];
					if (b !== sep && b !== 32 && b !== 9 && b !== 13) {
						onlyBlank = false;
						break;
					}
				}
			length += end - start;
			if (nl < 0) break;
			if (nl > 0 ? chunk[nl - 1] === 13 : last === 13) length--;
			endLine();
			start = nl + 1;
		}
		if (chunk.length) last = chunk[chunk.length - 1];
		if (c1 && !found) found = hasC1(chunk);
		keep?.set(chunk, pos);
		opts.onProgress?.({ phase: 'lecture', bytes: Math.min(pos + step, file.size), total: file.size, rows: records });
	}
	if (length > 0) endLine();
	return { records, c1: found, loneCR, emptyInside, blank };
}

/**
 * Makes a CSV readable by DuckDB under `name`, then runs `read` on it beside the scan. The page lends DuckDB
 * the File itself, so the scan (main thread) and DuckDB's reading (its Worker) run at the same time; elsewhere
 * the bytes are read in chunks and handed over first.
 */
async function registered<T>(db: Connector, name: string, file: Blob, opts: ImportOptions, separator: string, c1: boolean, read: () => Promise<T>) {
	if (db.registerBlob) {
		await db.registerBlob(name, file);
		const reading = read();
		reading.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
		// A cancel stops the count at once, but DuckDB's read runs to its end: wait for it, so that none of this
		// import's statements runs after the caller has dropped its tables.
		const scanned = await scan(file, opts, separator, c1).catch(async (e) => {
			await reading.catch(() => undefined);
			throw e;
		});
		return { ...scanned, result: await reading };
	}
	const bytes = new Uint8Array(file.size);
	const scanned = await scan(file, opts, separator, c1, bytes);
	await db.registerFile(name, bytes);
	return { ...scanned, result: await read() };
}

/**
 * The report without the lines of separators only, which the pre-step skips and DuckDB reads as rows of empty
 * cells (hence rejected, every required column missing); null when one of them was not so rejected, so that the
 * careful path decides.
 */
async function withoutBlankLines(db: Connector, contract: Contract, table: string, report: ValidationReport, blank: readonly number[], mapped: Set<string>) {
	if (!blank.length) return report;
	const required = contract.columns.filter((c) => c.required && mapped.has(c.name)).length;
	const missing = new Map<number, number>();
	for (const e of report.errors) if (e.reason === MISSING) missing.set(e.line, (missing.get(e.line) ?? 0) + 1);
	if (!blank.every((l) => missing.get(l) === required)) return null;
	const skip = new Set(blank);
	await db.query(`DELETE FROM ${ident(`${table}_rejects`)} WHERE line IN (${blank.join(', ')})`);
	return {
		...report,
		read: report.read - blank.length,
		rejected: report.rejected - blank.length,
		errors: report.errors.filter((e) => !skip.has(e.line))
	};
}

/** Validates the clean CSV registered under `registered` into `table`. */
async function validate(db: Connector, contract: Contract, registered: string, table: string, name: string, read: Omit<LoadOptions, 'file' | 'table'>) {
	try {
		return await loadCsv(db, contract, { file: registered, table, displayName: name, ...read });
	} finally {
		await db.dropFile(registered);
	}
}

/**
 * Ingests and validates one user file into `table` (default: the contract's kind). The report carries the
 * mapping, encoding, separator (and sheets); the original rejected records stay with it for the rejects file.
 * Throws ImportCancelled when `signal` is aborted (the table may then be half-made: the caller drops it).
 */
export async function importBlob(
	db: Connector,
	contract: Contract,
	file: { name: string; blob: Blob },
	table: string = contract.kind,
	opts: ImportOptions = {}
): Promise<ImportedFile> {
	const { name, blob } = file;
	const format = binaryFormat(new Uint8Array(await blob.slice(0, 8).arrayBuffer())) ?? 'csv';
	const empty: Ingested = { text: '', encoding: format === 'csv' ? 'utf-8' : format, separator: null, header: [], records: [], lines: [], mapping: [], warnings: [] };
	if (blob.size > SIZE_LIMITS[format]) {
		return refused(
			contract,
			name,
			0,
			empty,
			`fichier trop volumineux pour le navigateur : ${mb(blob.size)}, limite ${mb(SIZE_LIMITS[format])} pour un fichier ${FORMAT_NAME[format]} ; découpez-le (par exemple par année) ou utilisez la commande vigie validate`
		);
	}
	// A compressed file is judged by what it declares it holds, before anything is inflated.
	const inflated = await declaredSizeProblem(blob, format);
	if (inflated) return refused(contract, name, 0, empty, inflated);
	const csvName = `${table}__import.csv`;
	const progress = (p: ImportProgress) => opts.onProgress?.({ ...p, phase: 'lecture' });
	let report: ValidationReport | null = null;
	let ingested: Ingested | null = null;
	let complete = false;
	/** Read column by column into Arrow batches (Parquet, Arrow). */
	let columnar = false;
	/** What DuckDB read and how, when it did (the fast path): a rejected line's record is that line. */
	let dialect: { file: Blob; encoding: Encoding; separator: Separator } | null = null;

	// Fast path: DuckDB reads the file where it lies, columns named by the mapping, coded values cleaned
	// value by value as the pre-step would. A Windows-1252 file holding €, Œ or ’ (bytes DuckDB's latin-1
	// decoder refuses), in the sample or found by the scan, is first rewritten in UTF-8 and read again.
	if (format === 'csv') {
		const sniff = await sniffCsv(contract, blob, opts);
		const names = sniff.mapping.map((m, i) => m.column ?? `${IGNORED}${i}`);
		if (sniff.direct && new Set(names).size === names.length) {
			const utf8 = () => toUtf8(blob, { signal: opts.signal, onProgress: progress });
			let source = sniff.c1 ? await utf8() : blob;
			for (;;) {
				const latin1 = source === blob && sniff.encoding === 'windows-1252';
				const rewriter = valueRewriter();
				const read = () =>
					validate(db, contract, csvName, table, name, {
						delimiter: sniff.separator,
						header: names,
						latin1,
						decimalComma: sniff.decimalComma,
						rewriter,
						derived: derivedColumn(sniff.mapping)
					});
				const { records: expected, c1, loneCR, emptyInside, blank, result } = await registered(db, csvName, source, opts, sniff.separator, latin1, read);
				if (c1 && latin1) {
					source = await utf8();
					continue;
				}
				opts.onProgress?.({ phase: 'contrôle', bytes: blob.size, total: blob.size, rows: expected });
				// A line DuckDB could not read, lines that are not records (a quoted line break, an empty line before
				// the last record), or a rejected cell the pre-step would have rewritten: the careful path decides.
				// Lines of separators only are dropped from the report, as the pre-step skips them.
				const whole = loneCR || emptyInside || !result || result.fatal || result.read !== expected ? null : result;
				const r = whole && (await withoutBlankLines(db, contract, table, whole, blank, new Set(names)));
				if (r && !r.errors.some((e) => rewritten(contract, e.column, e.value))) {
					report = { ...r, warnings: [...sniff.warnings, ...rewriter.warnings(), ...r.warnings] };
					dialect = { file: source, encoding: source === blob ? sniff.encoding : 'utf-8', separator: sniff.separator };
					ingested = { text: '', encoding: sniff.encoding, separator: sniff.separator, header: sniff.header, records: [], lines: [], mapping: sniff.mapping, warnings: [] };
				}
				break;
			}
		}
	}

	// A Parquet or Arrow file, where the database takes Arrow: read column by column (columnar.ts, in the
	// Worker), inserted as Arrow batches and validated in SQL as the file typed its columns. A rejected cell the
	// pre-step would have rewritten (« 2 100,50 » written as text) sends it down the careful path.
	if ((format === 'parquet' || format === 'arrow') && db.insertArrow) {
		const run = opts.transcode ?? transcode;
		const raw = `${table}__arrow`;
		let batches = 0;
		const onBatch = (ipc: Uint8Array) => db.insertArrow!(raw, ipc, batches++ === 0);
		let r: ValidationReport | null = null;
		const rewriter = valueRewriter();
		let t: Transcoded;
		try {
			t = await run(contract, blob, { mapping: opts.mapping, signal: opts.signal, onProgress: progress, arrow: true, onBatch });
			if (t.batched) {
				if (opts.signal?.aborted) throw new ImportCancelled();
				opts.onProgress?.({ phase: 'contrôle', bytes: blob.size, total: blob.size, rows: t.rows });
				const present = new Set(t.ingested.mapping.flatMap((m) => (m.column ? [m.column] : [])));
				r = await loadStaged(db, contract, { relation: raw, present, table, displayName: name, rewriter, derived: derivedColumn(t.ingested.mapping) });
			}
		} finally {
			await db.query(`DROP TABLE IF EXISTS ${ident(raw)}`);
		}
		if (t.ingested.fatal) return refused(contract, name, t.rows, t.ingested, t.ingested.fatal);
		if (r && !r.errors.some((e) => rewritten(contract, e.column, e.value))) {
			report = { ...r, warnings: [...t.ingested.warnings, ...rewriter.warnings(), ...r.warnings] };
			ingested = t.ingested;
			columnar = true;
		}
	}

	// Careful path: the streaming pre-step, then DuckDB on the clean CSV.
	if (!report || !ingested) {
		const run = opts.transcode ?? transcode;
		complete = blob.size <= KEEP_ALL;
		const t = await run(contract, blob, { mapping: opts.mapping, sheet: opts.sheet, signal: opts.signal, onProgress: progress, keepAll: complete });
		ingested = t.ingested;
		if (ingested.fatal || !t.csv) return refused(contract, name, t.rows, ingested, ingested.fatal ?? 'fichier illisible');
		if (opts.signal?.aborted) throw new ImportCancelled();
		opts.onProgress?.({ phase: 'contrôle', bytes: blob.size, total: blob.size, rows: t.rows });
		report = (await registered(db, csvName, t.csv, { signal: opts.signal }, ',', false, () => validate(db, contract, csvName, table, name, { delimiter: ',' }))).result;
		report.warnings = [...ingested.warnings, ...report.warnings];
	}
	if (opts.signal?.aborted) throw new ImportCancelled();

	// A missing required column: say which headers would have been recognised for it.
	const mapped = new Set(ingested.mapping.map((m) => m.column));
	for (const c of contract.columns)
		if (c.required && !mapped.has(c.name))
			report.warnings.push(`${c.name} (${c.label}) : en-têtes reconnus : ${[c.name, ...(HEADER_ALIASES[contract.kind][c.name] ?? [])].join(', ')}`);

	if (report.errors.length) {
		// The original rows of the rejected lines, for the rejects file (a second read, only when needed).
		if (!complete) {
			const lines = new Set<number>();
			for (const e of report.errors) if (lines.size < MAX_REJECT_ROWS) lines.add(e.line);
			// Read by DuckDB, a record is a line: its lines are picked out; otherwise the pre-step reads again.
			const again = dialect
				? await pickRecords(dialect.file, lines, dialect, { signal: opts.signal })
				: (await (opts.transcode ?? transcode)(contract, blob, { mapping: opts.mapping, sheet: opts.sheet, signal: opts.signal, onProgress: progress, collect: lines }))
						.ingested;
			ingested.records = again.records;
			ingested.lines = again.lines;
		}
		// Errors show the value as written in the file (« 2 100,50 », « Bénévole »), not the cleaned one.
		const index = new Map(ingested.lines.map((l, k) => [l, k]));
		const source = new Map(ingested.mapping.map((m, i) => [m.column, i] as const).filter(([c]) => c !== null));
		for (const e of report.errors) {
			const k = index.get(e.line);
			const i = source.get(e.column);
			if (k !== undefined && i !== undefined) e.value = ingested.records[k][i] ?? null;
			// A damaged line: the line as written.
			else if (k !== undefined && e.column === WHOLE_LINE) e.value = ingested.records[k].join(ingested.separator ?? ',');
		}
	}
	return { report: { ...report, ...meta(ingested) }, ingested, reader: dialect ? 'duckdb' : columnar ? 'arrow' : 'pre-step' };
}

/** The same for a file held in memory (CLI, tests). */
export function importFile(
	db: Connector,
	contract: Contract,
	file: { name: string; data: Uint8Array | string },
	table: string = contract.kind,
	opts: ImportOptions = {}
): Promise<ImportedFile> {
	return importBlob(db, contract, { name: file.name, blob: new Blob([file.data as BlobPart]) }, table, opts);
}
