/**
 * Streaming pre-step for large CSV files: the file (a browser File or any Blob) is read in chunks, decoded
 * (UTF-8, BOM or Windows-1252), cut after the last line break outside quotes, parsed, mapped and cleaned
 * chunk by chunk into a Blob of clean CSV. Memory stays bounded by a chunk plus the clean output, which the
 * browser keeps in Blob storage (off the JS heap, on disk when large). Runs in a Worker in the page
 * (app/import-worker.ts) and in-thread in Node. Binary formats (XLSX, Parquet, Arrow) are read whole.
 */
import type { Contract } from '../schema.ts';
import { detectSeparator, parseRows, type Separator } from './dialect.ts';
import type { Encoding } from './encoding.ts';
import { pickColumnar, readColumnar, type BatchSink, type Share } from './columnar.ts';
import { binaryFormat, ingestFile, prepareHeader, rowEncoder, type IngestOptions, type Ingested, type MappingEntry, type RowEncoder } from './index.ts';

export interface ImportProgress {
	/** Bytes of the user's file read so far, and its size. */
	bytes: number;
	total: number;
	/** Records parsed so far. */
	rows: number;
}

export interface StreamOptions extends IngestOptions {
	onProgress?: (p: ImportProgress) => void;
	/** Checked between chunks: the read stops as soon as it is set. */
	signal?: AbortSignal;
	/** Keep the original records of these lines (the rejected ones, for the rejects file) and write no CSV. */
	collect?: ReadonlySet<number>;
	/** Keep every original record (small files: errors then show values as written). */
	keepAll?: boolean;
	/** Bytes per read (default 4 MiB). */
	chunkBytes?: number;
	/**
	 * A Parquet or Arrow file is read column by column into Arrow batches handed to `onBatch` (`arrow`) instead
	 * of clean CSV, for a database that takes Arrow (insertArrow); the CSV route stays for a column computed
	 * from another. `arrow` crosses to the Worker; `onBatch` stays on the caller's side.
	 */
	arrow?: boolean;
	onBatch?: BatchSink;
	/** Decode only this share of a Parquet file's columns (the page splits the decoding between Workers). */
	share?: Share;
}

export interface Transcoded {
	/** Mapping, format, warnings, and the original records kept (see keepAll / collect). */
	ingested: Ingested;
	/** Clean CSV for validate.ts (null when fatal, collecting, or read into Arrow batches). */
	csv: Blob | null;
	/** The rows went to `onBatch` as Arrow batches (a Parquet or Arrow file read with `arrow`). */
	batched?: boolean;
	/** Records read. */
	rows: number;
}

/** Runs the pre-step of one file; where it runs (Worker or not) is the caller's choice. */
export type Transcoder = (contract: Contract, file: Blob, opts: StreamOptions) => Promise<Transcoded>;

export class ImportCancelled extends Error {
	constructor() {
		super('import annulé');
	}
}

const CHUNK = 4 << 20;
/** Clean CSV strings are moved to Blob storage by batches of this many characters. */
const FLUSH = 8 << 20;
const SAMPLE = 64 << 10;
/** A quoted field longer than this (DuckDB's own max_line_size) is an unclosed quote, not a value. */
const UNCLOSED_LIMIT = 32 << 20;

const checkAbort = (signal?: AbortSignal) => {
	if (signal?.aborted) throw new ImportCancelled();
};

/** The encoding of a file from its first bytes: BOM, strict UTF-8, else Windows-1252. */
function sniffEncoding(head: Uint8Array): Encoding {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
		return 'utf-8';
	} catch {
		return 'windows-1252';
	}
}

const UTF16 = 'fichier en UTF-16 (« Texte Unicode » d’Excel), non pris en charge : enregistrez-le en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »';

/** UTF-16 (Excel's « Texte Unicode »): its byte order mark, or a NUL byte every other byte. */
function isUtf16(head: Uint8Array): boolean {
	if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
	let nul = 0;
	const n = Math.min(head.length, 200);
	for (let i = 0; i < n; i++) if (head[i] === 0) nul++;
	return n >= 8 && nul >= n / 3;
}

