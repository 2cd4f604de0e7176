/**
 * Parquet and Arrow IPC read column by column into Arrow record batches for DuckDB (insertArrow), instead of
 * cell by cell into CSV text: a number stays a number, a million rows never become 38 million strings. Only the
 * mapped columns are kept, named after their contract column; validate.ts (loadTable) then types and checks
 * them in SQL exactly as it does a CSV's cells. The original records of the rejected rows are picked out
 * afterwards (pickColumnar), as text, for the rejects file.
 */
import type { Contract } from '../schema.ts';
import { prepareHeader, type IngestOptions, type MappingEntry } from './index.ts';

type Arrow = typeof import('apache-arrow');
type Vector = import('apache-arrow').Vector;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A cell as text, as the rejects file and the CSV route show it (a date as its ISO day). */
export function cellText(v: unknown, isDate = false): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return isoDay(v);
	if (isDate && (typeof v === 'number' || typeof v === 'bigint')) return isoDay(new Date(Number(v)));
	return String(v);
}

export interface ColumnarRead {
	header: string[];
	mapping: MappingEntry[];
	warnings: string[];
	fatal?: string;
	rows: number;
}

/** Receives each Arrow IPC stream of the mapped columns, named after their contract column, in row order. */
export type BatchSink = (ipc: Uint8Array) => void | Promise<void>;

/** Values of one column chunk → an Arrow vector DuckDB takes as is: numbers, integers, booleans or text. */
function vectorOf(arrow: Arrow, values: ArrayLike<unknown>): Vector {
	if (ArrayBuffer.isView(values) && !(values instanceof DataView)) return arrow.makeVector(values as Float64Array);
	let kind: 'number' | 'bigint' | 'boolean' | 'text' | null = null;
	let nulls = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v === null || v === undefined) {
			nulls++;
			continue;
		}
		const t = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? (typeof v as 'number' | 'bigint' | 'boolean') : 'text';
		if (kind === null) kind = t;
		else if (kind !== t) {
			kind = 'text';
			break;
		}
	}
	const n = values.length;
	if (kind === 'number' || kind === 'bigint') {
		const data = kind === 'number' ? new Float64Array(n) : new BigInt64Array(n);
		const validity = new Uint8Array((n + 7) >> 3);
		for (let i = 0; i < n; i++) {
			const v = values[i];
			if (v === null || v === undefined) continue;
			(data as Float64Array)[i] = v as number;
			validity[i >> 3] |= 1 << (i & 7);
		}
		const type = kind === 'number' ? new arrow.Float64() : new arrow.Int64();
		return arrow.makeVector(arrow.makeData({ type, length: n, nullCount: nulls, nullBitmap: nulls ? validity : null, data } as never));
	}
	if (kind === 'boolean') {
		const data = new Uint8Array((n + 7) >> 3);
		const validity = new Uint8Array((n + 7) >> 3);
		for (let i = 0; i < n; i++) {
			const v = values[i];
			if (v === null || v === undefined) continue;
			if (v) data[i >> 3] |= 1 << (i & 7);
			validity[i >> 3] |= 1 << (i & 7);
		}
		return arrow.makeVector(arrow.makeData({ type: new arrow.Bool(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : null, data }));
	}
	const text = new Array<string | null>(n);
	for (let i = 0; i < n; i++) text[i] = values[i] === null || values[i] === undefined ? null : typeof values[i] === 'string' ? (values[i] as string) : cellText(values[i]);
	return utf8Vector(arrow, text);
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

/** An Arrow column DuckDB reads as is (numbers, booleans, text); any other (dictionary, date, decimal…) as text. */
function plainVector(arrow: Arrow, vector: Vector): Vector {
	const t = vector.type;
	const D = arrow.DataType;
	if (D.isFloat(t) || D.isInt(t) || D.isBool(t) || D.isUtf8(t)) return vector;
	const isDate = D.isDate(t) || D.isTimestamp(t);
	const text = new Array<string | null>(vector.length);
	for (let i = 0; i < vector.length; i++) {
		const v = vector.get(i);
		text[i] = v === null || v === undefined ? null : cellText(v, isDate);
	}
	return utf8Vector(arrow, text);
}

const ipc = (arrow: Arrow, columns: Record<string, Vector>) => arrow.tableToIPC(new arrow.Table(columns), 'stream');

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
	opts: IngestOptions & { onRows?: (rows: number, total: number) => void; signal?: AbortSignal } = {}
): Promise<ColumnarRead> {
	const arrow = await import('apache-arrow');
	if (format === 'arrow') {
		const table = arrow.tableFromIPC(data);
		const header = table.schema.fields.map((f) => f.name);
		const m = mapped(contract, header, opts);
		const out: ColumnarRead = { header, mapping: m.mapping, warnings: m.warnings, fatal: m.fatal, rows: table.numRows };
		if (m.fatal) return out;
		await sink(ipc(arrow, Object.fromEntries(m.used.map((u) => [u.column, plainVector(arrow, table.getChildAt(u.index)!)]))));
		opts.onRows?.(table.numRows, table.numRows);
		return out;
	}
	const { parquetMetadata, parquetRead, parquetSchema } = await import('hyparquet');
	const file = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
	const metadata = parquetMetadata(file);
	const header = parquetSchema(metadata).children.map((c) => c.element.name);
	const m = mapped(contract, header, opts);
	const total = Number(metadata.num_rows);
	const out: ColumnarRead = { header, mapping: m.mapping, warnings: m.warnings, fatal: m.fatal, rows: total };
	if (m.fatal) return out;
	// One row group at a time, and within it one column at a time: a column's decoded values become its Arrow
	// vector before the next column is decoded (pyarrow writes a million rows as one group), so the JS heap holds
	// one column of values, not the whole group's.
	let start = 0;
	for (const group of metadata.row_groups) {
		if (opts.signal?.aborted) break;
		const end = start + Number(group.num_rows);
		const vectors: Record<string, Vector> = {};
		for (const u of m.used) vectors[u.column] = vectorOf(arrow, (await parquetColumns(parquetRead, file, metadata, [u.header], start, end)).get(u.header)!);
		await sink(ipc(arrow, vectors));
		start = end;
		opts.onRows?.(start, total);
	}
	// A file of no rows still makes a table, of text columns.
	if (!metadata.row_groups.length) await sink(ipc(arrow, Object.fromEntries(m.used.map((u) => [u.column, vectorOf(arrow, [])]))));
	return out;
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
