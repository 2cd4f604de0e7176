/**
 * The pre-step before validation: a user's file (bytes as French tools write them) becomes clean UTF-8 CSV
 * that validate.ts reads — comma separated, canonical headers, French enum spellings and number formats
 * normalised. Nothing is lost: the original records are kept for the rejects file, and every record keeps
 * its physical line (a `__line` column is added when records and lines diverge: quoted line breaks, blank
 * lines).
 */
import type { Connector } from '../../db/connector.ts';
import { HEADER_ALIASES, normalizeHeader, normalizeValue, TOTAL_PERSONS_ALIASES, VALUE_ALIASES } from '../aliases.ts';
import type { Column, Contract } from '../schema.ts';
import { loadCsv, type ValidationReport } from '../validate.ts';
import { decodeText, type Encoding } from './encoding.ts';
import { parseCsv, type Parsed, type Separator } from './dialect.ts';
import { isArrow, parseArrow } from './arrow.ts';
import { isZip, parseXlsx } from './xlsx.ts';

export interface MappingEntry {
	/** Header as written in the file. */
	header: string;
	/** Contract column it feeds, null when ignored. */
	column: string | null;
	/** How, when not a plain copy. */
	note?: string;
}

export interface Ingested {
	/** Clean CSV for validate.ts (empty when fatal). */
	text: string;
	/** How the file was written: a CSV encoding, `xlsx` (first sheet) or `arrow` (Arrow IPC). */
	encoding: Encoding | 'xlsx' | 'arrow';
	/** CSV separator (null for XLSX and Arrow). */
	separator: Separator | null;
	/** Original header and records (values as in the file). */
	header: string[];
	records: string[][];
	/** Physical line of each record (header on line 1). */
	lines: number[];
	mapping: MappingEntry[];
	warnings: string[];
	/** The file cannot be loaded at all (duplicated header, no header). */
	fatal?: string;
}

export const SEPARATOR_LABEL: Record<Separator, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

