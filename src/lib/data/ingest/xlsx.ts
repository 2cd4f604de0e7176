/**
 * XLSX (Office Open XML) through read-excel-file (maintained, works in browsers, Workers and Node from a Blob or
 * an ArrayBuffer). The first sheet by default, or the one the user chose. Cells come typed: dates become ISO
 * days, numbers plain decimals (the date columns' cleaner also turns Excel serial days into dates). A record's
 * line is its row in the sheet (header on row 1), which is what the user sees in Excel.
 */
import type { Parsed } from './dialect.ts';

/** Zip local file header magic « PK\x03\x04 ». */
export const isZip = (data: Uint8Array | string): data is Uint8Array =>
	typeof data !== 'string' && data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 3 && data[3] === 4;

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	return String(v);
}

export interface ParsedSheet extends Omit<Parsed, 'separator'> {
	/** Every sheet of the workbook, in order. */
	sheets: string[];
	/** The sheet read. */
	sheet: string;
}

/** One sheet (by name; the first when absent) of a workbook. */
export async function parseXlsx(data: Uint8Array, sheet?: string): Promise<ParsedSheet> {
	const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
	// Loaded only when a workbook comes in (it is not needed by the pages' first load).
	const { default: readXlsxFile } = await import('read-excel-file/universal');
	const all = await readXlsxFile(buffer);
	const sheets = all.map((s) => s.sheet);
	const chosen = sheet === undefined ? all[0] : all.find((s) => s.sheet === sheet);
	if (!chosen) throw new Error(`feuille « ${sheet} » absente (feuilles : ${sheets.join(', ')})`);
	const rows: Array<{ line: number; cells: string[] }> = [];
	chosen.data.forEach((r, k) => {
		const cells = r.map(cellText);
		if (cells.some((c) => c.trim() !== '')) rows.push({ line: k + 1, cells });
	});
	const [head, ...body] = rows;
	return {
		header: (head?.cells ?? []).map((h) => h.trim()),
		records: body.map((r) => r.cells),
		lines: body.map((r) => r.line),
		sheets,
		sheet: chosen.sheet
	};
}
