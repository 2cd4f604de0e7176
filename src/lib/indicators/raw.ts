/**
 * Raw results of the catalogue per indicator and territory, before secrecy: the few statements of
 * sql.ts over the year's statistics (stats.ts), unpacked into one (value, numerator, denominator, n) each.
 */
import type { Connector } from '../db/connector.ts';
import { INDICATORS, sourceOf, type Indicator, type RatioIndicator, type Source } from './catalogue.ts';
import { pointsSql, rollupSumsSql, type Point } from './sql.ts';
import { isRatio, sumSpecs, type YearStats } from './stats.ts';

/** What SQL gives for one indicator and territory, before secrecy. */
export interface Raw {
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	/** Unweighted rows the value rests on. */
	n: number;
	/** `sum` indicators: unweighted rows its numerator counts (where it is not 0). */
	nNum?: number;
}
type Row = Record<string, unknown> & { territory: string; territory_type: string };
const keyOf = (r: { territory: string; territory_type: string }) => `${r.territory_type}:${r.territory}`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function query(db: Connector, sql: string): Promise<Map<string, Row>> {
	return new Map((await db.query<Row>(sql)).map((r) => [keyOf(r), r]));
}

/**
 * `sum` indicators: per-commune sums of every `sum` indicator of the catalogue at once (one scan per
 * table, once per year; stats.ts), rolled up into the current territories. `inds` not in the catalogue
 * are summed alongside.
 */
export async function sumsRaw(db: Connector, stats: YearStats, inds: readonly RatioIndicator[], withRequests: boolean): Promise<Map<string, Map<string, Raw>>> {
	const all = INDICATORS.filter(isRatio).filter((i) => withRequests || (sourceOf(i) === 'households' && !i.denominatorFrom));
	const extra = inds.filter((i) => !all.includes(i));
	const list = [...all, ...extra];
	const specs = sumSpecs(list);
	const results: Record<Source, Map<string, Row>> = { households: new Map(), aid_requests: new Map() };
	for (const from of ['households', 'aid_requests'] as const) {
		if (!specs[from].length) continue;
		const s = await stats.sums(from, specs[from]);
		results[from] = await query(db, rollupSumsSql(s.table, s.names));
	}
	const keys = new Set([...results.households.keys(), ...results.aid_requests.keys()]);
	const out = new Map<string, Map<string, Raw>>();
	for (const ind of inds) {
		const i = list.indexOf(ind);
		const from = sourceOf(ind);
		const byTerritory = new Map<string, Raw>();
		for (const k of keys) {
			const r = results[from].get(k);
			const d = results[ind.denominatorFrom ?? from].get(k);
			let n = num(r?.[`n_${i}`]) ?? 0;
			// Denominator from another table: both row counts must pass secrecy.
			if (ind.denominatorFrom) n = Math.min(n, num(d?.[`dn_${i}`]) ?? 0);
			byTerritory.set(k, { value: null, numerator: num(r?.[`num_${i}`]), denominator: num(d?.[`den_${i}`]), n, nNum: num(r?.[`nn_${i}`]) ?? 0 });
		}
		out.set(ind.id, byTerritory);
	}
	return out;
}

/** Quantile-based indicators grouped by distribution: the points each needs, all read in one statement. */
export async function distributionsRaw(
	db: Connector,
	stats: YearStats,
	inds: ReadonlyArray<Exclude<Indicator, RatioIndicator>>
): Promise<Map<string, Map<string, Raw>>> {
	const points: Point[] = [];
	const want = (p: Point) => {
		const i = points.findIndex((x) => x.dist === p.dist && x.kind === p.kind && x.x === p.x);
		return i >= 0 ? i : points.push(p) - 1;
	};
	// Per indicator, the indices of the points it reads.
	const uses: Array<{ ind: (typeof inds)[number]; at: number[] }> = [];
	let tables: { merged: string; histogram: string } | null = null;
	for (const ind of inds) {
		const d = await stats.distribution(sourceOf(ind), { value: ind.value, weight: ind.weight, where: ind.where });
		tables = d;
		if (ind.kind === 'quantile') uses.push({ ind, at: [want({ dist: d.dist, kind: 'q', x: ind.q })] });
		else if (ind.kind === 'quantile_ratio')
			uses.push({ ind, at: [want({ dist: d.dist, kind: 'q', x: ind.q }), want({ dist: d.dist, kind: 'q', x: ind.qBelow })] });
		else uses.push({ ind, at: [want({ dist: d.dist, kind: 'top', x: ind.share }), want({ dist: d.dist, kind: 'bottom', x: ind.share })] });
	}
	const out = new Map<string, Map<string, Raw>>();
	if (!tables) return out;
	// territory → point index → value, and the rows each point's distribution rests on
	const byKey = new Map<string, { n: Array<number>; values: Array<number | null> }>();
	for (const r of await db.query<Row & { i: number; n: number; value: number | null }>(pointsSql(tables.merged, tables.histogram, points))) {
		let e = byKey.get(keyOf(r));
		if (!e) byKey.set(keyOf(r), (e = { n: [], values: [] }));
		e.values[Number(r.i)] = num(r.value);
		e.n[Number(r.i)] = Number(r.n);
	}
	for (const { ind, at } of uses) {
		const byTerritory = new Map<string, Raw>();
		for (const [k, e] of byKey) {
			const n = e.n[at[0]];
			if (n === undefined) continue; // no row of this distribution in the territory
			const [a, b] = at.map((i) => e.values[i] ?? null);
			if (ind.kind === 'quantile') byTerritory.set(k, { value: a, numerator: null, denominator: null, n });
			else byTerritory.set(k, { value: null, numerator: a, denominator: b, n });
		}
		out.set(ind.id, byTerritory);
	}
	return out;
}
