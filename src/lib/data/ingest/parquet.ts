/**
 * Parquet → header and records of text cells, read offline in JavaScript by hyparquet (DuckDB-wasm's parquet
 * extension would be fetched from the network). Dates become ISO days; a record's line is its row number + 1
 * (header counted as line 1, as in a CSV).
 */
import type { Parsed } from './dialect.ts';
import { cellText } from './arrow.ts';

/** « PAR1 » at the start (and end) of every Parquet file. */
export const isParquet = (data: Uint8Array | string): data is Uint8Array =>
	typeof data !== 'string' && data.length >= 8 && data[0] === 0x50 && data[1] === 0x41 && data[2] === 0x52 && data[3] === 0x31;

export async function parseParquet(data: Uint8Array): Promise<Omit<Parsed, 'separator'>> {
	const { parquetMetadata, parquetSchema, parquetReadObjects } = await import('hyparquet');
	const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
	const header = parquetSchema(parquetMetadata(buffer)).children.map((c) => c.element.name);
	const rows = await parquetReadObjects({ file: buffer });
	const records = rows.map((r) => header.map((h) => cellText(r[h])));
	return { header, records, lines: records.map((_, k) => k + 2) };
}
