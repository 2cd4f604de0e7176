/**
 * Exports of tables and results, for every page: CSV (French Excel by default: `;`, decimal comma, UTF-8 BOM,
 * CRLF), Parquet (hyparquet-writer, pure JS, offline) and XLSX (write-excel-file). In CSV, a cell starting with = + - @
 * (or tab / carriage return) is prefixed with ' so a spreadsheet runs no formula — a plain negative number
 * such as -12,5 is left as is, since it cannot be one. A secret cell is given as the text « secret » and stays
 * so in every format (a column holding one is written as text in Parquet).
 */
export type Cell = string | number | boolean | null;

export interface ExportTable {
	columns: readonly string[];
	rows: ReadonlyArray<ReadonlyArray<Cell>>;
}

export interface CsvOptions {
	/** `;` and decimal comma for French Excel (default), else `,` and decimal point. */
	french?: boolean;
	/** UTF-8 byte order mark, so Excel reads accents right (default true). */
	bom?: boolean;
}

const NEGATIVE_NUMBER = /^-\d+([.,]\d+)?$/;

/** A text cell made formula-safe (the leading ' shows in no spreadsheet). */
export const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) && !NEGATIVE_NUMBER.test(s) ? `'${s}` : s);

/** One CSV cell, formula-safe, quoted when it holds the separator, a quote or a line break. */
export function csvCell(v: Cell | undefined, separator = ';', french = true): string {
	let s: string;
	if (v === null || v === undefined) s = '';
	else if (typeof v === 'number') s = Number.isFinite(v) ? (french ? String(v).replace('.', ',') : String(v)) : '';
	else if (typeof v === 'boolean') s = v ? 'true' : 'false';
	else s = neutralise(v);
	return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function tableCsv(t: ExportTable, opts: CsvOptions = {}): string {
	const french = opts.french ?? true;
	const sep = french ? ';' : ',';
	const line = (r: ReadonlyArray<Cell>) => r.map((v) => csvCell(v, sep, french)).join(sep);
	return (opts.bom ?? true ? '\ufeff' : '') + [t.columns.map((c) => csvCell(c, sep, french)).join(sep), ...t.rows.map(line)].join('\r\n') + '\r\n';
}

/** Parquet: a column of numbers only is DOUBLE, of booleans BOOLEAN, anything else (secret cells included) text. */
export async function tableParquet(t: ExportTable): Promise<Uint8Array> {
	const { parquetWriteBuffer } = await import('hyparquet-writer');
	const columnData = t.columns.map((name, j) => {
		const values = t.rows.map((r) => r[j] ?? null);
		const present = values.filter((v) => v !== null);
		if (present.length && present.every((v) => typeof v === 'number')) return { name, data: values, type: 'DOUBLE' as const };
		if (present.length && present.every((v) => typeof v === 'boolean')) return { name, data: values, type: 'BOOLEAN' as const };
		return { name, data: values.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
	});
	return new Uint8Array(parquetWriteBuffer({ columnData }));
}

/** XLSX, one sheet; text cells are written as text (a formula lives apart in XLSX, so « =x » runs nothing). */
export async function tableXlsx(t: ExportTable, sheet = 'Feuille1'): Promise<Blob> {
	const { default: writeXlsxFile } = await import('write-excel-file/universal');
	const cell = (v: Cell) => (v === null ? null : { value: v });
	const data = [t.columns.map((c) => ({ value: c, fontWeight: 'bold' as const })), ...t.rows.map((r) => r.map(cell))];
	return writeXlsxFile(data, { sheet }).toBlob();
}
