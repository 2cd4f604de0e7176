/**
 * Per-commune sufficient statistics of the catalogue, computed once per dataset, year and poverty
 * threshold and kept in temp tables (sql.ts): changing the group, the secrecy threshold or going back
 * to a year already seen reads only these, never the raw rows. A dataset change (a table replaced or
 * appended to) drops them all.
 */
import type { Connector } from '../db/connector.ts';
import { createHouseholdBase, createRequestBase } from './base.ts';
import { sourceOf, type Indicator, type RatioIndicator, type Source } from './catalogue.ts';
import type { Raw } from './raw.ts';
import { communeSumsSql, distributionTablesSql, histogramSql, mergedRowsSql, type DistributionSpec, type SumSpec } from './sql.ts';

export interface SumStats {
	table: string;
	/** Columns of the table, in the order given. */
	names: string[];
}

export interface DistributionStats {
	/** Tables shared by every distribution of the year; this one's rows have `dist`. */
	merged: string;
	histogram: string;
	dist: number;
}

export interface YearStats {
	/** Base view of each source (derived columns, rows of the year). */
	base: Record<Source, string>;
	/** Per-commune sums of the given specs of one source (one scan, memoised by the specs' names). */
	sums(from: Source, specs: readonly SumSpec[]): Promise<SumStats>;
	/** Merged rows and histogram of one distribution (one scan, memoised). */
	distribution(from: Source, d: DistributionSpec): Promise<DistributionStats>;
	/**
	 * Results already computed, per indicator and territory (its type, code and communes): a group or a
	 * secrecy threshold met before costs no query. `undefined` = computed, no row (no data).
	 */
	computed: Map<Indicator, Map<string, Raw | undefined>>;
}

interface DbCache {
	fingerprint: string;
	years: Map<string, YearStats>;
	objects: Array<{ kind: 'TABLE' | 'VIEW'; name: string }>;
	counter: number;
	memo: Map<string, Promise<unknown>>;
}

const caches = new WeakMap<Connector, DbCache>();

/** Changes whenever a data table is replaced (new oid) or appended to (new size). */
async function fingerprint(db: Connector): Promise<string> {
	const rows = await db.query<{ t: string }>(
		`SELECT table_name || ':' || table_oid || ':' || estimated_size AS t FROM duckdb_tables()
		 WHERE table_name IN ('households', 'aid_requests') AND NOT temporary ORDER BY table_name`
	);
	return rows.map((r) => r.t).join('|');
}

/** Drops every statistic kept for this database (memory back; the next run recomputes them). */
export async function dropStatistics(db: Connector): Promise<void> {
	const c = caches.get(db);
	caches.delete(db);
	if (c) for (const o of c.objects) await db.query(`DROP ${o.kind} IF EXISTS ${o.name}`);
}

async function cacheOf(db: Connector): Promise<DbCache> {
	const fp = await fingerprint(db);
	const c = caches.get(db);
	if (c && c.fingerprint === fp) return c;
	if (c) await dropStatistics(db);
	const fresh: DbCache = { fingerprint: fp, years: new Map(), objects: [], counter: 0, memo: new Map() };
	caches.set(db, fresh);
	return fresh;
}

/** A figure of the whole dataset (its communes, its local poverty threshold), computed once per dataset. */
export async function memo<T>(db: Connector, key: string, load: () => Promise<T>): Promise<T> {
	const c = await cacheOf(db);
	let p = c.memo.get(key) as Promise<T> | undefined;
	if (!p) c.memo.set(key, (p = load()));
	return p;
}

export async function yearStats(db: Connector, year: number, threshold: number, withRequests: boolean): Promise<YearStats> {
	const c = await cacheOf(db);
	const key = `${year}|${threshold}|${withRequests}`;
	let s = c.years.get(key);
	if (s) return s;
	const prefix = `ind_s${++c.counter}`;
	const own = (kind: 'TABLE' | 'VIEW', name: string) => (c.objects.push({ kind, name }), name);
	const base: Record<Source, string> = { households: own('VIEW', `${prefix}_households`), aid_requests: own('VIEW', `${prefix}_requests`) };
	await createHouseholdBase(db, base.households, year, threshold);
	if (withRequests) await createRequestBase(db, base.aid_requests, year);
	const sums = new Map<string, Promise<SumStats>>();
	const dists = new Map<string, Promise<DistributionStats>>();
	let tables: { merged: string; histogram: string } | undefined;
	let chain: Promise<unknown> = Promise.resolve();
	let n = 0;
	s = {
		base,
		computed: new Map(),
		sums(from, specs) {
			const k = `${from}|${specs.map((x) => `${x.name}=${x.expr}|${x.where}`).join('|')}`;
			let p = sums.get(k);
			if (!p) {
				const table = own('TABLE', `${prefix}_sums${++n}`);
				p = db.query(communeSumsSql(table, base[from], specs)).then(() => ({ table, names: specs.map((x) => x.name) }));
				sums.set(k, p);
			}
			return p;
		},
		distribution(from, d) {
			const k = [from, d.value, d.weight, d.where ?? ''].join('|');
			let p = dists.get(k);
			if (!p) {
				const dist = dists.size + 1;
				// One after the other: they append to the same tables.
				const built: Promise<DistributionStats> = chain.then(async () => {
					tables ??= { merged: own('TABLE', `${prefix}_merged`), histogram: own('TABLE', `${prefix}_hist`) };
					if (dist === 1) for (const sql of distributionTablesSql(tables.merged, tables.histogram)) await db.query(sql);
					await db.query(mergedRowsSql(tables.merged, dist, base[from], d));
					await db.query(histogramSql(tables.histogram, tables.merged, dist));
					return { ...tables, dist };
				});
				chain = built.catch(() => undefined);
				p = built;
				dists.set(k, p);
			}
			return p;
		}
	};
	c.years.set(key, s);
	return s;
}

/**
 * Sum columns of the catalogue's `sum` indicators, named by their index in `inds`, grouped by the table
 * they are summed over (cross-table denominators come from the other table).
 */
export function sumSpecs(inds: readonly RatioIndicator[]): Record<Source, SumSpec[]> {
	const specs: Record<Source, SumSpec[]> = { households: [], aid_requests: [] };
	inds.forEach((ind, i) => {
		const from = sourceOf(ind);
		// nn: rows the numerator counts (not 0), secret from 1 to 10 as the denominator's rows (DESIGN.md §4.1).
		const counted = `(${ind.numerator}) <> 0`;
		specs[from].push(
			{ name: `num_${i}`, expr: ind.numerator, where: ind.where },
			{ name: `n_${i}`, expr: null, where: ind.where },
			{ name: `nn_${i}`, expr: null, where: ind.where ? `(${ind.where}) AND ${counted}` : counted }
		);
		if (ind.denominatorFrom) {
			specs[ind.denominatorFrom].push(
				{ name: `den_${i}`, expr: ind.denominator ?? '1', where: ind.denominatorWhere },
				{ name: `dn_${i}`, expr: null, where: ind.denominatorWhere }
			);
		} else if (ind.denominator) specs[from].push({ name: `den_${i}`, expr: ind.denominator, where: ind.where });
	});
	return specs;
}

export const isRatio = (i: Indicator): i is RatioIndicator => i.kind === 'sum';
