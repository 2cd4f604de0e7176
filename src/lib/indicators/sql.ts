/**
 * SQL of the catalogue, in two steps so that interaction never rescans the raw rows (stats.ts):
 * - once per dataset and year, per-commune sufficient statistics: every `sum` of one table in a single
 *   grouped scan, and per distribution the commune's rows merged by value (ties share their value) plus
 *   a weighted histogram of them;
 * - per run, territories (communes, a group, départements) from those: sums are sums of sums; a quantile
 *   or tail share finds its histogram bin from the territory's summed histogram, then reads only the
 *   merged rows of that one bin. Results are exactly those of a window over all rows (same order, same
 *   cumulative weights); only the summation order of floating-point weights differs.
 */

/** A sum of `expr` (or a count of rows when `expr` is null) over the rows meeting `where`. */
export interface SumSpec {
	name: string;
	expr: string | null;
	where?: string;
}

const BY = 'territory, territory_type';

/**
 * One row per commune with each spec summed: the sufficient statistic of every `sum` indicator. The scan
 * is the cost: a sum or count shared by several specs (same expression and rows kept) is computed once
 * and repeated under each name, and each distinct condition and expression is evaluated once per row in
 * an inner projection. Same sums in the same row order as one aggregate per spec, so the same bits.
 */
export function communeSumsSql(table: string, from: string, specs: readonly SumSpec[]): string {
	const inner = new Map<string, string>();
	const col = (prefix: 'k' | 'e', sql: string) => {
		const k = `${prefix}|${sql}`;
		if (!inner.has(k)) inner.set(k, `${prefix}${inner.size}`);
		return inner.get(k)!;
	};
	const aggregates = new Map<string, string>();
	const names = specs.map((s) => {
		const w = s.where ? col('k', s.where) : null;
		const sql = s.expr === null ? (w ? `coalesce(sum(${w}), 0)` : 'count(*)') : `sum(${w ? `${col('e', s.expr)} * ${w}` : col('e', s.expr)})`;
		if (!aggregates.has(sql)) aggregates.set(sql, `a${aggregates.size}`);
		return `${aggregates.get(sql)} AS ${s.name}`;
	});
	// A condition is 0/1 (NULL stays NULL): counting is summing it, and a row left out adds e × 0 = 0 to a
	// sum, which leaves it unchanged (e is finite: validated columns, divided only by persons or UC ≥ 1).
	// Both run about twice as fast as FILTER or CASE in DuckDB-wasm (sums scan 815 → 388 ms at 600 000 rows).
	const computed = [...inner].map(([k, name]) => (k[0] === 'k' ? `(${k.slice(2)})::INTEGER AS ${name}` : `(${k.slice(2)}) AS ${name}`));
	return `CREATE OR REPLACE TEMP TABLE ${table} AS
	        SELECT commune, ${names.join(', ')}
	        FROM (SELECT commune, ${[...aggregates].map(([sql, a]) => `${sql}::DOUBLE AS ${a}`).join(', ')}
	              FROM (SELECT commune${computed.map((c) => `, ${c}`).join('')} FROM ${from}) GROUP BY commune)`;
}

/** Territory totals from the per-commune sums (a commune belongs to several territories). */
export function rollupSumsSql(table: string, names: readonly string[], territories = 'territories'): string {
	return `SELECT ${BY}, ${names.map((n) => `sum(${n}) AS ${n}`).join(', ')}
	        FROM ${table} p JOIN ${territories} t ON t.commune = p.commune GROUP BY ${BY}`;
}

/** One weighted distribution (value, weight, rows kept) of a base view. */
export interface DistributionSpec {
	value: string;
	weight: string;
	where?: string;
}

/**
 * Bins of the histogram: fine enough that a bin holds a small share of the rows, coarse enough to be small.
 * Per run, the cumulative windows cost grows with the bins and reading the target bins' rows with their
 * size: on the full-scale 93 (600 000 households) the whole points statement took 634 ms with 4096 bins,
 * 356 with 1024, 250 with 512, 279 with 256 (DuckDB-wasm in Node, bench/indicators.ts).
 */
