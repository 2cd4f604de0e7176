/**
 * Parquet and Arrow IPC read column by column into Arrow record batches for DuckDB (insertArrow), instead of
 * cell by cell into CSV text: a number stays a number, a million rows never become 38 million strings. Each batch
 * is already the staged table validate.ts checks (loadStaged): every contract column in contract order, a mapped
 * one as the file typed it where that is the contract's kind (else as text, parsed in SQL as a CSV cell is), an
 * absent one as its default. The original records of the rejected rows are picked out afterwards
 * (pickColumnar), as text, for the rejects file.
 */
import type { Column, Contract } from '../schema.ts';
import { cellText } from './arrow.ts';
import { prepareHeader, type IngestOptions, type MappingEntry } from './index.ts';

type Arrow = typeof import('apache-arrow');
type Vector = import('apache-arrow').Vector;
type DataType = import('apache-arrow').DataType;
type SchemaElement = import('hyparquet').SchemaElement;

export interface ColumnarRead {
	header: string[];
	mapping: MappingEntry[];
	warnings: string[];
	fatal?: string;
	rows: number;
}

/** Receives each Arrow IPC stream (a batch of `rows` rows), in row order. */
export type BatchSink = (ipc: Uint8Array, rows: number) => void | Promise<void>;

/** Of a Parquet file's mapped columns, the share one reader decodes (the k-th of `of`, every of-th column). */
export interface Share {
	index: number;
	of: number;
}

/**
 * How a mapped column is staged for validate.ts: kept as an Arrow file typed it (an integer or a number for a
 * numeric column, a boolean, text), as numbers (Parquet's integers and decimals), as booleans, or as text, which
 * validate.ts parses as it does a CSV cell. Decided once per column from the file's schema, so that every batch of
 * a file has the same types.
 */
type Staging = 'keep' | 'number' | 'bool' | 'text';

const PARQUET_NUMBERS = new Set([undefined, 'INT_8', 'INT_16', 'INT_32', 'INT_64', 'UINT_8', 'UINT_16', 'UINT_32', 'UINT_64', 'DECIMAL']);

function parquetStaging(col: Column, element: SchemaElement): Staging {
	const logical = element.logical_type?.type;
	const number =
		((element.type === 'INT32' || element.type === 'INT64') && PARQUET_NUMBERS.has(element.converted_type) && (!logical || logical === 'INTEGER' || logical === 'DECIMAL')) ||
		element.type === 'FLOAT' ||
		element.type === 'DOUBLE';
	if (col.type === 'int' || col.type === 'double') return number ? 'number' : 'text';
	if (col.type === 'bool') return element.type === 'BOOLEAN' ? 'bool' : 'text';
	return 'text';
}

function arrowStaging(arrow: Arrow, col: Column, type: DataType): Staging {
	const D = arrow.DataType;
	const integer = D.isInt(type) && (type.isSigned ? type.bitWidth <= 64 : type.bitWidth <= 32);
	const float = D.isFloat(type) && type.precision !== arrow.Precision.HALF;
	if (col.type === 'int' || col.type === 'double') return integer || float ? 'keep' : 'text';
	if (col.type === 'bool') return D.isBool(type) ? 'keep' : 'text';
	return D.isUtf8(type) ? 'keep' : 'text';
}

const bitmap = (n: number) => new Uint8Array((n + 7) >> 3);
const set = (bits: Uint8Array, i: number) => (bits[i >> 3] |= 1 << (i & 7));
const isNull = (v: unknown) => v === null || v === undefined;

/** Cells → Float64 (a Parquet INT64 arrives as a bigint). */
function numberVector(arrow: Arrow, values: ArrayLike<unknown>): Vector {
	const n = values.length;
	const data = new Float64Array(n);
	const validity = bitmap(n);
	let nulls = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (isNull(v)) nulls++;
		else {
			data[i] = Number(v);
			set(validity, i);
		}
	}
	return arrow.makeVector(arrow.makeData({ type: new arrow.Float64(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : null, data }));
}

