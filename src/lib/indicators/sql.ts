/**
 * Compiles catalogue declarations into few SQL statements over the run's base tables (base.ts):
 * every `sum` indicator of one table in a single grouped scan, and every quantile-based indicator of
 * one distribution (same value, weight and rows) in a single windowed scan. Both aggregate by commune
 * first and roll communes up into territories (territories.commune). Each statement returns one
 * row per territory; `n_*` columns count the unweighted rows a value rests on (for secrecy).
 */
import { BASE_TABLE } from './base.ts';
import type { Source } from './catalogue.ts';

const BY = 'territory, territory_type';

/** A sum of `expr` (or a count of rows when `expr` is null) over the rows meeting `where`. */
export interface SumSpec {
	name: string;
	expr: string | null;
	where?: string;
}

export function sumsSql(from: Source, specs: readonly SumSpec[]): string {
	const cols = specs.map((s) => {
		const w = s.where ?? 'true';
		return s.expr === null
			? `count(*) FILTER (WHERE ${w})::DOUBLE AS ${s.name}`
			: `sum(CASE WHEN ${w} THEN ${s.expr} END)::DOUBLE AS ${s.name}`;
	});
	// Sums add up: aggregate each commune once, then roll communes up into territories (a commune
	// belongs to several territories, so joining first would scan every row two or three times).
	return `WITH per_commune AS (SELECT commune, ${cols.join(', ')} FROM ${BASE_TABLE[from]} GROUP BY commune)
	        SELECT ${BY}, ${specs.map((s) => `sum(${s.name}) AS ${s.name}`).join(', ')}
	        FROM per_commune p JOIN territories t ON t.commune = p.commune GROUP BY ${BY}`;
}

/** One weighted distribution per territory and what the catalogue reads from it. */
export interface DistributionSpec {
	from: Source;
	value: string;
	weight: string;
	where?: string;
	/** Quantiles wanted, returned as q_0, q_1… in this order. */
	qs: number[];
	/** Tail shares wanted, returned as top_0/bottom_0… (mass of value in the top/bottom share of the weight). */
	tails: number[];
}

/** Weighted quantile: smallest value whose cumulative weight reaches q of the total (DESIGN.md §4; no interpolation). */
const quantile = (q: number) => `min(v) FILTER (WHERE cum >= ${q} * total - 1e-9 * total)`;

export function distributionSql(d: DistributionSpec): string {
	const cols = [
		...d.qs.map((q, i) => `${quantile(q)} AS q_${i}`),
		// Each row's weight inside the top (bottom) share of the total, times its value (S80/S20, domain.md §3.1).
		...d.tails.flatMap((s, i) => [
			`sum(v * greatest(0, least(wt, cum - ${1 - s} * total)))::DOUBLE AS top_${i}`,
			`sum(v * greatest(0, least(wt, ${s} * total - (cum - wt))))::DOUBLE AS bottom_${i}`
		])
	];
	// Equal values are merged before the window (exact: ties share their value), which shrinks the sort.
	return `WITH a AS (SELECT commune, (${d.value})::DOUBLE AS v, sum(${d.weight})::DOUBLE AS wt, count(*) AS cnt
	                   FROM ${BASE_TABLE[d.from]} WHERE (${d.where ?? 'true'}) GROUP BY commune, v),
	             b AS (SELECT ${BY}, v, sum(wt) AS wt, sum(cnt) AS cnt
	                   FROM a JOIN territories t ON t.commune = a.commune GROUP BY ${BY}, v),
	             c AS (SELECT *, sum(wt) OVER (PARTITION BY ${BY} ORDER BY v ROWS UNBOUNDED PRECEDING) AS cum,
	                             sum(wt) OVER (PARTITION BY ${BY}) AS total FROM b)
	        SELECT ${BY}, ${cols.join(', ')}, sum(cnt)::INTEGER AS n FROM c GROUP BY ${BY}`;
}
