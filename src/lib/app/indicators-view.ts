/**
 * Shapes indicator results for the Indicateurs page: the communes × indicators table (with the group,
 * the département and INSEE's published figures), one indicator's ranking and series, the French CSV
 * export. Plain functions over plain values: no SQL, nothing from Svelte. On synthetic data a value that real
 * data would hide carries `would_be_secret: true` (run.ts) everywhere it goes here: cells, bars, series
 * points; the CSV writes it followed by « ◌ » and ends with the legend.
 */
import { toneOf } from '../indicators/direction.ts';
import { indicatorById, INDICATORS, THEMES, type Indicator, type Theme } from '../indicators/catalogue.ts';
import type { IndicatorValue, TerritoryType } from '../indicators/run.ts';
import { povertyThreshold } from '../measures/living-standard.ts';
import { communeName, type DepartementGeography } from '../territory/geography.ts';
import { SECRET_LABEL, WOULD_BE_SECRET_MARK, WOULD_BE_SECRET_NOTE } from '../ui/format.ts';

export interface Cell {
	value: number | null;
	suppressed: boolean;
	/** Compared with the département: well above, well below, or neither. */
	flag: 'above' | 'below' | '';
	/** What that gap means (direction.ts): a greater need, a lesser one, or neither; pages colour by it. */
	tone?: 'worse' | 'better' | '';
	/** Synthetic data only: shown although real data would hide it (set only when true). */
	would_be_secret?: true;
	/** Why the figure is hidden (or would be, on synthetic data), in French (run.ts secret_reason). */
	reason?: string;
}

/** The value's marking, copied only when set, so that real data's cells keep their shape. */
const marked = (v: { would_be_secret?: boolean }): { would_be_secret?: true } => (v.would_be_secret ? { would_be_secret: true } : {});

/** The legend of every page that marks values (the same words in the CSV exports: no « ; », a CSV separator). */
export const WOULD_BE_SECRET_LEGEND = `${WOULD_BE_SECRET_MARK} : ${WOULD_BE_SECRET_NOTE} (ou demandes), ou chiffre qu’un total révélerait. Ces données sont synthétiques : le chiffre est montré`;

/** Whether any of these values is marked: a page then shows the legend. */
export function anyWouldBeSecret(values: Iterable<{ would_be_secret?: boolean }>): boolean {
	for (const v of values) if (v.would_be_secret) return true;
	return false;
}

export interface TableRow {
	code: string;
	name: string;
	type: TerritoryType;
	inGroup: boolean;
	cells: Record<string, Cell>;
	/** INSEE's published figure for the same indicator, when a reference file is loaded. */
	insee: Record<string, Cell>;
}

export interface IndicatorTable {
	indicators: Indicator[];
	communes: TableRow[];
	group: TableRow | null;
	departement: TableRow | null;
	/** France métropolitaine: published INSEE figures only (nothing is computed for it). */
	france: TableRow | null;
}

export interface GroupInfo {
	code: string;
	name: string;
	communes: string[];
}



/**
 * "Well above / below the département" (hypothèse Vigie, no published rule): 5 points for a rate, as on
 * the Territoire page; 20 % of the département's value for amounts and ratios. Counts are sizes, not
 * comparisons: never flagged.
 */
export const COMPARE_POINTS = 5;
export const COMPARE_RELATIVE = 0.2;
const COUNTS = new Set(['ménages', 'personnes', 'demandes', '']);

export function compareFlag(value: number | null, reference: number | null, unit: string): Cell['flag'] {
	if (value === null || reference === null || COUNTS.has(unit)) return '';
	const gap = unit === '%' ? COMPARE_POINTS : Math.abs(reference) * COMPARE_RELATIVE;
	if (value >= reference + gap) return 'above';
	if (value <= reference - gap) return 'below';
	return '';
}

export function indicatorsOfTheme(theme: Theme | ''): Indicator[] {
	return INDICATORS.filter((i) => !theme || i.theme === theme);
}

const key = (type: string, code: string) => `${type}:${code}`;

function territoryName(type: TerritoryType, code: string, geo: DepartementGeography, group: GroupInfo | null): string {
	if (type === 'commune') return communeName(geo, code);
	if (type === 'group') return group?.name ?? code;
	if (type === 'departement') return code === geo.code ? geo.nom : code;
	return 'France métropolitaine';
}