export const HISTOGRAM_BINS = 512;

/** The year's merged rows and histograms of every distribution, told apart by `dist`. */
export function distributionTablesSql(merged: string, histogram: string): string[] {
	return [
		`CREATE TEMP TABLE ${merged} (dist INTEGER, commune VARCHAR, v DOUBLE, wt DOUBLE, cnt INTEGER, bin INTEGER)`,
		`CREATE TEMP TABLE ${histogram} (dist INTEGER, commune VARCHAR, bin INTEGER, wt DOUBLE, cnt INTEGER, vw DOUBLE)`
	];
}

/**
 * Merged rows of distribution `dist`: one per commune and distinct value, with their weight, row count
 * and histogram bin. Bins are equal-width on an asinh scale between the smallest and largest value
 * (monotonic, so bins keep the values' order; asinh spreads the dense middle of skewed distributions
 * such as incomes and accepts negative values), scaled by the mean absolute value. NULL values get a
 * NULL bin, ordered last like them.
 */
export function mergedRowsSql(merged: string, dist: number, from: string, d: DistributionSpec): string {
	const squash = 'asinh(v / s.scale)';
	return `INSERT INTO ${merged}
	        WITH g AS MATERIALIZED (
	                 SELECT commune, (${d.value})::DOUBLE AS v, sum(${d.weight})::DOUBLE AS wt, count(*)::INTEGER AS cnt
	                 FROM ${from} WHERE (${d.where ?? 'true'}) GROUP BY commune, v),
	             s AS (SELECT coalesce(nullif(avg(abs(v)), 0), 1) AS scale FROM g),
	             r AS (SELECT min(${squash}) AS lo, max(${squash}) AS hi FROM g, s)
	        SELECT ${dist}, g.*, floor((${squash} - r.lo) / coalesce(nullif((r.hi - r.lo) / ${HISTOGRAM_BINS}, 0), 1))::INTEGER
	        FROM g, s, r`;
}

export function histogramSql(histogram: string, merged: string, dist: number): string {
	return `INSERT INTO ${histogram}
	        SELECT dist, commune, bin, sum(wt), sum(cnt)::INTEGER, sum(v * wt)
	        FROM ${merged} WHERE dist = ${dist} GROUP BY dist, commune, bin`;
}

/**
 * A point read from a distribution: `q` the weighted quantile (smallest value whose cumulative weight
 * reaches x of the total; DESIGN.md §4, no interpolation); `top`/`bottom` the mass of value held by the
 * top/bottom share x of the weight, the row straddling the boundary counting for its part inside
 * (S80/S20, domain.md §3.1).
 */
export interface Point {
	/** The distribution (its `dist` in the merged rows). */
	dist: number;
	kind: 'q' | 'top' | 'bottom';
	x: number;
}

/**
 * Every point of every distribution for every territory, in one statement: one row per (territory, point
 * index `i`) with `value`, and `n` the unweighted rows of the territory's distribution.
 */