/** What the sniff of a CSV's first 64 KiB tells: how it is written, and whether DuckDB can read it itself. */
export interface CsvSniff {
	encoding: Encoding;
	separator: Separator;
	header: string[];
	mapping: MappingEntry[];
	/** Header warnings (columns ignored). */
	warnings: string[];
	/**
	 * DuckDB's CSV reader can read the file (fast path): no empty line in the sample (a column computed from
	 * another, nb_personnes, is computed in SQL). Quoted fields are DuckDB's to read; the import checks the rest as it reads (a record spread over
	 * several lines makes DuckDB's count differ from the line count).
	 */
	direct: boolean;
	/** A Windows-1252 sample holding bytes 0x80–0x9F (€, Œ, ’…), which DuckDB's latin-1 decoder refuses. */
	c1: boolean;
	/** Numbers of the sample written with a decimal comma. */
	decimalComma: boolean;
}

const DECIMAL_COMMA = /^\s*[-+]?\d[\d\s\u00a0\u202f]*,\d+\s*$/;

export async function sniffCsv(contract: Contract, file: Blob, opts: IngestOptions = {}): Promise<CsvSniff> {
	const head = new Uint8Array(await file.slice(0, SAMPLE).arrayBuffer());
	const encoding = sniffEncoding(head);
	const text = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8').decode(head);
	const separator = detectSeparator(text);
	const whole = file.size > SAMPLE ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
	const { rows } = parseRows(whole, separator, 1);
	const [header = [], ...records] = rows;
	const names = header.map((h) => h.trim());
	const { mapping, warnings, fatal } = prepareHeader(contract, names, opts);
	const numeric = mapping.flatMap((m, i) => (['int', 'double'].includes(contract.columns.find((c) => c.name === m.column)?.type ?? '') ? [i] : []));
	// An empty line shifts DuckDB's rows against the lines; lines of separators only do not (the import drops them).
	const direct = !fatal && !/\n\r?\n/.test(whole);
	const decimalComma = separator !== ',' && records.some((r) => numeric.some((i) => DECIMAL_COMMA.test(r[i] ?? '')));
	return { encoding, separator, header: names, mapping, warnings, direct, c1: encoding === 'windows-1252' && hasC1(head), decimalComma };
}

/**
 * The original records of some lines of a CSV in which every line is one record (the fast path checked it:
 * as many records as lines, no lone carriage return), for the rejects file: only those lines are decoded and
 * parsed, the rest is only counted.
 */
export async function pickRecords(
	file: Blob,
	wanted: ReadonlySet<number>,
	{ encoding, separator }: { encoding: Encoding; separator: Separator },
	opts: Pick<StreamOptions, 'signal' | 'chunkBytes'> = {}
): Promise<{ records: string[][]; lines: number[] }> {
	const step = opts.chunkBytes ?? CHUNK;
	const decoder = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
	const records: string[][] = [];
	const lines: number[] = [];
	let last = 0;
	for (const l of wanted) last = Math.max(last, l);
	const take = (at: number, parts: Uint8Array[]) => {
		const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
		parts.reduce((o, p) => (bytes.set(p, o), o + p.length), 0);
		const text = decoder.decode(bytes).replace(/\r$/, '');
		records.push(parseRows(text, separator, at).rows[0] ?? ['']);
		lines.push(at);
	};
	let line = 1;
	let parts: Uint8Array[] = [];
	for (let pos = 0; pos < file.size && line <= last; pos += step) {
		checkAbort(opts.signal);
		const chunk = new Uint8Array(await file.slice(pos, pos + step).arrayBuffer());
		for (let start = 0; ; ) {
			const nl = chunk.indexOf(10, start);
			if (wanted.has(line)) parts.push(chunk.subarray(start, nl < 0 ? chunk.length : nl));
			if (nl < 0) break;
			if (parts.length) take(line, parts);
			parts = [];
			line++;
			start = nl + 1;
		}
	}
	if (parts.length) take(line, parts);
	return { records, lines };
}

/**
 * A Windows-1252 file rewritten in UTF-8, chunk by chunk, for DuckDB's reader (its latin-1 decoder refuses the
 * bytes 0x80–0x9F, Windows-1252's €, Œ, ’…): one pass in JavaScript instead of the whole pre-step.
 */