export function indicatorTable(
	values: readonly IndicatorValue[],
	geo: DepartementGeography,
	group: GroupInfo | null,
	opts: { theme?: Theme | ''; references?: readonly IndicatorValue[] } = {}
): IndicatorTable {
	const indicators = indicatorsOfTheme(opts.theme ?? '');
	const ids = new Set(indicators.map((i) => i.id));
	const dep = new Map<string, number | null>();
	for (const v of values) if (v.territory_type === 'departement' && v.territory === geo.code) dep.set(v.indicator, v.value);
	const rows = new Map<string, TableRow>();
	const rowOf = (type: TerritoryType, code: string) => {
		let r = rows.get(key(type, code));
		if (!r) {
			r = {
				code,
				name: territoryName(type, code, geo, group),
				type,
				inGroup: type === 'commune' && !!group?.communes.includes(code),
				cells: {},
				insee: {}
			};
			rows.set(key(type, code), r);
		}
		return r;
	};
	for (const v of values) {
		if (!ids.has(v.indicator)) continue;
		const flag = v.territory_type === 'commune' ? compareFlag(v.value, dep.get(v.indicator) ?? null, v.unit) : '';
		const tone = toneOf(v.indicator, flag);
		rowOf(v.territory_type, v.territory).cells[v.indicator] = {
			value: v.value,
			suppressed: v.suppressed,
			flag,
			...(tone ? { tone } : {}),
			...marked(v),
			...(v.secret_reason ? { reason: v.secret_reason } : {})
		};
	}
	for (const v of opts.references ?? []) {
		const r = v.territory_type === 'france' ? rowOf('france', v.territory) : rows.get(key(v.territory_type, v.territory));
		if (r && ids.has(v.indicator)) r.insee[v.indicator] = { value: v.value, suppressed: v.suppressed, flag: '' };
	}
	const all = [...rows.values()];
	return {
		indicators,
		communes: all.filter((r) => r.type === 'commune').sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		group: all.find((r) => r.type === 'group') ?? null,
		departement: all.find((r) => r.type === 'departement' && r.code === geo.code) ?? null,
		france: all.find((r) => r.type === 'france' && Object.keys(r.insee).length > 0) ?? null
	};
}

/** Sort key of a row for a column: the name, or the value (secret and missing last, in either direction). */
export function sortRows(rows: readonly TableRow[], by: string, dir: 'ascending' | 'descending'): TableRow[] {
	const sign = dir === 'ascending' ? 1 : -1;
	const val = (r: TableRow) => (by === 'name' ? r.name : r.cells[by]?.suppressed ? null : (r.cells[by]?.value ?? null));
	return [...rows].sort((a, b) => {
		const x = val(a);
		const y = val(b);
		if (x === y) return 0;
		if (x === null) return 1;
		if (y === null) return -1;
		return (typeof x === 'string' ? x.localeCompare(String(y), 'fr') : x - (y as number)) * sign;
	});
}

export interface RankedBar {
	code: string;
	name: string;
	value: number;
	highlight: boolean;
	would_be_secret?: true;
}

/** Communes with a shown value, for the ranked bar chart; the département as the reference rule. */
export function ranking(values: readonly IndicatorValue[], id: string, geo: DepartementGeography, group: GroupInfo | null) {
	const bars: RankedBar[] = values
		.filter((v) => v.indicator === id && v.territory_type === 'commune' && !v.suppressed && v.value !== null)
		.map((v) => ({ code: v.territory, name: communeName(geo, v.territory), value: v.value!, highlight: !!group?.communes.includes(v.territory), ...marked(v) }));
	const dep = values.find((v) => v.indicator === id && v.territory_type === 'departement' && v.territory === geo.code);
	const hidden = values.filter((v) => v.indicator === id && v.territory_type === 'commune' && v.suppressed).length;
	return { bars, reference: dep && !dep.suppressed ? dep.value : null, hidden };
}

export interface SeriesPoint {
	year: number;
	territory: string;
	name: string;
	type: TerritoryType;
	value: number | null;
	suppressed: boolean;
	/** Change from the previous year shown for the same territory (points for rates, units otherwise). */
	change: number | null;
	would_be_secret?: true;
}

/** One indicator across years, for the communes asked for plus the group and the département. */
export function series(
	byYear: ReadonlyMap<number, readonly IndicatorValue[]>,
	id: string,
	geo: DepartementGeography,
	group: GroupInfo | null,
	communes: readonly string[]
): SeriesPoint[] {
	const out: SeriesPoint[] = [];
	const last = new Map<string, number | null>();
	for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
		// A year without any shown value for this indicator (e.g. no households that year) is left out.
		if (!byYear.get(year)!.some((v) => v.indicator === id && !v.suppressed && v.value !== null)) continue;
		for (const v of byYear.get(year)!) {
			if (v.indicator !== id) continue;
			const wanted =
				(v.territory_type === 'commune' && communes.includes(v.territory)) ||
				v.territory_type === 'group' ||
				(v.territory_type === 'departement' && v.territory === geo.code);
			if (!wanted) continue;
			const k = key(v.territory_type, v.territory);
			const prev = last.get(k) ?? null;
			out.push({
				year,
				territory: v.territory,
				name: territoryName(v.territory_type, v.territory, geo, group),
				type: v.territory_type,
				value: v.value,
				suppressed: v.suppressed,
				change: prev !== null && v.value !== null ? v.value - prev : null,
				...marked(v)
			});
			last.set(k, v.value);
		}
	}
	return out;
}

