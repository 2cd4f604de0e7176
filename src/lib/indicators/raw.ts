/**
 * Raw results of the catalogue per indicator and territory, before secrecy: the few batched statements
 * of sql.ts, unpacked back into one (value, numerator, denominator, n) per indicator.
 */
import type { Connector } from '../db/connector.ts';
import { sourceOf, type Indicator, type RatioIndicator, type Source } from './catalogue.ts';
import { distributionSql, sumsSql, type DistributionSpec, type SumSpec } from './sql.ts';

/** What SQL gives for one indicator and territory, before secrecy. */
export interface Raw {
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	/** Unweighted rows the value rests on. */
	n: number;
}
type Row = Record<string, unknown> & { territory: string; territory_type: string };
const keyOf = (r: { territory: string; territory_type: string }) => `${r.territory_type}:${r.territory}`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function query(db: Connector, sql: string): Promise<Map<string, Row>> {
	return new Map((await db.query<Row>(sql)).map((r) => [keyOf(r), r]));
}

/** Every `sum` indicator in one grouped scan per table (sql.ts); cross-table denominators come from the other scan. */
export async function sumsRaw(db: Connector, inds: readonly RatioIndicator[]): Promise<Map<string, Map<string, Raw>>> {
	const specs: Record<Source, SumSpec[]> = { households: [], aid_requests: [] };
	inds.forEach((ind, i) => {
		const from = sourceOf(ind);
		specs[from].push({ name: `num_${i}`, expr: ind.numerator, where: ind.where }, { name: `n_${i}`, expr: null, where: ind.where });
		if (ind.denominatorFrom) {
			specs[ind.denominatorFrom].push(
				{ name: `den_${i}`, expr: ind.denominator ?? '1', where: ind.denominatorWhere },
				{ name: `dn_${i}`, expr: null, where: ind.denominatorWhere }
			);
		} else if (ind.denominator) specs[from].push({ name: `den_${i}`, expr: ind.denominator, where: ind.where });
	});
	const results: Record<Source, Map<string, Row>> = { households: new Map(), aid_requests: new Map() };
	for (const from of ['households', 'aid_requests'] as const)
		if (specs[from].length) results[from] = await query(db, sumsSql(from, specs[from]));
	const keys = new Set([...results.households.keys(), ...results.aid_requests.keys()]);
	const out = new Map<string, Map<string, Raw>>();
	inds.forEach((ind, i) => {
		const from = sourceOf(ind);
		const byTerritory = new Map<string, Raw>();
		for (const k of keys) {
			const r = results[from].get(k);
			const d = results[ind.denominatorFrom ?? from].get(k);
			let n = num(r?.[`n_${i}`]) ?? 0;
			// Denominator from another table: both row counts must pass secrecy.
			if (ind.denominatorFrom) n = Math.min(n, num(d?.[`dn_${i}`]) ?? 0);
			byTerritory.set(k, { value: null, numerator: num(r?.[`num_${i}`]), denominator: num(d?.[`den_${i}`]), n });
		}
		out.set(ind.id, byTerritory);
	});
	return out;
}

/** Quantile-based indicators grouped by distribution: one windowed scan each (sql.ts). */
export async function distributionsRaw(
	db: Connector,
	inds: ReadonlyArray<Exclude<Indicator, RatioIndicator>>
): Promise<Map<string, Map<string, Raw>>> {
	const groups = new Map<string, { spec: DistributionSpec; inds: typeof inds[number][] }>();
	for (const ind of inds) {
		const k = [sourceOf(ind), ind.value, ind.weight, ind.where ?? ''].join('|');
		let g = groups.get(k);
		if (!g) {
			g = { spec: { from: sourceOf(ind), value: ind.value, weight: ind.weight, where: ind.where, qs: [], tails: [] }, inds: [] };
			groups.set(k, g);
		}
		g.inds.push(ind);
		const want = (list: number[], ...xs: number[]) => xs.forEach((x) => list.includes(x) || list.push(x));
		if (ind.kind === 'quantile') want(g.spec.qs, ind.q);
		else if (ind.kind === 'quantile_ratio') want(g.spec.qs, ind.q, ind.qBelow);
		else want(g.spec.tails, ind.share);
	}
	const out = new Map<string, Map<string, Raw>>();
	for (const { spec, inds: members } of groups.values()) {
		const rows = await query(db, distributionSql(spec));
		const q = (r: Row, x: number) => num(r[`q_${spec.qs.indexOf(x)}`]);
		for (const ind of members) {
			const byTerritory = new Map<string, Raw>();
			for (const [k, r] of rows) {
				const n = num(r.n) ?? 0;
				if (ind.kind === 'quantile') byTerritory.set(k, { value: q(r, ind.q), numerator: null, denominator: null, n });
				else if (ind.kind === 'quantile_ratio')
					byTerritory.set(k, { value: null, numerator: q(r, ind.q), denominator: q(r, ind.qBelow), n });
				else {
					const i = spec.tails.indexOf(ind.share);
					byTerritory.set(k, { value: null, numerator: num(r[`top_${i}`]), denominator: num(r[`bottom_${i}`]), n });
				}
			}
			out.set(ind.id, byTerritory);
		}
	}
	return out;
}
