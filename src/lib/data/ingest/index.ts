/**
 * The pre-step before validation: a user's file (bytes as French tools write them) becomes clean UTF-8 CSV
 * that validate.ts reads — comma separated, canonical headers, French enum spellings and number formats
 * normalised. Nothing is lost: the original records are kept for the rejects file, and every record keeps
 * its physical line (a `__line` column is added when records and lines diverge: quoted line breaks, blank
 * lines).
 */
import { HEADER_ALIASES, normalizeHeader, normalizeValue, TOTAL_PERSONS_ALIASES, VALUE_ALIASES } from '../aliases.ts';
import type { Column, Contract } from '../schema.ts';
import { LINE_COLUMN, nameList, PROBLEM_COLUMN, type Derived } from '../validate.ts';
import { decodeText, type Encoding } from './encoding.ts';
import { parseCsv, type Parsed, type Separator } from './dialect.ts';
import { isArrow, parseArrow } from './arrow.ts';
import { isZip, parseXlsx } from './xlsx.ts';
import { declaredSizeProblem } from './declared.ts';
import { isParquet, parseParquet } from './parquet.ts';

export interface MappingEntry {
	/** Header as written in the file. */
	header: string;
	/** Contract column it feeds, null when ignored. */
	column: string | null;
	/** How, when not a plain copy. */
	note?: string;
}

/** What the user may choose on the Données page (or `vigie validate --sheet`). */
export interface IngestOptions {
	/** Contract column chosen for each header of the file (same order; null = ignored), replacing the automatic mapping. */
	mapping?: ReadonlyArray<string | null>;
	/** XLSX sheet to read (the first when absent). */
	sheet?: string;
}

export type SourceFormat = Encoding | 'xlsx' | 'arrow' | 'parquet';

export interface Ingested {
	/** Clean CSV for validate.ts (empty when fatal, or when streamed to a Blob: ingest/stream.ts). */
	text: string;
	/** How the file was written: a CSV encoding, `xlsx`, `arrow` (Arrow IPC) or `parquet`. */
	encoding: SourceFormat;
	/** CSV separator (null for XLSX, Arrow and Parquet). */
	separator: Separator | null;
	/** Original header and records (values as in the file); a streamed file keeps only the records asked for. */
	header: string[];
	records: string[][];
	/** Physical line of each record (header on line 1). */
	lines: number[];
	mapping: MappingEntry[];
	warnings: string[];
	/** XLSX: every sheet of the workbook, and the one read. */
	sheets?: string[];
	sheet?: string;
	/** The file cannot be loaded at all (duplicated header, no header). */
	fatal?: string;
}

export const SEPARATOR_LABEL: Record<Separator, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

/**
 * Header → contract column, by canonical name first, then French alias; or as the user chose (`chosen`, one
 * entry per header), in which case only a column chosen twice is refused.
 */
