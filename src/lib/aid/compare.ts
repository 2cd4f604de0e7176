/**
 * Across CCAS: the catalogue's aid indicators (theme activite_ccas, computed by runIndicators, the same
 * numbers as `vigie indicators`) side by side for the chosen communes, their group and the département.
 * Per 1 000 households and per inhabitant, so that CCAS of different sizes compare fairly.
 */
import { INDICATORS } from '../indicators/catalogue.ts';
import type { IndicatorValue, TerritoryType } from '../indicators/run.ts';

export const COMPARE_IDS = [
	'aid_requests_count',
	'aid_requests_per_1000',
	'aid_grant_rate',
	'aid_median_amount',
	'aid_amount_per_inhabitant',
	'aid_working_households_share',
	'aid_renewal_share',
	'aid_outcome_stabilised_share'
] as const;

/** The catalogue declarations of the comparison (run only these: cheaper than the whole catalogue). */
export const COMPARE_INDICATORS = INDICATORS.filter((i) => (COMPARE_IDS as readonly string[]).includes(i.id));

export interface CompareFigure {
	value: number | null;
	unit: string;
	suppressed: boolean;
	/** Synthetic data only: real data would hide this figure (run.ts). */
	would_be_secret?: boolean;
}

export interface CompareRow {
	territory: string;
	type: TerritoryType;
	figures: Record<string, CompareFigure>;
}

/** Rows for the communes chosen (all when empty), then the group if any, then the département(s). */
export function compareRows(values: readonly IndicatorValue[], communes: readonly string[], groupCode?: string): CompareRow[] {
	const keep = (v: IndicatorValue) =>
		v.territory_type === 'commune'
			? !communes.length || communes.includes(v.territory)
			: v.territory_type === 'group'
				? v.territory === groupCode
				: v.territory_type === 'departement';
	const rows = new Map<string, CompareRow>();
	for (const v of values) {
		if (!(COMPARE_IDS as readonly string[]).includes(v.indicator) || !keep(v)) continue;
		const k = `${v.territory_type}:${v.territory}`;
		const row = rows.get(k) ?? { territory: v.territory, type: v.territory_type, figures: {} };
		row.figures[v.indicator] = { value: v.value, unit: v.unit, suppressed: v.suppressed };
		if (v.would_be_secret !== undefined) row.figures[v.indicator].would_be_secret = v.would_be_secret;
		rows.set(k, row);
	}
	const order: Record<string, number> = { commune: 0, group: 1, departement: 2, france: 3 };
	return [...rows.values()].sort((a, b) => order[a.type] - order[b.type] || a.territory.localeCompare(b.territory));
}
