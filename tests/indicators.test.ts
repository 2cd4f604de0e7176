/**
 * Indicators in real DuckDB (wasm, Node build) on a 14-household file whose answers are worked out
 * by hand below from DESIGN.md §4 (weighted, persons-weighted quantiles without interpolation,
 * Filosofi field = disposable income ≥ 0, secrecy under 11 rows).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadDataset } from '#lib/data/load.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';

let rows: IndicatorValue[];
let secretRows: IndicatorValue[];
const get = (indicator: string, territory: string, from = rows) => from.find((r) => r.indicator === indicator && r.territory === territory)!;

beforeAll(async () => {
	const db = await createNodeConnector();
	await db.registerFile('households.csv', readFileSync('tests/fixtures/households-small.csv'));
	const report = await loadDataset(db, { households: 'households.csv' });
	expect(report.households.rejected).toBe(0);
	// Threshold 1 (nothing secret) so that the hand-computed values below are comparable (93006's one poor household
	// would hide its poverty rate, and by secondary secrecy 93061's, under any higher threshold);
	// the default threshold of 11 and secondary secrecy are checked in the last test.
	rows = await runIndicators(db, { group: { code: "G", communes: ["93061"] }, minRows: 1 });
	secretRows = await runIndicators(db, { group: { code: 'G', communes: ['93061'] } });
	await db.close();
});

describe('indicators on hand-made households (year 2021, threshold 13 800 €/year)', () => {
	// 93061: a1–a12, weight 10. Persons: a1–a4 1 each, a5 4, a6 2, a7 2, a8–a12 1 each = 17.
	it('counts households and persons, weighted, including negative disposable income', () => {
		expect(get('households', '93061').value).toBe(120); // 12 rows × 10
		expect(get('persons', '93061').value).toBe(170); // 17 × 10
		expect(get('households', '93').value).toBe(130); // + b1, b2 at weight 5
		expect(get('persons', '93').value).toBe(180);
	});

	// Niveaux de vie (a11 left out: disposable 100 − 300 < 0):
	// a8 0 (1 p), a9 10 800 (1), a1 12 000 (1), a2 13 200 (1), a5 12×2400/2.1 = 13 714.29 (4),
	// a3 14 400 (1), a7 12×1600/1.3 = 14 769.23 (2), a4 15 600 (1), a12 18 000 (1), a6 12×2900/1.5 = 23 200 (2), a10 24 000 (1).
	// Cumulative persons: 1, 2, 3, 4, 8, 9, 11, 12, 13, 15, 16 (total 16).
	it('computes median, D1 and D9 over persons without interpolation', () => {
		expect(get('median_living_standard', '93061').value).toBe(13710); // target 8 → cum 8: 13 714.29, published rounded to 10 € as INSEE does
		expect(get('d1', '93061').value).toBe(10800); // target 1.6 → cum 2
		expect(get('d9', '93061').value).toBe(23200); // target 14.4 → cum 15
	});

	it('computes the poverty rate over persons, strictly under the threshold', () => {
		// poor: a8, a9, a1, a2 (1 each) + a5 (4) = 8 persons of 16 → 50 %
		const p = get('poverty_rate_60', '93061');
		expect(p.value).toBeCloseTo(50, 9);
		expect(p.numerator).toBeCloseTo(80, 9);
		expect(p.denominator).toBeCloseTo(160, 9);
	});

	it('gives the group the same values as its only commune', () => {
		expect(get('poverty_rate_60', 'G').value).toBeCloseTo(50, 9);
		expect(get('poverty_rate_60', 'G').territory_type).toBe('group');
	});

	it('département: b1 24 000 and b2 12 000 at weight 5 join; median target 85 of 170 lands on a5', () => {
		// weights (w × persons): 0:10, 10 800:10, 12 000:10+5, 13 200:10, 13 714:40 → cum 85
		expect(get('median_living_standard', '93').value).toBe(13710); // 13 714.29 rounded to 10 €
		// poor weight 10+10+15+10+40 = 85 of 170 → 50 %
		expect(get('poverty_rate_60', '93').value).toBeCloseTo(50, 9);
	});

	it('keeps secret every figure resting on fewer than 11 households, as null, never 0', () => {
		for (const id of ['households', 'persons', 'median_living_standard', 'poverty_rate_60']) {
			const r = get(id, '93006', secretRows); // 2 households
			expect(r.suppressed).toBe(true);
			expect(r.value).toBeNull();
			expect(r.numerator).toBeNull();
		}
		// 93061 has 12 households but the income field has 11: still shown (a quantile cannot be derived from a total)
		expect(get('median_living_standard', '93061', secretRows).suppressed).toBe(false);
		// Secondary secrecy: département 93 = 93061 + 93006, so showing 93061's count would reveal 93006's;
		// then group G (93061 alone) would reveal 93061, so the group total goes too. The département stays.
		expect(get('households', '93061', secretRows)).toMatchObject({ value: null, suppressed: true });
		expect(get('households', 'G', secretRows)).toMatchObject({ value: null, suppressed: true });
		expect(get('households', '93', secretRows).value).toBe(130);
	});
});
