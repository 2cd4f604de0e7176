/**
 * Synthetic data (DESIGN.md §4.1, §6): secrecy is computed exactly as on real data, but a value it would hide
 * is shown, `suppressed: false`, `would_be_secret: true`. Without the flag nothing changes. Hand-made population,
 * answers worked out in the comments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { loadDataset } from '#lib/data/load.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';
import { distribution } from '#lib/indicators/distribution.ts';

// Households of 2021, one adult each, weight 2: 93001 × 12, 93005 × 11, 93006 × 5, 93007 × 20, all earning
// 2 000 €/month except 93006: 500, 800, 1 000, 1 500, 2 000 €/month (niveau de vie 6 000 to 24 000 €/year).
// The 2021 threshold is 1 150 €/month (13 800 €/year): 3 of 93006's 5 households are poor.
const HEAD = 'household_id,year,commune,weight,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure,income_work';
function households(): string {
	const lines = [HEAD];
	for (const [commune, n] of [['93001', 12], ['93005', 11], ['93007', 20]] as const)
		for (let i = 0; i < n; i++) lines.push(`${commune}-${i},2021,${commune},2,1,0,single,40,employed,private_rent,2000`);
	[500, 800, 1000, 1500, 2000].forEach((income, i) => lines.push(`93006-${i},2021,93006,2,1,0,single,40,employed,private_rent,${income}`));
	return lines.join('\n') + '\n';
}

let db: Connector;
const find = (rows: IndicatorValue[], indicator: string, territory: string) => rows.find((r) => r.indicator === indicator && r.territory === territory)!;
const GROUP = { code: 'G', communes: ['93001', '93005', '93006'] };

beforeAll(async () => {
	db = await createNodeConnector();
	await db.registerFile('households.csv', households());
	const report = await loadDataset(db, { households: 'households.csv' });
	expect(report.households.rejected).toBe(0);
});

describe('runIndicators on synthetic data', () => {
	it('shows the commune of 5 households with its values, marked would_be_secret', async () => {
		const rows = await runIndicators(db, { group: GROUP, synthetic: true });
		// 5 households × weight 2.
		expect(find(rows, 'households', '93006')).toMatchObject({ value: 10, numerator: 10, suppressed: false, would_be_secret: true });
		// 3 poor persons of 5, weighted: 6 / 10 = 60 %.
		expect(find(rows, 'poverty_rate_60', '93006')).toMatchObject({ value: 60, numerator: 6, denominator: 10, suppressed: false, would_be_secret: true });
		// Median of 6 000, 9 600, 12 000, 18 000, 24 000 (equal weights): the 3rd value.
		expect(find(rows, 'median_living_standard', '93006')).toMatchObject({ value: 12000, suppressed: false, would_be_secret: true });
	});

	it('marks the secondary-secret neighbour too, and nothing else', async () => {
		const rows = await runIndicators(db, { group: GROUP, synthetic: true });
		// G = 93001 + 93005 + 93006 would give 93006 by subtraction: 93005 (11 rows, the smallest other) is secret too.
		expect(find(rows, 'households', '93005')).toMatchObject({ value: 22, suppressed: false, would_be_secret: true });
		expect(find(rows, 'households', '93001')).toMatchObject({ value: 24, suppressed: false, would_be_secret: false });
		expect(find(rows, 'households', 'G')).toMatchObject({ value: 56, would_be_secret: false }); // (12 + 11 + 5) × 2
		expect(find(rows, 'households', '93')).toMatchObject({ value: 96, would_be_secret: false }); // 48 × 2
		// A quantile cannot be derived from totals: 93005's median stays unmarked (primary secrecy only).
		expect(find(rows, 'median_living_standard', '93005')).toMatchObject({ value: 24000, would_be_secret: false });
		// Nothing is suppressed and every row says whether real data would hide it.
		expect(rows.every((r) => r.suppressed === false && typeof r.would_be_secret === 'boolean')).toBe(true);
	});

	it('without the flag: today’s suppression, no would_be_secret field', async () => {
		const rows = await runIndicators(db, { group: GROUP });
		expect(find(rows, 'households', '93006')).toEqual({
			indicator: 'households',
			territory: '93006',
			territory_type: 'commune',
			year: 2021,
			value: null,
			numerator: null,
			denominator: null,
			unit: 'ménages',
			suppressed: true,
			secret_reason: 'moins de 11 ménages'
		});
		expect(find(rows, 'households', '93005')).toMatchObject({ value: null, suppressed: true });
		expect(find(rows, 'poverty_rate_60', '93006')).toMatchObject({ value: null, numerator: null, denominator: null, suppressed: true });
		expect(rows.some((r) => 'would_be_secret' in r)).toBe(false);
		expect(JSON.stringify(await runIndicators(db, { group: GROUP, synthetic: false }))).toBe(JSON.stringify(rows));
	});

	it('the same pattern either way: real-data rows are the synthetic rows with the marked ones hidden', async () => {
		// Synthetic first: the shared statistics it leaves must not change what real data get.
		const synthetic = await runIndicators(db, { group: GROUP, synthetic: true });
		const real = await runIndicators(db, { group: GROUP });
		const hidden = synthetic.map(({ would_be_secret, ...r }) =>
			would_be_secret ? { ...r, value: null, numerator: null, denominator: null, suppressed: true } : r
		);
		expect(JSON.stringify(real)).toBe(JSON.stringify(hidden));
		expect(synthetic.filter((r) => r.would_be_secret).length).toBeGreaterThan(0);
	});
});

describe('distribution on synthetic data', () => {
	it('draws the bins of fewer than 11 rows with their weight, marked', async () => {
		// 93006's five levels fall in the bins of 2 000 € starting 6 000, 8 000, 12 000, 18 000, 24 000, weight 2 each.
		const bins = await distribution(db, { measure: 'living_standard', year: 2021, communes: ['93006'], synthetic: true });
		expect(bins.map((b) => [b.x0, b.weight, b.suppressed, b.would_be_secret])).toEqual([
			[6000, 2, false, true],
			[8000, 2, false, true],
			[12000, 2, false, true],
			[18000, 2, false, true],
			[24000, 2, false, true]
		]);
		const real = await distribution(db, { measure: 'living_standard', year: 2021, communes: ['93006'] });
		expect(real.map((b) => [b.x0, b.weight, b.suppressed])).toEqual(bins.map((b) => [b.x0, null, true]));
		expect(real.some((b) => 'would_be_secret' in b)).toBe(false);
		// 93007: 20 households at 24 000 €/year, one bin, not secret.
		const shown = await distribution(db, { measure: 'living_standard', year: 2021, communes: ['93007'], synthetic: true });
		expect(shown).toEqual([{ x0: 24000, x1: 26000, weight: 40, suppressed: false, would_be_secret: false }]);
	});
});