/** Cells → Bool. The loop is numberVector's, written twice: one loop with a callback was 4 % slower on Parquet. */
function boolVector(arrow: Arrow, values: ArrayLike<unknown>): Vector {
	const n = values.length;
	const data = bitmap(n);
	const validity = bitmap(n);
	let nulls = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (isNull(v)) nulls++;
		else {
			if (v) set(data, i);
			set(validity, i);
		}
	}
	return arrow.makeVector(arrow.makeData({ type: new arrow.Bool(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : null, data }));
}

/** Cells → text as the rejects file shows them (a date as its ISO day, 93061 for a whole number). */
function textVector(arrow: Arrow, values: { length: number; at(i: number): unknown }, isDate = false): Vector {
	const text = new Array<string | null>(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values.at(i);
		text[i] = isNull(v) ? null : typeof v === 'string' ? v : cellText(v, isDate);
	}
	return utf8Vector(arrow, text);
}

/** A Parquet column chunk's values → its staged vector. */
function stagedParquet(arrow: Arrow, staging: Staging, values: ArrayLike<unknown>): Vector {
	if (staging === 'number') return numberVector(arrow, values);
	if (staging === 'bool') return boolVector(arrow, values);
	return textVector(arrow, { length: values.length, at: (i) => values[i] });
}

/** The column a contract column takes when the file has none: its default on every row (typed as the contract says). */
function defaultVector(arrow: Arrow, col: Column, n: number): Vector {
	const d = col.default ?? null;
	const validity = bitmap(n);
	if (d !== null) validity.fill(255);
	const nulls = d === null ? n : 0;
	const nullBitmap = nulls ? validity : null;
	switch (col.type) {
		case 'int':
			return arrow.makeVector(arrow.makeData({ type: new arrow.Int32(), length: n, nullCount: nulls, nullBitmap, data: new Int32Array(n).fill(Number(d)) }));
		case 'double':
			return arrow.makeVector(arrow.makeData({ type: new arrow.Float64(), length: n, nullCount: nulls, nullBitmap, data: new Float64Array(n).fill(Number(d)) }));
		case 'bool':
			return arrow.makeVector(arrow.makeData({ type: new arrow.Bool(), length: n, nullCount: nulls, nullBitmap, data: bitmap(n).fill(d ? 255 : 0) }));
		case 'date': {
			const day = d === null ? 0 : Math.floor(Date.parse(String(d)) / 86_400_000);
			return arrow.makeVector(arrow.makeData({ type: new arrow.DateDay(), length: n, nullCount: nulls, nullBitmap, data: new Int32Array(n).fill(day) }));
		}
		default:
			return utf8Vector(arrow, new Array<string | null>(n).fill(d === null ? null : String(d)));
	}
}

const encoder = new TextEncoder();

/**
 * Strings → an Arrow Utf8 vector, built directly (apache-arrow's builder takes seconds for a million cells):
 * the strings joined and encoded at once, offsets from their lengths when all are ASCII, one by one otherwise.
 */