export function pointsSql(merged: string, histogram: string, points: readonly Point[], territories = 'territories'): string {
	const pts = points.map((p, i) => `(${i}, ${p.dist}, '${p.kind}', ${p.x})`).join(', ');
	const DBY = `dist, ${BY}`;
	// goal: the cumulative weight the point is looking for. The small per-bin tables are materialised:
	// each is read several times. `whole` is the value mass of the bins entirely inside the tail.
	const dists = [...new Set(points.map((p) => p.dist))].join(', ');
	// A commune's histogram is its own rows: only groups and départements are summed.
	return `WITH h AS (SELECT dist, ${BY}, bin, wt, cnt::HUGEINT AS cnt, vw
	                   FROM ${histogram} x JOIN ${territories} t ON t.commune = x.commune AND t.territory_type = 'commune'
	                   WHERE dist IN (${dists})
	                   UNION ALL
	                   SELECT dist, ${BY}, bin, sum(wt) AS wt, sum(cnt) AS cnt, sum(vw) AS vw
	                   FROM ${histogram} x JOIN ${territories} t ON t.commune = x.commune AND t.territory_type <> 'commune'
	                   WHERE dist IN (${dists}) GROUP BY dist, ${BY}, bin),
	             hc AS MATERIALIZED (
	                   SELECT *, sum(wt) OVER w AS cum, sum(vw) OVER w AS cumvw,
	                             sum(wt) OVER (PARTITION BY ${DBY}) AS total, sum(vw) OVER (PARTITION BY ${DBY}) AS totalvw
	                   FROM h WINDOW w AS (PARTITION BY ${DBY} ORDER BY bin ROWS UNBOUNDED PRECEDING)),
	             pts AS MATERIALIZED (
	                   SELECT tot.*, p.i, p.kind,
	                          CASE p.kind WHEN 'q' THEN p.x * total - 1e-9 * total WHEN 'top' THEN (1 - p.x) * total ELSE p.x * total END AS goal
	                   FROM (SELECT ${DBY}, any_value(total) AS total, sum(cnt)::INTEGER AS n FROM hc GROUP BY ${DBY}) tot
	                   JOIN (VALUES ${pts}) p(i, dist, kind, x) USING (dist)),
	             -- the bin where the cumulative weight reaches the goal, and the weight before it
	             -- (read off that bin in the same pass: joining hc back would pair every point with every bin)
	             tgt AS (SELECT pts.territory, pts.territory_type, pts.i, min(hc.bin) AS bin, arg_min(hc.cum - hc.wt, hc.bin) AS before,
	                            arg_min(CASE pts.kind WHEN 'top' THEN hc.totalvw - hc.cumvw WHEN 'bottom' THEN hc.cumvw - hc.vw END, hc.bin) AS whole
	                     FROM pts JOIN hc USING (${DBY}) WHERE hc.cum >= pts.goal GROUP BY ALL),
	             tb AS MATERIALIZED (SELECT pts.*, tgt.bin, tgt.before, tgt.whole FROM pts JOIN tgt USING (${BY}, i)),
	             tc AS (SELECT DISTINCT tb.dist, t.commune, tb.bin FROM tb JOIN ${territories} t USING (${BY})),
	             -- only the merged rows of the target bins, merged again across each territory's communes
	             m AS (SELECT m.* FROM ${merged} m SEMI JOIN tc ON tc.commune = m.commune AND tc.dist = m.dist AND tc.bin = m.bin),
	             r AS (SELECT tb.territory, tb.territory_type, tb.i, m.v, sum(m.wt) AS wt
	                   FROM tb JOIN ${territories} t USING (${BY}) JOIN m ON m.commune = t.commune AND m.dist = tb.dist AND m.bin = tb.bin
	                   GROUP BY ALL),
	             rc AS (SELECT r.*, tb.goal, tb.before + sum(r.wt) OVER (PARTITION BY r.territory, r.territory_type, r.i ORDER BY r.v ROWS UNBOUNDED PRECEDING) AS cum
	                    FROM r JOIN tb USING (${BY}, i)),
	             -- the bin's last value when summation order leaves its running sum a hair under the goal its total reached
	             part AS (SELECT ${BY}, i, coalesce(min(v) FILTER (WHERE cum >= goal), max(v)) AS q,
	                             sum(v * greatest(0, least(wt, cum - goal))) AS top,
	                             sum(v * greatest(0, least(wt, goal - (cum - wt)))) AS bottom
	                      FROM rc GROUP BY ${BY}, i)
	        SELECT pts.territory, pts.territory_type, pts.i, pts.n,
	               CASE pts.kind WHEN 'q' THEN part.q WHEN 'top' THEN coalesce(tb.whole, 0) + part.top
	                             ELSE coalesce(tb.whole, 0) + part.bottom END::DOUBLE AS value
	        FROM pts LEFT JOIN tb USING (${BY}, i) LEFT JOIN part USING (${BY}, i)`;
}