export async function toUtf8(file: Blob, opts: Pick<StreamOptions, 'signal' | 'onProgress' | 'chunkBytes'> = {}): Promise<Blob> {
	const step = opts.chunkBytes ?? CHUNK;
	const decoder = new TextDecoder('windows-1252');
	const encoder = new TextEncoder();
	const blobs: Blob[] = [];
	let parts: Uint8Array[] = [];
	let pending = 0;
	let rows = 0;
	for (let pos = 0; pos < file.size; pos += step) {
		checkAbort(opts.signal);
		const chunk = new Uint8Array(await file.slice(pos, pos + step).arrayBuffer());
		for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++;
		const utf8 = encoder.encode(decoder.decode(chunk, { stream: pos + step < file.size }));
		parts.push(utf8);
		pending += utf8.length;
		// Batches move to Blob storage as they come (off the JavaScript heap in the browser).
		if (pending >= FLUSH) {
			blobs.push(new Blob(parts as BlobPart[]));
			parts = [];
			pending = 0;
		}
		opts.onProgress?.({ bytes: Math.min(pos + step, file.size), total: file.size, rows });
	}
	return new Blob([...blobs, ...(parts as BlobPart[])]);
}

/** Bytes 0x80–0x9F: Windows-1252 letters (€, Œ, ’…) that Latin-1 would read as control characters. */
export function hasC1(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80 && bytes[i] <= 0x9f) return true;
	return false;
}

/** Streams one CSV file (or reads a binary one whole) into clean CSV; never throws but on cancel. */
export const transcode: Transcoder = async (contract, file, opts) => {
	const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
	const format = binaryFormat(head);
	if ((format === 'parquet' || format === 'arrow') && ((opts.arrow && opts.onBatch) || opts.collect)) {
		const columnar = await transcodeColumnar(contract, file, format, opts);
		if (columnar) return columnar;
		// Asked for Arrow batches and none could be made: the caller takes the CSV route itself.
		if (opts.arrow) {
			const ingested: Ingested = { text: '', encoding: format, separator: null, header: [], records: [], lines: [], mapping: [], warnings: [] };
			return { ingested, csv: null, rows: 0, batched: false };
		}
	}
	if (format) {
		const ingested = await ingestFile(contract, new Uint8Array(await file.arrayBuffer()), opts);
		checkAbort(opts.signal);
		opts.onProgress?.({ bytes: file.size, total: file.size, rows: ingested.records.length });
		const csv = ingested.fatal || opts.collect ? null : new Blob([ingested.text]);
		const read = ingested.records.length;
		if (opts.collect) {
			const keep = ingested.lines.map((l) => opts.collect!.has(l));
			ingested.records = ingested.records.filter((_, k) => keep[k]);
			ingested.lines = ingested.lines.filter((_, k) => keep[k]);
		} else if (!opts.keepAll) [ingested.records, ingested.lines] = [[], []];
		return { ingested: { ...ingested, text: '' }, csv, rows: read };
	}
	const sample = new Uint8Array(await file.slice(0, SAMPLE).arrayBuffer());
	if (isUtf16(sample)) {
		const ingested: Ingested = { text: '', encoding: 'utf-8', separator: null, header: [], records: [], lines: [], mapping: [], warnings: [] };
		return { ingested: { ...ingested, fatal: UTF16 }, csv: null, rows: 0 };
	}
	const first = sniffEncoding(sample);
	try {
		return await streamCsv(contract, file, first, opts);
	} catch (e) {
		// Valid UTF-8 at the start, not further on: the file is Windows-1252 after all.
		if (e instanceof TypeError && first !== 'windows-1252') return streamCsv(contract, file, 'windows-1252', opts);
		throw e;
	}
};

/** A Parquet or Arrow file read column by column (columnar.ts); null when it cannot (the CSV route then says why). */
async function transcodeColumnar(contract: Contract, file: Blob, format: 'parquet' | 'arrow', opts: StreamOptions): Promise<Transcoded | null> {
	const data = new Uint8Array(await file.arrayBuffer());
	const base: Ingested = { text: '', encoding: format, separator: null, header: [], records: [], lines: [], mapping: [], warnings: [] };
	try {
		if (opts.collect) {
			const { records, lines } = await pickColumnar(format, data, opts.collect);
			return { ingested: { ...base, records, lines }, csv: null, rows: 0 };
		}
		const read = await readColumnar(contract, format, data, opts.onBatch!, {
			mapping: opts.mapping,
			signal: opts.signal,
			share: opts.share,
			onRows: (rows, total) => opts.onProgress?.({ bytes: Math.round((file.size * rows) / Math.max(1, total)), total: file.size, rows })
		});
		checkAbort(opts.signal);
		const ingested: Ingested = { ...base, header: read.header, mapping: read.mapping, warnings: read.warnings, ...(read.fatal ? { fatal: read.fatal } : {}) };
		return { ingested, csv: null, batched: !read.fatal, rows: read.rows };
	} catch (e) {
		if (e instanceof ImportCancelled) throw e;
		// Unreadable here: the whole-file readers say why, in the same words as before.
		return null;
	}
}