function utf8Vector(arrow: Arrow, text: ReadonlyArray<string | null>): Vector {
	const n = text.length;
	const offsets = new Int32Array(n + 1);
	const validity = new Uint8Array((n + 7) >> 3);
	let nulls = 0;
	const joined = text.map((t) => t ?? '').join('');
	let data = encoder.encode(joined);
	const ascii = data.length === joined.length;
	if (!ascii) data = new Uint8Array(data.length);
	let at = 0;
	for (let i = 0; i < n; i++) {
		const t = text[i];
		if (t === null) nulls++;
		else {
			validity[i >> 3] |= 1 << (i & 7);
			at += ascii ? t.length : encoder.encodeInto(t, data.subarray(at)).written;
		}
		offsets[i + 1] = at;
	}
	return arrow.makeVector(arrow.makeData({ type: new arrow.Utf8(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : null, valueOffsets: offsets, data }));
}

/**
 * One batch: every contract column in contract order, from the file where it is mapped (`staged`), its default
 * otherwise — the staged table validate.ts (loadStaged) checks in place.
 */
function ipc(arrow: Arrow, contract: Contract, staged: ReadonlyMap<string, Vector>, rows: number): Uint8Array {
	const columns = Object.fromEntries(contract.columns.map((c) => [c.name, staged.get(c.name) ?? defaultVector(arrow, c, rows)]));
	return arrow.tableToIPC(new arrow.Table(columns), 'stream');
}

/** Header → mapping, and the mapped columns. */
function mapped(contract: Contract, header: string[], opts: IngestOptions) {
	const prep = prepareHeader(contract, header, opts);
	const used = prep.mapping.flatMap((m, i) => (m.column ? [{ index: i, header: m.header, column: m.column }] : []));
	return { ...prep, used };
}

/**
 * Reads a Parquet or Arrow IPC file into Arrow batches of its mapped columns, handed to `sink` one row group at
 * a time (the database inserts one while the next is decoded). Nothing reaches `sink` when the header is fatal.
 */
export async function readColumnar(
	contract: Contract,
	format: 'parquet' | 'arrow',
	data: Uint8Array,
	sink: BatchSink,
	opts: IngestOptions & { onRows?: (rows: number, total: number) => void; signal?: AbortSignal; share?: Share } = {}
): Promise<ColumnarRead> {
	const arrow = await import('apache-arrow');
	const byName = new Map(contract.columns.map((c) => [c.name, c]));
	if (format === 'arrow') {
		const table = arrow.tableFromIPC(data);
		const header = table.schema.fields.map((f) => f.name);
		const m = mapped(contract, header, opts);
		const out: ColumnarRead = { header, mapping: m.mapping, warnings: m.warnings, fatal: m.fatal, rows: table.numRows };
		if (m.fatal) return out;
		const staged = new Map<string, Vector>();
		for (const u of m.used) {
			const vector = table.getChildAt(u.index)!;
			const type = table.schema.fields[u.index].type;
			const isDate = arrow.DataType.isDate(type) || arrow.DataType.isTimestamp(type);
			const col = byName.get(u.column)!;
			staged.set(u.column, arrowStaging(arrow, col, type) === 'keep' ? vector : textVector(arrow, { length: vector.length, at: (i) => vector.get(i) }, isDate));
		}
		await sink(ipc(arrow, contract, staged, table.numRows), table.numRows);
		opts.onRows?.(table.numRows, table.numRows);
		return out;
	}
	const { parquetMetadata, parquetRead, parquetSchema } = await import('hyparquet');
	const file = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
	const metadata = parquetMetadata(file);
	const header = parquetSchema(metadata).children.map((c) => c.element.name);
	const m = mapped(contract, header, opts);
	const total = Number(metadata.num_rows);
	const elements = parquetSchema(metadata).children.map((c) => c.element);
	const stagings = new Map(m.used.map((u) => [u.column, parquetStaging(byName.get(u.column)!, elements[u.index])]));
	const out: ColumnarRead = { header, mapping: m.mapping, warnings: m.warnings, fatal: m.fatal, rows: total };
	if (m.fatal) return out;
	// One row group at a time, and within it one column at a time: a column's decoded values become its Arrow
	// vector before the next column is decoded (pyarrow writes a million rows as one group), so the JS heap holds
	// one column of values, not the whole group's. A share decodes its columns only, mergeShares makes the batch.
	const share = opts.share;
	const mine = share ? m.used.filter((_, j) => j % share.of === share.index) : m.used;
	const batch = (staged: Map<string, Vector>, rows: number) =>
		share ? arrow.tableToIPC(new arrow.Table(Object.fromEntries(staged)), 'stream') : ipc(arrow, contract, staged, rows);
	let start = 0;
	for (const group of metadata.row_groups) {
		if (opts.signal?.aborted) break;
		const end = start + Number(group.num_rows);
		const staged = new Map<string, Vector>();
		for (const u of mine) {
			const values = (await parquetColumns(parquetRead, file, metadata, [u.header], start, end)).get(u.header)!;
			staged.set(u.column, stagedParquet(arrow, stagings.get(u.column)!, values));
		}
		await sink(batch(staged, end - start), end - start);
		start = end;
		opts.onRows?.(start, total);
	}
	// A file of no rows still makes a table, of text columns.
	if (!metadata.row_groups.length) await sink(batch(new Map(mine.map((u) => [u.column, stagedParquet(arrow, stagings.get(u.column)!, [])])), 0), 0);
	return out;
}

/** The batches of one row group decoded in shares (readColumnar `share`) → the staged batch. */
export async function mergeShares(contract: Contract, shares: readonly Uint8Array[], rows: number): Promise<Uint8Array> {
	const arrow = await import('apache-arrow');
	const staged = new Map<string, Vector>();
	for (const bytes of shares) {
		const table = arrow.tableFromIPC(bytes);
		for (const f of table.schema.fields) staged.set(f.name, table.getChild(f.name)!);
	}
	return ipc(arrow, contract, staged, rows);
}

type ParquetRead = (typeof import('hyparquet'))['parquetRead'];

/** The values of `names` for rows [start, end) of a Parquet file, one array per column. */
async function parquetColumns(
	parquetRead: ParquetRead,
	file: ArrayBuffer,
	metadata: ReturnType<(typeof import('hyparquet'))['parquetMetadata']>,
	names: string[],
	start: number,
	end: number
): Promise<Map<string, ArrayLike<unknown>>> {
	const chunks = new Map<string, Array<{ rowStart: number; data: ArrayLike<unknown> }>>();
	await parquetRead({
		file,
		metadata,
		columns: names,
		rowStart: start,
		rowEnd: end,
		onChunk: (c) => {
			const list = chunks.get(c.columnName) ?? [];
			list.push({ rowStart: c.rowStart, data: c.columnData as ArrayLike<unknown> });
			chunks.set(c.columnName, list);
		}
	});
	// A chunk may hold rows outside the range asked for: the range is cut out of the chunks, in row order.
	const out = new Map<string, ArrayLike<unknown>>();
	for (const name of names) {
		const list = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
		if (list.length === 1 && list[0].rowStart === start && list[0].data.length === end - start) {
			out.set(name, list[0].data);
			continue;
		}
		const values = new Array<unknown>(end - start).fill(null);
		for (const { rowStart, data } of list)
			for (let i = Math.max(0, start - rowStart); i < data.length && rowStart + i < end; i++) values[rowStart + i - start] = data[i];
		out.set(name, values);
	}
	return out;
}

/**
 * The original records (every column, as text) of some lines of a Parquet or Arrow file (line = row + 2, the
 * header counting as line 1), for the rejects file: only the row groups holding them are decoded.
 */
export async function pickColumnar(format: 'parquet' | 'arrow', data: Uint8Array, wanted: ReadonlySet<number>): Promise<{ records: string[][]; lines: number[] }> {
	const lines = [...wanted].sort((a, b) => a - b);
	const records: string[][] = [];
	if (format === 'arrow') {
		const arrow = await import('apache-arrow');
		const table = arrow.tableFromIPC(data);
		const columns = table.schema.fields.map((f, i) => ({
			vector: table.getChildAt(i)!,
			isDate: arrow.DataType.isDate(f.type) || arrow.DataType.isTimestamp(f.type)
		}));
		const kept = lines.filter((l) => l - 2 < table.numRows);
		for (const l of kept) records.push(columns.map((c) => cellText(c.vector.get(l - 2), c.isDate)));
		return { records, lines: kept };
	}
	const { parquetMetadata, parquetRead, parquetSchema } = await import('hyparquet');
	const file = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
	const metadata = parquetMetadata(file);
	const header = parquetSchema(metadata).children.map((c) => c.element.name);
	const kept: number[] = [];
	let start = 0;
	let k = 0;
	for (const group of metadata.row_groups) {
		const end = start + Number(group.num_rows);
		const here: number[] = [];
		while (k < lines.length && lines[k] - 2 < end) {
			if (lines[k] - 2 >= start) here.push(lines[k]);
			k++;
		}
		if (here.length) {
			const columns = await parquetColumns(parquetRead, file, metadata, header, start, end);
			for (const l of here) {
				records.push(header.map((h) => cellText(columns.get(h)![l - 2 - start])));
				kept.push(l);
			}
		}
		start = end;
	}
	return { records, lines: kept };
}
