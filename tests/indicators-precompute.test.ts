/**
 * The per-commune statistics (stats.ts, sql.ts) give the same results as a computation from the raw rows,
 * on the default data (2023 households + aid requests, 93 at 1/10): sums recomputed by territory straight
 * from the rows in SQL; quantiles and S80/S20 recomputed in JS from every row, sorted, by the rule text
 * (DESIGN.md §4: smallest value whose cumulative weight reaches q, no interpolation; domain.md §3.1).
 * And changing the group or the secrecy threshold, or drawing a group's histogram, reads no raw row.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '#lib/db/connector.ts';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadDataset } from '#lib/data/load.ts';
import { createHouseholdBase, createRequestBase, territoriesOf, writeTerritories } from '#lib/indicators/base.ts';
import { INDICATORS, sourceOf, type Indicator } from '#lib/indicators/catalogue.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';
import { dropStatistics } from '#lib/indicators/stats.ts';
import { QUANTILE_STEP, roundTo } from '#lib/indicators/secrecy.ts';
import { defaultGroup, prepareIndicators } from '#lib/app/indicator-cache.ts';
import { distribution, MEASURES } from '#lib/indicators/distribution.ts';
import { povertyThreshold } from '#lib/measures/living-standard.ts';
import { departementGeography } from '#lib/territory/etalab.ts';

const YEAR = 2023;
const est = departementGeography('93').groups.find((g) => g.nom === 'Est Ensemble')!;
const group = { code: est.code, communes: est.members };
let db: Connector;
let rows: IndicatorValue[];
const sqlLog: string[] = [];

beforeAll(async () => {
	const raw = await createNodeConnector();
	db = { ...raw, query: (sql, params) => (sqlLog.push(sql), raw.query(sql, params)) };
	await raw.registerFile('households-2023.csv', readFileSync('static/data/households-2023.csv'));
	await raw.registerFile('aid_requests.csv', readFileSync('static/data/aid_requests.csv'));
	await loadDataset(raw, { households: 'households-2023.csv', aid_requests: 'aid_requests.csv' });
	rows = await runIndicators(db, { group, minRows: 0 });
	// Reference row sets: the same derived columns, straight from the rows.
	await createHouseholdBase(raw, 'ref_households', YEAR, povertyThreshold(YEAR).yearly);
	await createRequestBase(raw, 'ref_requests', YEAR);
}, 120_000);

const value = (id: string, type: string, code: string) =>
	rows.find((r) => r.indicator === id && r.territory_type === type && r.territory === code)!;

/** Relative gap: sums of sums add floating-point weights in another order (last bits only). */
const relGap = (a: number | null, b: number | null) => (a === b ? 0 : Math.abs((a ?? 0) - (b ?? 0)) / Math.max(1, Math.abs(b ?? 0)));

function territories(communes: string[]) {
	return territoriesOf(communes, group).map((t) => ({ ...t, key: `${t.territory_type}:${t.territory}` }));
}