export function mapHeader(
	contract: Contract,
	header: readonly string[],
	chosen?: ReadonlyArray<string | null>
): { mapping: MappingEntry[]; fatal?: string } {
	const norm = header.map(normalizeHeader);
	const names = new Set(contract.columns.map((c) => c.name));
	let column: (string | null)[];
	if (chosen) {
		column = header.map((_, i) => (chosen[i] && names.has(chosen[i]!) ? chosen[i]! : null));
		const first = new Map<string, number>();
		for (let i = 0; i < column.length; i++) {
			const c = column[i];
			if (!c) continue;
			const j = first.get(c);
			if (j !== undefined) return { mapping: [], fatal: `la colonne ${c} est choisie pour deux en-têtes : « ${header[j]} » et « ${header[i]} »` };
			first.set(c, i);
		}
	} else {
		const aliases = HEADER_ALIASES[contract.kind];
		const byName = new Map(contract.columns.map((c) => [normalizeHeader(c.name), c.name]));
		const byAlias = new Map<string, string>();
		for (const [col, names] of Object.entries(aliases)) for (const a of names) if (!byAlias.has(a)) byAlias.set(a, col);
		const seen = new Map<string, number>();
		for (let i = 0; i < norm.length; i++) {
			if (norm[i] === '') continue;
			const j = seen.get(norm[i]);
			if (j !== undefined) return { mapping: [], fatal: `en-tête en double : « ${header[j]} » (colonnes ${j + 1} et ${i + 1})` };
			seen.set(norm[i], i);
		}
		column = norm.map((h) => byName.get(h) ?? null);
		const taken = new Map<string, number>();
		column.forEach((c, i) => c && taken.set(c, i));
		for (let i = 0; i < norm.length; i++) {
			if (column[i]) continue;
			const c = byAlias.get(norm[i]);
			if (!c) continue;
			const j = taken.get(c);
			if (j !== undefined)
				return { mapping: [], fatal: `en-tête en double : « ${header[j]} » et « ${header[i]} » désignent toutes deux la colonne ${c}` };
			column[i] = c;
			taken.set(c, i);
		}
		// A total household size stands for the persons aged 14 or more when those are absent.
		if (contract.kind === 'households' && !taken.has('persons_14_plus')) {
			const i = norm.findIndex((h, k) => !column[k] && TOTAL_PERSONS_ALIASES.includes(h));
			if (i >= 0) column[i] = 'persons_14_plus';
		}
	}
	const mapping: MappingEntry[] = header.map((h, i) => ({ header: h, column: column[i] }));
	// persons_14_plus fed by a total size (nb_personnes…): the children are subtracted.
	const total = mapping.findIndex((m, i) => m.column === 'persons_14_plus' && TOTAL_PERSONS_ALIASES.includes(norm[i]));
	if (contract.kind === 'households' && total >= 0) mapping[total].note = `${header[total]} − enfants de moins de 14 ans`;
	return { mapping };
}

/** The column a mapping computes from a total (nb_personnes → persons_14_plus − persons_under_14), if any. */
export function derivedColumn(mapping: readonly MappingEntry[]): Derived | undefined {
	return mapping.some((m) => m.note && m.column === 'persons_14_plus') ? { column: 'persons_14_plus', minus: 'persons_under_14' } : undefined;
}

/** Optional contract columns fed by no header, with the default they take (shown beside the mapping). */
export function missingDefaults(contract: Contract, mapping: readonly MappingEntry[]): Array<{ column: string; label: string; default: string }> {
	const mapped = new Set(mapping.map((m) => m.column));
	return contract.columns
		.filter((c) => !c.required && !mapped.has(c.name))
		.map((c) => ({ column: c.name, label: c.label, default: c.default === null || c.default === undefined ? 'vide' : String(c.default) }));
}

const SPACES = /[\s\u00a0\u202f€]/g;
const FRENCH_NUMBER = /^[-+]?\d+(,\d+)?$/;
const DOTTED_THOUSANDS = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;

/** A number as French tools write it (« 2 100,50 », « 1.234,5 », « 120 € ») → « 2100.50 »; else the cell as is. */
export function cleanNumber(v: string): string {
	const s = v.replace(SPACES, '');
	if (FRENCH_NUMBER.test(s)) return s.replace(',', '.');
	if (DOTTED_THOUSANDS.test(s)) return s.replaceAll('.', '').replace(',', '.');
	if (/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(s)) return s;
	return v.trim();
}

const DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/;

const EXCEL_SERIAL = /^[1-9]\d{4}(\.\d+)?$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The cleaner of one column's cells (built once per column: enum spellings looked up in a map). */
function cellCleaner(col: Column, counts: { padded: number }): (raw: string) => string {
	const lower = new Map((col.values ?? []).map((x) => [x.toLowerCase(), x]));
	const french = VALUE_ALIASES[col.name];
	const clean = (v: string): string => {
		switch (col.type) {
			case 'int':
			case 'double':
				return PLAIN_NUMBER.test(v) ? v : cleanNumber(v);
			case 'enum':
				return lower.get(v.toLowerCase()) ?? french?.get(normalizeValue(v)) ?? v;
			case 'date': {
				if (v.length === 10) return v;
				// An Excel serial day number (XLSX cells, or a date column pasted as numbers): 45296 → 2024-01-05.
				if (EXCEL_SERIAL.test(v)) return new Date(EXCEL_EPOCH + Math.floor(Number(v)) * 86_400_000).toISOString().slice(0, 10);
				const m = DATE_TIME.exec(v);
				if (m) return `${m[1].padStart(2, '0')}/${m[2].padStart(2, '0')}/${m[3]}`;
				const iso = ISO_TIME.exec(v);
				return iso ? iso[1] : v;
			}
			case 'text':
				if (col.name === 'commune') {
					// Excel drops the leading zero of 01001 when the column was typed as a number.
					if (/^\d{4}$/.test(v)) {
						counts.padded++;
						return '0' + v;
					}
					return v.toUpperCase();
				}
				return v;
			default:
				return v;
		}
	};
	return (raw) => {
		let v = raw.trim();
		if (v === '') return '';
		if (v.includes('\n') || v.includes('\r')) v = v.replace(/[\r\n]+/g, ' ');
		return clean(v);
	};
}

