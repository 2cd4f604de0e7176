/**
 * Published INSEE Filosofi figures as indicator values, beside the ones computed from local data.
 * Only columns measuring the same concept as a catalogue indicator are mapped (domain.md §3.3); a
 * secret cell stays secret (`suppressed`), an unavailable one stays null: no value is invented.
 */
import { indicatorById } from '../indicators/catalogue.ts';
import type { IndicatorValue, TerritoryType } from '../indicators/run.ts';
import type { FilosofiCell, FilosofiTable } from './filosofi.ts';

/** Catalogue id → base-cc column stem (the file appends the two-digit year: MED21). */
export const BASE_CC_COLUMNS: Readonly<Record<string, string>> = {
	households: 'NBMENFISC',
	persons: 'NBPERSMENFISC',
	median_living_standard: 'MED',
	d1: 'D1',
	d9: 'D9',
	d9_d1_ratio: 'RD',
	poverty_rate_60: 'TP60',
	poverty_rate_ref_under_30: 'TP60AGE1',
	poverty_rate_ref_75_plus: 'TP60AGE6',
	poverty_rate_owners: 'TP60TOL1',
	poverty_rate_tenants: 'TP60TOL2',
	social_benefits_share: 'PPSOC',
	minima_income_share: 'PPMINI',
	housing_benefit_share: 'PPLOGT',
	family_benefit_share: 'PPFAM'
};
/** Counts add up when former communes are merged into their current one; rates and quantiles do not. */
const ADDITIVE = new Set(['households', 'persons']);

function territoryType(code: string): TerritoryType {
	if (/^(FR|FRANCE|FM|METRO)/i.test(code)) return 'france';
	return code.length <= 3 ? 'departement' : 'commune';
}

const yy = (table: FilosofiTable) => String((table.year ?? 2021) % 100).padStart(2, '0');

function fromCells(cells: FilosofiCell[], additive: boolean): { value: number | null; suppressed: boolean } {
	if (cells.length === 1) return { value: cells[0].value, suppressed: cells[0].status === 'secret' };
	// Several published territories now form one commune: only a sum of counts all published is exact.
	if (cells.some((c) => c.status === 'secret')) return { value: null, suppressed: true };
	if (!additive || cells.some((c) => c.value === null)) return { value: null, suppressed: false };
	return { value: cells.reduce((s, c) => s + c.value!, 0), suppressed: false };
}

export interface ReferenceOptions {
	/** Keep only these territories (current codes). */
	codes?: readonly string[];
	/** Former commune codes → current code (e.g. 93059 → 93066): merged as described in fromCells. */
	formerCodes?: Readonly<Record<string, string>>;
}

/** A base-cc table as IndicatorValues (commune, or département / France rows when the file has them). */
/** Another INSEE file (IRIS DEC, DISP…) would silently give nothing: say which file is expected. */
export function assertBaseCc(table: FilosofiTable): FilosofiTable {
	const suffix = yy(table);
	if (!Object.values(BASE_CC_COLUMNS).some((stem) => table.columns.includes(stem + suffix)))
		throw new Error(
			`aucune colonne du fichier communal Filosofi (MED${suffix}, TP60${suffix}…) : choisissez le fichier base-cc des communes (cc_filosofi_AAAA_COM.csv)`
		);
	return table;
}

export function referenceValues(table: FilosofiTable, opts: ReferenceOptions = {}): IndicatorValue[] {
	assertBaseCc(table);
	const suffix = yy(table);
	const year = table.year ?? 2021;
	const byCurrent = new Map<string, string[]>();
	for (const code of table.rows.keys()) {
		const current = opts.formerCodes?.[code] ?? code;
		if (opts.codes && !opts.codes.includes(current)) continue;
		byCurrent.set(current, [...(byCurrent.get(current) ?? []), code]);
	}
	const out: IndicatorValue[] = [];
	for (const [territory, sources] of byCurrent) {
		for (const [indicator, stem] of Object.entries(BASE_CC_COLUMNS)) {
			const column = stem + suffix;
			if (!table.columns.includes(column)) continue;
			const cells = sources.map((s) => table.rows.get(s)![column]);
			const { value, suppressed } = fromCells(cells, ADDITIVE.has(indicator));
			out.push({
				indicator,
				territory,
				territory_type: territoryType(territory),
				year,
				value,
				numerator: null,
				denominator: null,
				unit: indicatorById(indicator)?.unit ?? '',
				suppressed
			});
		}
	}
	return out;
}

/**
 * IRIS figures of the DEC file (declared income per UC, before taxes and benefits): a different concept
 * from the niveau de vie, so they are not mapped onto catalogue ids and are labelled as such.
 */
export interface IrisFigures {
	iris: string;
	commune: string;
	median_declared: FilosofiCell;
	d1_declared: FilosofiCell;
	d9_declared: FilosofiCell;
	poverty_rate_declared: FilosofiCell;
}

export function irisFigures(table: FilosofiTable, commune?: string): IrisFigures[] {
	const s = yy(table);
	const na: FilosofiCell = { value: null, status: 'not_available' };
	const out: IrisFigures[] = [];
	for (const [iris, row] of table.rows) {
		if (commune && !iris.startsWith(commune)) continue;
		out.push({
			iris,
			commune: iris.slice(0, 5),
			median_declared: row[`DEC_MED${s}`] ?? na,
			d1_declared: row[`DEC_D1${s}`] ?? na,
			d9_declared: row[`DEC_D9${s}`] ?? na,
			poverty_rate_declared: row[`DEC_TP60${s}`] ?? na
		});
	}
	return out;
}