/** Header → contract column, by canonical name first, then French alias. */
export function mapHeader(contract: Contract, header: readonly string[]): { mapping: MappingEntry[]; fatal?: string } {
	const aliases = HEADER_ALIASES[contract.kind];
	const byName = new Map(contract.columns.map((c) => [normalizeHeader(c.name), c.name]));
	const byAlias = new Map<string, string>();
	for (const [col, names] of Object.entries(aliases)) for (const a of names) if (!byAlias.has(a)) byAlias.set(a, col);
	const norm = header.map(normalizeHeader);
	const seen = new Map<string, number>();
	for (let i = 0; i < norm.length; i++) {
		if (norm[i] === '') continue;
		const j = seen.get(norm[i]);
		if (j !== undefined) return { mapping: [], fatal: `en-tête en double : « ${header[j]} » (colonnes ${j + 1} et ${i + 1})` };
		seen.set(norm[i], i);
	}
	const column: (string | null)[] = norm.map((h) => byName.get(h) ?? null);
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
	const mapping: MappingEntry[] = header.map((h, i) => ({ header: h, column: column[i] }));
	// A total household size stands for the persons aged 14 or more when those are absent.
	if (contract.kind === 'households' && !taken.has('persons_14_plus')) {
		const i = norm.findIndex((h, k) => !column[k] && TOTAL_PERSONS_ALIASES.includes(h));
		if (i >= 0) mapping[i] = { header: header[i], column: 'persons_14_plus', note: `${header[i]} − enfants de moins de 14 ans` };
	}
	return { mapping };
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

/** Decodes, parses and maps one CSV file; never throws. */
export function ingestCsv(contract: Contract, data: Uint8Array | string): Ingested {
	const { text, encoding } = decodeText(data);
	const parsed = parseCsv(text);
	return ingestParsed(contract, parsed, encoding, parsed.separator);
}

/** A CSV, XLSX (first sheet) or Arrow IPC file, told apart by its first bytes; never throws. */
export async function ingestFile(contract: Contract, data: Uint8Array | string): Promise<Ingested> {
	const format = isZip(data) ? 'xlsx' : isArrow(data) ? 'arrow' : null;
	if (!format) return ingestCsv(contract, data);
	try {
		return ingestParsed(contract, await (format === 'xlsx' ? parseXlsx : parseArrow)(data as Uint8Array), format, null);
	} catch (e) {
		const empty = ingestParsed(contract, { header: [], records: [], lines: [] }, format, null);
		return { ...empty, fatal: `fichier ${format === 'xlsx' ? 'Excel' : 'Arrow'} illisible (${(e as Error).message})` };
	}
}

function ingestParsed(contract: Contract, parsed: Omit<Parsed, 'separator'>, encoding: Ingested['encoding'], separator: Separator | null): Ingested {
	const out: Ingested = {
		text: '',
		encoding,
		separator,
		header: parsed.header,
		records: parsed.records,
		lines: parsed.lines,
		mapping: [],
		warnings: []
	};
	if (!parsed.header.some((h) => h !== '')) {
		out.fatal = 'fichier vide ou sans ligne d’en-tête';
		return out;
	}
	const { mapping, fatal } = mapHeader(contract, parsed.header);
	out.mapping = mapping;
	if (fatal) {
		out.fatal = fatal;
		return out;
	}
	const ignored = mapping.filter((m) => !m.column && m.header !== '').map((m) => m.header);
	if (ignored.length) out.warnings.push(`colonnes inconnues ignorées : ${ignored.join(', ')}`);
	const used = mapping.map((m, i) => [m, i] as const).filter(([m]) => m.column);
	const cols = used.map(([m]) => contract.columns.find((c) => c.name === m.column)!);
	const total = used.findIndex(([m]) => m.note);
	const under = used.findIndex(([m]) => m.column === 'persons_under_14');
	const withLine = parsed.lines.some((l, k) => l !== k + 2);
	const counts = { padded: 0 };
	const cleaners = cols.map((c) => cellCleaner(c, counts));
	let long = 0;
	const rows: string[] = [[...cols.map((c) => c.name), ...(withLine ? ['__line'] : [])].join(',')];
	const width = parsed.header.length;
	for (let k = 0; k < parsed.records.length; k++) {
		const rec = parsed.records[k];
		if (rec.length > width && rec.slice(width).some((f) => f.trim() !== '')) long++;
		const cells = used.map(([, i], j) => cleaners[j](rec[i] ?? ''));
		if (total >= 0 && under >= 0 && /^\d+$/.test(cells[total]) && /^\d+$/.test(cells[under]))
			cells[total] = String(Number(cells[total]) - Number(cells[under]));
		if (withLine) cells.push(String(parsed.lines[k]));
		rows.push(cells.map(csvCell).join(','));
	}
	if (counts.padded) out.warnings.push(`${counts.padded} code(s) commune à 4 chiffres complétés d’un zéro initial (ex. 1001 → 01001)`);
	if (long) out.warnings.push(`${long} ligne(s) avec plus de champs que l’en-tête : champs en trop ignorés`);
	out.text = rows.join('\n') + '\n';
	return out;
}

export interface ImportedFile {
	report: ValidationReport;
	ingested: Ingested;
}

/**
 * Ingests and validates one user file into `table` (default: the contract's kind). The report carries the
 * mapping, encoding and separator; the ingested original records stay with it for the rejects file.
 */
export async function importFile(
	db: Connector,
	contract: Contract,
	file: { name: string; data: Uint8Array | string },
	table: string = contract.kind
): Promise<ImportedFile> {
	const ingested = await ingestFile(contract, file.data);
	const meta = { mapping: ingested.mapping, encoding: ingested.encoding, ...(ingested.separator ? { separator: ingested.separator } : {}) };
	if (ingested.fatal) {
		const read = ingested.records.length;
		const report: ValidationReport = {
			kind: contract.kind,
			file: file.name,
			read,
			loaded: 0,
			rejected: read,
			errors: [],
			warnings: ingested.warnings,
			fatal: `${file.name} : ${ingested.fatal} (fichier refusé en entier)`,
			...meta
		};
		return { report, ingested };
	}
	const registered = `${table}__import.csv`;
	await db.registerFile(registered, ingested.text);
	try {
		const report = await loadCsv(db, contract, { file: registered, table, displayName: file.name, delimiter: ',' });
		report.warnings = [...ingested.warnings, ...report.warnings];
		// A missing required column: say which headers would have been recognised for it.
		const mapped = new Set(ingested.mapping.map((m) => m.column));
		for (const c of contract.columns)
			if (c.required && !mapped.has(c.name))
				report.warnings.push(`${c.name} (${c.label}) : en-têtes reconnus : ${[c.name, ...(HEADER_ALIASES[contract.kind][c.name] ?? [])].join(', ')}`);
		// Errors show the value as written in the file (« 2 100,50 », « Bénévole »), not the cleaned one.
		if (report.errors.length) {
			const index = new Map(ingested.lines.map((l, k) => [l, k]));
			const source = new Map(ingested.mapping.map((m, i) => [m.column, i] as const).filter(([c]) => c !== null));
			for (const e of report.errors) {
				const k = index.get(e.line);
				const i = source.get(e.column);
				if (k !== undefined && i !== undefined) e.value = ingested.records[k][i] ?? null;
			}
		}
		return { report: { ...report, ...meta }, ingested };
	} finally {
		await db.dropFile(registered);
	}
}