describe('precomputed statistics = recomputed from the raw rows (default data, 2023)', () => {
	it('sums: numerator and denominator of every sum indicator, for every territory', async () => {
		const communes = [...new Set(rows.filter((r) => r.territory_type === 'commune').map((r) => r.territory))];
		await writeTerritories(db, territoriesOf(communes, group));
		// One grouped statement per table over the rows joined to their territories (no per-commune step).
		const table = { households: 'ref_households', aid_requests: 'ref_requests' } as const;
		const cols: Record<'households' | 'aid_requests', string[]> = { households: [], aid_requests: [] };
		const sums = INDICATORS.filter((i) => i.kind === 'sum');
		sums.forEach((ind, i) => {
			cols[sourceOf(ind)].push(`sum(CASE WHEN ${ind.where ?? 'true'} THEN ${ind.numerator} END)::DOUBLE AS num_${i}`);
			if (ind.denominatorFrom)
				cols[ind.denominatorFrom].push(`sum(CASE WHEN ${ind.denominatorWhere ?? 'true'} THEN ${ind.denominator ?? '1'} END)::DOUBLE AS den_${i}`);
			else if (ind.denominator) cols[sourceOf(ind)].push(`sum(CASE WHEN ${ind.where ?? 'true'} THEN ${ind.denominator} END)::DOUBLE AS den_${i}`);
		});
		const ref = new Map<string, Record<string, number | null>>();
		for (const from of ['households', 'aid_requests'] as const)
			for (const r of await db.query<Record<string, number | null> & { territory: string; territory_type: string }>(
				`SELECT territory, territory_type, ${cols[from].join(', ')} FROM ${table[from]} JOIN territories USING (commune) GROUP BY ALL`
			))
				ref.set(`${r.territory_type}:${r.territory}`, { ...ref.get(`${r.territory_type}:${r.territory}`), ...r });
		let checked = 0;
		sums.forEach((ind, i) => {
			for (const [k, r] of ref) {
				const [type, code] = k.split(':');
				const got = value(ind.id, type, code);
				expect(relGap(got.numerator, r[`num_${i}`] ?? null), `${ind.id} ${k}`).toBeLessThan(1e-12);
				if (`den_${i}` in r) expect(relGap(got.denominator, r[`den_${i}`] ?? null), `${ind.id} ${k} den`).toBeLessThan(1e-12);
				checked++;
			}
		});
		expect(checked).toBeGreaterThan(40 * 41);
	});

	it('quantiles (rounded as published) and S80/S20: identical to a sort of every row, for every territory', async () => {
		const communes = [...new Set(rows.filter((r) => r.territory_type === 'commune').map((r) => r.territory))];
		const ts = territories(communes);
		const distributionOf = new Map<string, Array<Exclude<Indicator, { kind: 'sum' }>>>();
		for (const ind of INDICATORS) {
			if (ind.kind === 'sum') continue;
			const k = [sourceOf(ind), ind.value, ind.weight, ind.where ?? 'true'].join('|');
			distributionOf.set(k, [...(distributionOf.get(k) ?? []), ind]);
		}
		let checked = 0;
		for (const [k, inds] of distributionOf) {
			const [from, v, w, where] = k.split('|');
			const table = from === 'households' ? 'ref_households' : 'ref_requests';
			const all = await db.query<{ commune: string; v: number | null; w: number }>(
				`SELECT commune, (${v})::DOUBLE AS v, (${w})::DOUBLE AS w FROM ${table} WHERE ${where}`
			);
			for (const t of ts) {
				const xs = all.filter((r) => t.communes.includes(r.commune) && r.v !== null).sort((a, b) => a.v! - b.v!);
				if (!xs.length) continue;
				// Equal values merged (ties share their value), then cumulated in order.
				const merged: Array<{ v: number; w: number; cum: number }> = [];
				for (const x of xs) {
					const last = merged[merged.length - 1];
					if (last && last.v === x.v) last.w += x.w;
					else merged.push({ v: x.v!, w: x.w, cum: 0 });
				}
				let cum = 0;
				for (const m of merged) m.cum = cum += m.w;
				const total = cum;
				// Published rounded as INSEE rounds (10 € a year, 0.1 €/day): the sorted rows' quantile, rounded.
				const step = QUANTILE_STEP[v];
				const quantile = (q: number) => roundTo(merged.find((m) => m.cum >= q * total - 1e-9 * total)!.v, step);
				const top = (s: number) => merged.reduce((a, m) => a + m.v * Math.max(0, Math.min(m.w, m.cum - (1 - s) * total)), 0);
				const bottom = (s: number) => merged.reduce((a, m) => a + m.v * Math.max(0, Math.min(m.w, s * total - (m.cum - m.w))), 0);
				for (const ind of inds) {
					const got = value(ind.id, t.territory_type, t.territory);
					if (ind.kind === 'quantile' && !ind.gapTo) expect(got.value, `${ind.id} ${t.key}`).toBe(quantile(ind.q));
					else if (ind.kind === 'quantile_ratio') {
						expect(got.numerator, `${ind.id} ${t.key}`).toBe(quantile(ind.q));
						expect(got.denominator, `${ind.id} ${t.key}`).toBe(quantile(ind.qBelow));
					} else if (ind.kind === 'tail_ratio') {
						expect(got.numerator! / top(ind.share), `${ind.id} ${t.key} top`).toBeCloseTo(1, 12);
						expect(got.denominator! / bottom(ind.share), `${ind.id} ${t.key} bottom`).toBeCloseTo(1, 12);
					} else if (ind.kind === 'quantile') {
						const th = povertyThreshold(YEAR).yearly;
						expect(got.value, `${ind.id} ${t.key}`).toBeCloseTo((100 * (th - quantile(ind.q))) / th, 9);
					}
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThanOrEqual(41 * 10);
	});

	it('histograms behind the distributions: the same bins as from the rows, read without a household row', async () => {
		for (const measure of ['living_standard', 'rav_person_day'] as const) {
			const m = MEASURES[measure];
			const rowsOf = await db.query<{ v: number; w: number }>(
				`SELECT (${m.value})::DOUBLE AS v, (${m.weight})::DOUBLE AS w FROM ref_households
				 WHERE (${m.where ?? 'true'}) AND commune IN (${group.communes.map((c) => `'${c}'`).join(', ')})`
			);
			// By hand from the rule: bin = floor((v − min) / width), the first and last bins hold the tails.
			const last = (m.max - m.min) / m.width - 1;
			const expected = new Map<number, { w: number; n: number }>();
			for (const r of rowsOf) {
				const b = Math.min(Math.max(Math.floor((r.v - m.min) / m.width), 0), last);
				const e = expected.get(b) ?? { w: 0, n: 0 };
				expected.set(b, { w: e.w + r.w, n: e.n + 1 });
			}
			sqlLog.length = 0;
			const bins = await distribution(db, { measure, year: YEAR, communes: group.communes, minRows: 0 });
			expect(bins.map((b) => (b.x0 - m.min) / m.width)).toEqual([...expected.keys()].sort((a, b) => a - b));
			for (const b of bins) expect(relGap(b.weight, expected.get((b.x0 - m.min) / m.width)!.w)).toBeLessThan(1e-12);
			for (const sql of sqlLog.filter((q) => !q.includes('duckdb_tables()'))) expect(sql).not.toMatch(/\b(households|ind_s\d+_households)\b(?!_)/);
		}
	});

	it('another group or secrecy threshold reads only the per-commune statistics, never the rows', async () => {
		const other = departementGeography('93').groups.find((g) => g.code !== est.code)!;
		sqlLog.length = 0;
		const again = await runIndicators(db, { group: { code: other.code, communes: other.members }, minRows: 11 });
		expect(again.some((r) => r.territory === other.code && !r.suppressed)).toBe(true);
		expect(sqlLog.length).toBeGreaterThan(0);
		// Catalogue lookups (duckdb_tables) aside, no statement names a data table or a row view.
		for (const sql of sqlLog.filter((s) => !s.includes('duckdb_tables()'))) expect(sql).not.toMatch(/\b(households|aid_requests|ind_s\d+_(households|requests))\b(?!_)/);
		sqlLog.length = 0;
		await runIndicators(db, { group: { code: other.code, communes: other.members }, minRows: 20 });
		// Same territories again: nothing but the catalogue lookups.
		expect(sqlLog.filter((s) => !s.includes('duckdb_tables()'))).toEqual([]);
	});

	it('the warm-up after a load answers the first view of Indicateurs (newest year, default group) without a query', async () => {
		const geo = departementGeography('93');
		expect(defaultGroup(geo)).toEqual(group);
		await dropStatistics(db);
		await prepareIndicators(db, geo);
		sqlLog.length = 0;
		const first = await runIndicators(db, { year: YEAR, poverty: 'national', group: defaultGroup(geo) });
		expect(first.filter((r) => r.territory_type === 'group' && r.territory === est.code && !r.suppressed).length).toBeGreaterThan(30);
		expect(sqlLog.filter((s) => !s.includes('duckdb_tables()'))).toEqual([]);
	});
});
