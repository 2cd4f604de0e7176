/**
 * Arrow IPC (file or stream format, e.g. written by pandas/pyarrow `feather`, R `arrow`, DuckDB) → header and
 * records of text cells, so that the same mapping and validation as CSV apply. apache-arrow is already there
 * (DuckDB-wasm's own dependency) and is loaded only when an Arrow file comes in. A record's « line » is its
 * row number + 1 (header counted as line 1, as in a CSV).
 */
import type { Parsed } from './dialect.ts';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1

/** Arrow file (ARROW1 magic) or stream (continuation marker 0xFFFFFFFF). */
export function isArrow(data: Uint8Array | string): data is Uint8Array {
	if (typeof data === 'string' || data.length < 8) return false;
	if (MAGIC.every((b, i) => data[i] === b)) return true;
	return data[0] === 0xff && data[1] === 0xff && data[2] === 0xff && data[3] === 0xff;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A cell as text, as the rejects file and the CSV route show it (a date as its ISO day). */
export function cellText(v: unknown, isDate = false): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return isoDate(v);
	if (isDate && (typeof v === 'number' || typeof v === 'bigint')) return isoDate(new Date(Number(v)));
	return String(v);
}

export async function parseArrow(data: Uint8Array): Promise<Omit<Parsed, 'separator'>> {
	const { tableFromIPC, DataType } = await import('apache-arrow');
	const table = tableFromIPC(data);
	const fields = table.schema.fields;
	const header = fields.map((f) => f.name);
	const columns = fields.map((f, i) => ({
		vector: table.getChildAt(i)!,
		isDate: DataType.isDate(f.type) || DataType.isTimestamp(f.type)
	}));
	const records: string[][] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) records[r] = columns.map((c) => cellText(c.vector.get(r), c.isDate));
	return { header, records, lines: records.map((_, k) => k + 2) };
}
