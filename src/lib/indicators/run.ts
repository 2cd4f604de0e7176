/**
 * Runs catalogue indicators over the validated tables for every territory (communes, an optional group,
 * départements) and returns plain rows in the CLI's output contract (DESIGN.md §6).
 */
import { literal, type Connector } from '../db/connector.ts';
import { povertyThreshold } from '../measures/living-standard.ts';
import { departementOf } from '../territory/geography.ts';
import { INDICATORS, type Indicator } from './catalogue.ts';
import { isSecret } from './secrecy.ts';

export type TerritoryType = 'commune' | 'group' | 'departement' | 'france';

export interface IndicatorValue {
	indicator: string;
	territory: string;
	territory_type: TerritoryType;
	year: number;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	unit: string;
	suppressed: boolean;
}

export interface RunOptions {
	year?: number;
	/** Communes forming the user's group (territory_type `group`). */
	group?: { code: string; communes: string[] };
	indicators?: readonly Indicator[];
}

export async function householdYears(db: Connector): Promise<number[]> {
	const rows = await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY year');
	return rows.map((r) => r.year);
}

/** Builds the `territories` membership table: one row per (territory, commune). */
async function buildTerritories(db: Connector, year: number, group?: RunOptions['group']) {
	const communes = (
		await db.query<{ commune: string }>('SELECT DISTINCT commune FROM households WHERE year = ? ORDER BY 1', [year])
	).map((r) => r.commune);
	const rows: string[] = [];
	for (const c of communes) {
		rows.push(`(${literal(c)}, 'commune', ${literal(c)})`);
		rows.push(`(${literal(departementOf(c))}, 'departement', ${literal(c)})`);
	}
	for (const c of group?.communes ?? []) rows.push(`(${literal(group!.code)}, 'group', ${literal(c)})`);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE territories AS SELECT * FROM (VALUES ${rows.join(', ')}) t(territory, territory_type, commune)`
	);
}

function base(year: number, threshold: number, where?: string) {
	return `SELECT t.territory, t.territory_type, h.*, h.weight AS w, ${threshold} AS threshold
	        FROM households h JOIN territories t ON t.commune = h.commune
	        WHERE h.year = ${year}${where ? ` AND (${where})` : ''}`;
}

function indicatorSql(ind: Indicator, year: number, threshold: number): string {
	if (ind.kind === 'sum') {
		return `SELECT territory, territory_type,
		          sum(${ind.numerator})::DOUBLE AS numerator,
		          ${ind.denominator ? `sum(${ind.denominator})::DOUBLE` : 'NULL::DOUBLE'} AS denominator,
		          count(*)::INTEGER AS n
		        FROM (${base(year, threshold, ind.where)}) GROUP BY territory, territory_type`;
	}
	// Weighted quantile: smallest value whose cumulative weight reaches q of the total (DESIGN.md §4).
	return `WITH b AS (SELECT territory, territory_type, (${ind.value})::DOUBLE AS v, (${ind.weight})::DOUBLE AS wt
	                  FROM (${base(year, threshold, ind.where)})),
	        c AS (SELECT *, sum(wt) OVER (PARTITION BY territory, territory_type ORDER BY v ROWS UNBOUNDED PRECEDING) AS cum,
	                        sum(wt) OVER (PARTITION BY territory, territory_type) AS total,
	                        count(*) OVER (PARTITION BY territory, territory_type) AS cnt FROM b)
	        SELECT territory, territory_type, min(v) FILTER (WHERE cum >= ${ind.q} * total - 1e-9 * total) AS value,
	               NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, any_value(cnt)::INTEGER AS n
	        FROM c GROUP BY territory, territory_type`;
}

export async function runIndicators(db: Connector, opts: RunOptions = {}): Promise<IndicatorValue[]> {
	const years = await householdYears(db);
	if (!years.length) return [];
	const year = opts.year ?? years[years.length - 1];
	await buildTerritories(db, year, opts.group);
	const threshold = povertyThreshold(year).yearly;
	const out: IndicatorValue[] = [];
	for (const ind of opts.indicators ?? INDICATORS) {
		const rows = await db.query<{
			territory: string;
			territory_type: TerritoryType;
			value?: number | null;
			numerator: number | null;
			denominator: number | null;
			n: number;
		}>(indicatorSql(ind, year, threshold));
		for (const r of rows) {
			const suppressed = isSecret(r.n);
			let value: number | null;
			if (ind.kind === 'quantile') value = r.value ?? null;
			else if (ind.denominator) value = r.denominator ? ((ind.scale ?? 1) * r.numerator!) / r.denominator : null;
			else value = r.numerator;
			out.push({
				indicator: ind.id,
				territory: r.territory,
				territory_type: r.territory_type,
				year,
				value: suppressed ? null : value,
				numerator: suppressed ? null : r.numerator,
				denominator: suppressed ? null : r.denominator,
				unit: ind.unit,
				suppressed
			});
		}
	}
	const order: Record<TerritoryType, number> = { commune: 0, group: 1, departement: 2, france: 3 };
	return out.sort(
		(a, b) =>
			a.indicator.localeCompare(b.indicator) ||
			order[a.territory_type] - order[b.territory_type] ||
			a.territory.localeCompare(b.territory)
	);
}


