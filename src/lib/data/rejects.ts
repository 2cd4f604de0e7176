/**
 * What the Données page and the CLI show of a report: counts per reason, the rejected rows as a CSV the user
 * fixes in Excel and re-imports, and the template file. CSV written for French Excel: `;` separator, UTF-8
 * BOM, CRLF, formula-safe cells (export.ts).
 */
import { HEADER_ALIASES } from './aliases.ts';
import { csvCell, tableXlsx, type ExportTable } from './export.ts';
import type { Ingested } from './ingest/index.ts';
import type { Contract } from './schema.ts';
import type { RowError, ValidationReport } from './validate.ts';

export interface ReasonCount {
	column: string;
	reason: string;
	/** Rows with this error. */
	rows: number;
}

/** Errors grouped by column and reason (a row with two errors counts in both), most frequent first. */
export function reasonCounts(report: ValidationReport): ReasonCount[] {
	if (report.fatal) return [{ column: '', reason: report.fatal, rows: report.rejected }];
	const m = new Map<string, ReasonCount>();
	for (const e of report.errors) {
		// « identifiant en double (première occurrence ligne 12) » counts as one reason.
		const reason = e.reason.replace(/ \(première occurrence ligne \d+\)/, '');
		const k = `${e.column}\u0000${reason}`;
		const c = m.get(k) ?? m.set(k, { column: e.column, reason, rows: 0 }).get(k)!;
		c.rows++;
	}
	return [...m.values()].sort((a, b) => b.rows - a.rows || a.column.localeCompare(b.column));
}

/** One CSV cell for French Excel, formula-safe. */
export const excelCell = (v: string | null | undefined) => csvCell(v ?? '', ';');

export const excelCsv = (rows: ReadonlyArray<ReadonlyArray<string | null>>) => '\ufeff' + rows.map((r) => r.map(excelCell).join(';')).join('\r\n') + '\r\n';

/**
 * The rejected rows with their original values as in the file, preceded by their line and every reason
 * (« colonne : motif »). A file refused whole lists every row with the fatal reason.
 */
export function rejectsCsv(report: ValidationReport, ingested: Ingested): string {
	const byLine = new Map<number, RowError[]>();
	for (const e of report.errors) (byLine.get(e.line) ?? byLine.set(e.line, []).get(e.line)!).push(e);
	const rows: string[][] = [['ligne', 'motif', ...ingested.header]];
	for (let k = 0; k < ingested.records.length; k++) {
		const line = ingested.lines[k];
		const errs = byLine.get(line);
		if (!errs && !report.fatal) continue;
		const motif = errs ? errs.map((e) => `${e.column} : ${e.reason}`).join(' ; ') : report.fatal!;
		rows.push([String(line), motif, ...ingested.header.map((_, i) => ingested.records[k][i] ?? '')]);
	}
	return excelCsv(rows);
}

/** Template with French headers (the first alias of each column) and one example row. */
export function templateCsv(contract: Contract): string {
	const t = templateTable(contract);
	return excelCsv([t.columns, ...(t.rows as string[][])]);
}

/** The same template as an Excel workbook (sheet « modèle »). */
export const templateXlsx = (contract: Contract): Promise<Blob> => tableXlsx(templateTable(contract), 'modèle');

function templateTable(contract: Contract): ExportTable {
	const aliases = HEADER_ALIASES[contract.kind];
	const header = contract.columns.map((c) => aliases[c.name]?.[0] ?? c.name);
	const example: Record<string, string> =
		contract.kind === 'households'
			? {
					household_id: 'M0001',
					year: '2023',
					commune: '93061',
					weight: '1',
					persons_14_plus: '1',
					persons_under_14: '2',
					family_type: 'famille monoparentale',
					age_ref: '34',
					activity_ref: 'salarié',
					contract_ref: 'CDD',
					part_time_ref: 'oui',
					workers: '1',
					tenure: 'locataire HLM',
					income_work: '1 150,00',
					benefit_activity: '210,50',
					benefit_family: '140',
					benefit_housing: '320',
					charge_rent: '610',
					charge_energy: '95'
				}
			: {
					request_id: 'D0001',
					household_id: 'M0001',
					commune: '93061',
					scheme: 'other',
					date_request: '05/02/2024',
					date_decision: '12/02/2024',
					aid_type: 'alimentaire',
					form: 'bon',
					amount_requested: '150',
					amount_granted: '120',
					decision: 'accordé',
					renewal_rank: '0',
					referrer: 'CCAS',
					outcome_6m: 'inconnue'
				};
	return { columns: header, rows: [contract.columns.map((c) => example[c.name] ?? '')] };
}