export interface SeriesRow {
	territory: string;
	name: string;
	type: TerritoryType;
	/** By year: the value shown and the change from the previous year. */
	years: Record<number, SeriesPoint>;
}

/** The series as a table: one row per territory (group, département, then communes by name), one column per year. */
export function seriesRows(points: readonly SeriesPoint[]): { years: number[]; rows: SeriesRow[] } {
	const years = [...new Set(points.map((p) => p.year))].sort((a, b) => a - b);
	const rows = new Map<string, SeriesRow>();
	for (const p of points) {
		const k = key(p.type, p.territory);
		let r = rows.get(k);
		if (!r) rows.set(k, (r = { territory: p.territory, name: p.name, type: p.type, years: {} }));
		r.years[p.year] = p;
	}
	const order: Record<TerritoryType, number> = { group: 0, departement: 1, france: 2, commune: 3 };
	return { years, rows: [...rows.values()].sort((a, b) => order[a.type] - order[b.type] || a.name.localeCompare(b.name, 'fr')) };
}

/**
 * Where a series breaks (domain.md §3.3): the poverty threshold changes source between two years shown
 * (Filosofi 2021, ERFS for 2019 and 2022–2023 because Filosofi 2022 does not exist, hypothèses otherwise).
 */
export function seriesBreaks(years: readonly number[], ind: Indicator): Array<{ year: number; note: string }> {
	if (ind.theme === 'aides' || ind.theme === 'menages') return [];
	const family = (y: number) => {
		const s = povertyThreshold(y).source;
		return s.startsWith('hypothèse') ? 'hypothèse' : s.split(' ')[0];
	};
	const out: Array<{ year: number; note: string }> = [];
	const sorted = [...years].sort((a, b) => a - b);
	for (let i = 1; i < sorted.length; i++) {
		const [a, b] = [family(sorted[i - 1]), family(sorted[i])];
		if (a !== b)
			out.push({
				year: sorted[i],
				note: `Rupture de série en ${sorted[i]} : seuil de pauvreté ${a} en ${sorted[i - 1]}, ${b} en ${sorted[i]} (Filosofi 2022 n’existe pas ; Filosofi 2023 est une nouvelle série, domain.md §3.3).`
			});
	}
	return out;
}

// ---- CSV for French Excel ----

/** Cells that a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP CSV injection). */
function neutralise(text: string): string {
	if (/^-?\d[\d\s]*(,\d+)?$/.test(text)) return text; // a number, negative ones included, is data
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(v: string | number | null): string {
	if (v === null) return '';
	const text = typeof v === 'number' ? String(v).replace('.', ',') : neutralise(v);
	return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `;` separator, decimal comma, UTF-8 byte-order mark, CRLF: what French Excel opens without a wizard. */
export function frenchCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
	return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** A figure for a CSV: the number, or on synthetic data a value real data would hide as text with « ◌ ». */
export function csvFigure(value: number | null, wouldBeSecret?: boolean): string | number | null {
	return wouldBeSecret && value !== null ? `${String(value).replace('.', ',')} ${WOULD_BE_SECRET_MARK}` : value;
}

/** Lines of a CSV followed by the legend when one of them holds a mark. */
export function withLegend(rows: Array<Array<string | number | null>>, anyMarked: boolean): Array<Array<string | number | null>> {
	return anyMarked ? [...rows, [WOULD_BE_SECRET_LEGEND]] : rows;
}

/** The table as shown: one line per territory, one column per indicator (plus INSEE when loaded); secret stays "secret". */
export function tableCsv(table: IndicatorTable): string {
	const withInsee = table.indicators.filter((i) => [...table.communes, table.departement, table.france].some((r) => r && i.id in r.insee));
	const header = ['code', 'territoire', 'type'];
	for (const i of table.indicators) {
		header.push(`${i.label} (${i.unit || 'nombre'})`);
		if (withInsee.includes(i)) header.push(`${i.label} — INSEE`);
	}
	let anyMarked = false;
	const cell = (c: Cell | undefined) => {
		if (c?.would_be_secret) anyMarked = true;
		return !c ? null : c.suppressed ? SECRET_LABEL : csvFigure(c.value, c.would_be_secret);
	};
	const lines = [...table.communes, table.group, table.departement, table.france]
		.filter((r): r is TableRow => r !== null)
		.map((r) => {
			const line: Array<string | number | null> = [r.code, r.name, r.type];
			for (const i of table.indicators) {
				line.push(cell(r.cells[i.id]));
				if (withInsee.includes(i)) line.push(cell(r.insee[i.id]));
			}
			return line;
		});
	return frenchCsv(header, withLegend(lines, anyMarked));
}

export const themeLabel = (t: Theme) => THEMES[t];
export { indicatorById, THEMES };
