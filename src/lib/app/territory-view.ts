/**
 * Shapes indicator results into the Territoire page's table: one row per commune, plus the group and
 * the département, each with the four headline figures and how the commune compares with the département.
 */
import type { IndicatorValue, TerritoryType } from '../indicators/run.ts';
import { communeName, type DepartementGeography } from '../territory/geography.ts';

export const HEADLINE = ['households', 'persons', 'median_living_standard', 'poverty_rate_60'] as const;
export type Headline = (typeof HEADLINE)[number];

export interface Figure {
	value: number | null;
	suppressed: boolean;
	/** Synthetic data only: shown although real data would hide it (set only when true, run.ts). */
	would_be_secret?: true;
}

export interface TerritoryRow {
	code: string;
	name: string;
	type: TerritoryType;
	inGroup: boolean;
	figures: Record<Headline, Figure>;
}

const EMPTY: Figure = { value: null, suppressed: false };

export function territoryRows(
	values: readonly IndicatorValue[],
	geo: DepartementGeography,
	group: { code: string; name: string; communes: string[] } | null
): { communes: TerritoryRow[]; group: TerritoryRow | null; departement: TerritoryRow | null } {
	const byKey = new Map<string, TerritoryRow>();
	for (const v of values) {
		if (!(HEADLINE as readonly string[]).includes(v.indicator)) continue;
		const key = `${v.territory_type}:${v.territory}`;
		let row = byKey.get(key);
		if (!row) {
			const name =
				v.territory_type === 'commune'
					? communeName(geo, v.territory)
					: v.territory_type === 'group'
						? (group?.name ?? v.territory)
						: v.territory === geo.code
							? geo.nom
							: v.territory;
			row = {
				code: v.territory,
				name,
				type: v.territory_type,
				inGroup: v.territory_type === 'commune' && !!group?.communes.includes(v.territory),
				figures: { households: EMPTY, persons: EMPTY, median_living_standard: EMPTY, poverty_rate_60: EMPTY }
			};
			byKey.set(key, row);
		}
		row.figures[v.indicator as Headline] = { value: v.value, suppressed: v.suppressed, ...(v.would_be_secret ? { would_be_secret: true as const } : {}) };
	}
	const rows = [...byKey.values()];
	return {
		communes: rows.filter((r) => r.type === 'commune'),
		group: rows.find((r) => r.type === 'group') ?? null,
		departement: rows.find((r) => r.type === 'departement' && r.code === geo.code) ?? null
	};
}