const csvCell = (v: string) => (v.includes(',') || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Original records → lines of clean CSV under a mapping, one record at a time (the streaming reader feeds it
 * chunk by chunk). `withLine` adds each record's physical line in `__line`. `csv`: the records come from a CSV,
 * where a record of another width than the header is a damaged line (an Excel sheet leaves trailing cells out):
 * it is written empty with its reason in `__problem`, which validate.ts rejects, as it does a line the parser
 * found broken (`broken`: « guillemet non fermé »).
 */
export interface RowEncoder {
	/** The clean CSV header line. */
	header: string;
	encode(record: readonly string[], line: number, broken?: string): string;
	/** Warnings about what the cleaning did (zeros restored, extra fields), once every record is encoded. */
	warnings(): string[];
}

const paddedWarning = (n: number) => `${n} code(s) commune à 4 chiffres complétés d’un zéro initial (ex. 1001 → 01001)`;

/** Reason of a CSV line with more or fewer fields than the header (DESIGN.md §6). */
export const widthReason = (fields: number, width: number) => `${fields} colonnes au lieu de ${width}`;

export function rowEncoder(contract: Contract, mapping: readonly MappingEntry[], withLine: boolean, csv = false): RowEncoder {
	const used = mapping.map((m, i) => [m, i] as const).filter(([m]) => m.column);
	const cols = used.map(([m]) => contract.columns.find((c) => c.name === m.column)!);
	const total = used.findIndex(([m]) => m.note);
	const under = used.findIndex(([m]) => m.column === 'persons_under_14');
	const counts = { padded: 0 };
	const cleaners = cols.map((c) => cellCleaner(c, counts));
	const width = mapping.length;
	let long = 0;
	// Trailing empty fields (« a;b;; ») are no damage: only filled ones count.
	const fields = (rec: readonly string[]) => {
		let k = rec.length;
		while (k > width && rec[k - 1].trim() === '') k--;
		return k;
	};
	return {
		header: [...cols.map((c) => c.name), ...(withLine ? [LINE_COLUMN] : []), ...(csv ? [PROBLEM_COLUMN] : [])].join(','),
		encode(rec, line, broken) {
			const n = fields(rec);
			const problem = csv ? (broken ?? (n !== width ? widthReason(n, width) : '')) : '';
			if (!csv && n > width) long++;
			const cells = problem ? used.map(() => '') : used.map(([, i], j) => cleaners[j](rec[i] ?? ''));
			if (total >= 0 && under >= 0 && /^\d+$/.test(cells[total]) && /^\d+$/.test(cells[under]))
				cells[total] = String(Number(cells[total]) - Number(cells[under]));
			if (withLine) cells.push(String(line));
			if (csv) cells.push(problem);
			return cells.map(csvCell).join(',');
		},
		warnings() {
			const out: string[] = [];
			if (counts.padded) out.push(paddedWarning(counts.padded));
			if (long) out.push(`${long} ligne(s) avec plus de champs que l’en-tête : champs en trop ignorés`);
			return out;
		}
	};
}

/** Decodes, parses and maps one CSV file held in memory; never throws. */
export function ingestCsv(contract: Contract, data: Uint8Array | string, opts: IngestOptions = {}): Ingested {
	const { text, encoding } = decodeText(data);
	const parsed = parseCsv(text);
	return ingestParsed(contract, parsed, encoding, parsed.separator, opts);
}

/** Formats read whole (not streamed), told apart by their first bytes. */
export function binaryFormat(data: Uint8Array | string): 'xlsx' | 'arrow' | 'parquet' | null {
	return isZip(data) ? 'xlsx' : isParquet(data) ? 'parquet' : isArrow(data) ? 'arrow' : null;
}

const FORMAT_LABEL = { xlsx: 'Excel', arrow: 'Arrow', parquet: 'Parquet' } as const;

/** A CSV, XLSX (first or chosen sheet), Parquet or Arrow IPC file held in memory; never throws. */
export async function ingestFile(contract: Contract, data: Uint8Array | string, opts: IngestOptions = {}): Promise<Ingested> {
	const format = binaryFormat(data);
	if (!format) return ingestCsv(contract, data, opts);
	const bytes = data as Uint8Array;
	const inflated = format === 'arrow' ? null : await declaredSizeProblem(new Blob([bytes as BlobPart]), format);
	if (inflated) return { ...ingestParsed(contract, { header: [], records: [], lines: [] }, format, null, {}), fatal: inflated };
	try {
		if (format === 'xlsx') {
			const parsed = await parseXlsx(bytes, opts.sheet);
			return { ...ingestParsed(contract, parsed, format, null, opts), sheets: parsed.sheets, sheet: parsed.sheet };
		}
		return ingestParsed(contract, await (format === 'parquet' ? parseParquet : parseArrow)(bytes), format, null, opts);
	} catch (e) {
		const empty = ingestParsed(contract, { header: [], records: [], lines: [] }, format, null, {});
		return { ...empty, fatal: `fichier ${FORMAT_LABEL[format]} illisible (${(e as Error).message})` };
	}
}

/** Header checks and mapping of a parsed file: fatal when it cannot be loaded at all. */
export function prepareHeader(contract: Contract, header: readonly string[], opts: IngestOptions): { mapping: MappingEntry[]; warnings: string[]; fatal?: string } {
	if (!header.some((h) => h !== '')) return { mapping: [], warnings: [], fatal: 'fichier vide ou sans ligne d’en-tête' };
	const chosen = opts.mapping && opts.mapping.length === header.length ? opts.mapping : undefined;
	const { mapping, fatal } = mapHeader(contract, header, chosen);
	if (fatal) return { mapping, warnings: [], fatal };
	const ignored = mapping.filter((m) => !m.column && m.header !== '').map((m) => m.header);
	return { mapping, warnings: ignored.length ? [`colonnes inconnues ignorées : ${nameList(ignored)}`] : [] };
}

function ingestParsed(
	contract: Contract,
	parsed: Omit<Parsed, 'separator'>,
	encoding: SourceFormat,
	separator: Separator | null,
	opts: IngestOptions
): Ingested {
	const { mapping, warnings, fatal } = prepareHeader(contract, parsed.header, opts);
	const out: Ingested = { text: '', encoding, separator, header: parsed.header, records: parsed.records, lines: parsed.lines, mapping, warnings };
	if (fatal) return { ...out, fatal };
	const enc = rowEncoder(contract, mapping, parsed.lines.some((l, k) => l !== k + 2), separator !== null);
	const rows: string[] = [enc.header];
	for (let k = 0; k < parsed.records.length; k++) rows.push(enc.encode(parsed.records[k], parsed.lines[k], parsed.broken?.get(k)));
	out.warnings.push(...enc.warnings());
	out.text = rows.join('\n') + '\n';
	return out;
}

/**
 * The pre-step's cleaning, one distinct value at a time, for a file DuckDB reads itself (validate.ts calls
 * `rewrite` once per distinct value of a coded column, with the number of cells holding it).
 */
export interface ValueRewriter {
	rewrite(col: Column, raw: string, cells: number): string;
	warnings(): string[];
}

export function valueRewriter(): ValueRewriter {
	const counts = { padded: 0 };
	const cleaners = new Map<string, (raw: string) => string>();
	return {
		rewrite(col, raw, cells) {
			let clean = cleaners.get(col.name);
			if (!clean) cleaners.set(col.name, (clean = cellCleaner(col, counts)));
			const before = counts.padded;
			const v = clean(raw);
			if (counts.padded > before) counts.padded += cells - 1;
			return v;
		},
		warnings: () => (counts.padded ? [paddedWarning(counts.padded)] : [])
	};
}

/** True when the pre-step would rewrite this cell (a French spelling, number or date; a commune's lost zero). */
export function rewritten(contract: Contract, column: string, value: string | null): boolean {
	const col = contract.columns.find((c) => c.name === column);
	if (!col || value === null) return false;
	return cellCleaner(col, { padded: 0 })(value) !== value.trim();
}