async function streamCsv(contract: Contract, file: Blob, encoding: Encoding, opts: StreamOptions): Promise<Transcoded> {
	const decoder = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', { fatal: encoding !== 'windows-1252' });
	const ingested: Ingested = { text: '', encoding, separator: null, header: [], records: [], lines: [], mapping: [], warnings: [] };
	const step = opts.chunkBytes ?? CHUNK;
	const blobs: Blob[] = [];
	let parts: string[] = [];
	let pending = 0;
	const write = (s: string) => {
		if (opts.collect) return;
		parts.push(s);
		pending += s.length;
		if (pending >= FLUSH) {
			blobs.push(new Blob(parts));
			parts = [];
			pending = 0;
		}
	};
	let carry = '';
	let scanned = 0;
	let quoted = false;
	let line = 1;
	let rows = 0;
	let separator: Separator | null = null;
	const st: { encoder: RowEncoder | null } = { encoder: null };
	let fatal: string | undefined;

	const consume = (text: string) => {
		separator ??= detectSeparator(text);
		const parsed = parseRows(text, separator, line, st.encoder ? { width: ingested.header.length } : { header: true });
		line = parsed.nextLine;
		let k = 0;
		if (!st.encoder) {
			if (!parsed.rows.length) return;
			const header = parsed.rows[0].map((h) => h.trim());
			k = 1;
			ingested.header = header;
			const prep = prepareHeader(contract, header, opts);
			ingested.mapping = prep.mapping;
			ingested.warnings.push(...prep.warnings);
			if (prep.fatal) fatal = prep.fatal;
			st.encoder = rowEncoder(contract, prep.mapping, true, true);
			write(st.encoder.header + '\n');
		}
		for (; k < parsed.rows.length; k++) {
			const rec = parsed.rows[k];
			const at = parsed.lines[k];
			rows++;
			if (opts.keepAll || opts.collect?.has(at)) {
				ingested.records.push(rec);
				ingested.lines.push(at);
			}
			if (!fatal) write(st.encoder.encode(rec, at, parsed.broken.get(k)) + '\n');
		}
	};

	for (let pos = 0; pos < file.size; pos += step) {
		checkAbort(opts.signal);
		const bytes = new Uint8Array(await file.slice(pos, pos + step).arrayBuffer());
		let text = decoder.decode(bytes, { stream: pos + step < file.size });
		if (pos === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		carry += text;
		// The last line break outside quotes ends the whole records of this chunk.
		let cut = -1;
		for (let i = scanned; i < carry.length; i++) {
			const c = carry.charCodeAt(i);
			if (c === 34) quoted = !quoted;
			else if (c === 10 && !quoted) cut = i;
		}
		// No line break outside quotes for this long: a quote opened and never closed. The parser rejects its line
		// and reads on from the next; the rest is cut at its last line break, so memory stays bounded.
		if (cut < 0 && quoted && carry.length > UNCLOSED_LIMIT) {
			cut = carry.lastIndexOf('\n');
			// The quotes of what stays, counted from that line's start.
			quoted = false;
			for (let i = cut + 1; i < carry.length; i++) if (carry.charCodeAt(i) === 34) quoted = !quoted;
		}
		if (cut >= 0) {
			consume(carry.slice(0, cut + 1));
			carry = carry.slice(cut + 1);
		}
		scanned = carry.length;
		opts.onProgress?.({ bytes: Math.min(pos + step, file.size), total: file.size, rows });
	}
	if (carry) consume(carry);
	const encoder = st.encoder;
	ingested.separator = separator;
	if (!encoder) fatal = 'fichier vide ou sans ligne d’en-tête';
	if (fatal || !encoder) return { ingested: { ...ingested, fatal }, csv: null, rows };
	ingested.warnings.push(...encoder.warnings());
	return { ingested, csv: opts.collect ? null : new Blob([...blobs, ...parts]), rows };
}
