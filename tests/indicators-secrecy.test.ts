/**
 * Statistical secrecy (DESIGN.md §4.1): primary (fewer than 11 unweighted rows), secondary (a total
 * must not reveal a masked cell), the configurable threshold, and empty groups.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { loadDataset } from '#lib/data/load.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';
import { applySecondarySecrecy, type SecrecyCell } from '#lib/indicators/secrecy.ts';

describe('applySecondarySecrecy (pure)', () => {
	const cell = (n: number, suppressed = false): SecrecyCell => ({ n, denominator: n, suppressed });
	it('masks the smallest other member when two communes would reveal the third through the group total', () => {
		// G = X + Y + Z; Z is secret (3 rows). Publishing G, X and Y gives Z = G − X − Y: Y (11 rows) goes too.
		const cells = new Map([
			['G', cell(26)],
			['X', cell(12)],
			['Y', cell(11)],
			['Z', cell(3, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['X', 'Y', 'Z'] }])).toEqual(['Y']);
		expect(cells.get('X')!.suppressed).toBe(false);
		expect(cells.get('G')!.suppressed).toBe(false);
	});
	it('masks the total when no other member is left to mask', () => {
		const cells = new Map([
			['G', cell(3)],
			['Z', cell(3, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['Z'] }])).toEqual(['G']);
	});
	it('does nothing when the masked cells together rest on 11 rows or more', () => {
		const cells = new Map([
			['G', cell(31)],
			['X', cell(20)],
			['Y', cell(5, true)],
			['Z', cell(6, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['X', 'Y', 'Z'] }])).toEqual([]);
	});
	it('masks one more when the masked cells together rest on fewer than 11 rows', () => {
		// G − X = Y + Z = 10 rows: the total would publish a figure about 10 households.
		const cells = new Map([
			['G', cell(30)],
			['X', cell(20)],
			['Y', cell(5, true)],
			['Z', cell(5, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['X', 'Y', 'Z'] }])).toEqual(['X']);
	});
	it('numerators too: two masked cells whose numerators add to 1 to 10 rows take another with them', () => {
		// Y and Z: 30 households each, 2 and 3 of them counted (e.g. poor): G − X would count 5 households.
		const c = (n: number, nNum: number, suppressed = false): SecrecyCell => ({ n, nNum, denominator: n, suppressed });
		const cells = new Map([
			['G', c(100, 25)],
			['X', c(40, 20)],
			['Y', c(30, 2, true)],
			['Z', c(30, 3, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['X', 'Y', 'Z'] }])).toEqual(['X']);
	});
	it('does nothing when the total is secret', () => {
		const cells = new Map([
			['G', cell(5, true)],
			['X', cell(2)],
			['Y', cell(3, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['X', 'Y'] }])).toEqual([]);
	});
});

// Households: 93001 × 12, 93005 × 11, 93006 × 3, 93007 × 20 (weight 2 each); requests: 93001 × 12, 93005 × 5.
function households(): string {
	const head = 'household_id,year,commune,weight,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure,income_work';
	const lines = [head];
	for (const [commune, n] of [['93001', 12], ['93005', 11], ['93006', 3], ['93007', 20]] as const)
		for (let i = 0; i < n; i++) lines.push(`${commune}-${i},2021,${commune},2,1,0,single,40,employed,private_rent,${1000 + 100 * i}`);
	return lines.join('\n') + '\n';
}
function requests(): string {
	const lines = ['request_id,commune,date_request,aid_type,form,amount_granted,decision'];
	for (const [commune, n] of [['93001', 12], ['93005', 5]] as const)
		for (let i = 0; i < n; i++) lines.push(`${commune}-r${i},${commune},2021-03-01,food,voucher,100,granted`);
	return lines.join('\n') + '\n';
}

let db: Connector;
const find = (rows: IndicatorValue[], indicator: string, territory: string) => rows.find((r) => r.indicator === indicator && r.territory === territory)!;

beforeAll(async () => {
	db = await createNodeConnector();
	await db.registerFile('households.csv', households());
	await db.registerFile('aid_requests.csv', requests());
	const report = await loadDataset(db, { households: 'households.csv', aid_requests: 'aid_requests.csv' });
	expect(report.households.rejected).toBe(0);
});

describe('secrecy in runIndicators', () => {
	it('primary and secondary: group G = 93001 + 93005 + 93006 with 93006 secret masks 93005 as well', async () => {
		const rows = await runIndicators(db, { group: { code: 'G', communes: ['93001', '93005', '93006'] } });
		const hh = (t: string) => find(rows, 'households', t);
		expect(hh('93006')).toMatchObject({ value: null, numerator: null, suppressed: true }); // 3 rows
		expect(hh('93005')).toMatchObject({ value: null, numerator: null, suppressed: true }); // smallest other member
		expect(hh('93001').value).toBe(24); // 12 × 2
		expect(hh('93007').value).toBe(40);
		expect(hh('G').value).toBe(52); // (12 + 11 + 3) × 2
		expect(hh('93').value).toBe(92);
		// A quantile cannot be derived from totals: 93005's median (11 rows) stays shown.
		expect(find(rows, 'median_living_standard', '93005').suppressed).toBe(false);
		// Requests: 93005 has 5 → secret; 93006 and 93007 have none → secret too (0 rows). The département (17)
		// minus 93001 (12) would isolate 5 requests among the three: 93001 is masked as well.
		expect(find(rows, 'aid_requests_count', '93005').suppressed).toBe(true);
		expect(find(rows, 'aid_requests_count', '93001')).toMatchObject({ value: null, suppressed: true });
		expect(find(rows, 'aid_requests_count', '93').value).toBe(17);
	});

	it('one pattern whatever the group: a group holding some, not all, of the secret communes is secret', async () => {
		// The pattern is the dataset's: 93006 (3 rows) and 93005 (masked beside it in 93) whatever is asked.
		// G2 = 93001 + 93005 holds 93005 but not 93006: published, G2 − 93001 would give 93005 back, so G2 is secret.
		// 93007 stays shown: 93 − 93001 − 93007 = 93005 + 93006, 14 rows together.
		const rows = await runIndicators(db, { group: { code: 'G2', communes: ['93001', '93005'] } });
		const plain = await runIndicators(db, {});
		for (const t of ['93001', '93005', '93006', '93007', '93'])
			expect(find(rows, 'households', t), t).toEqual(find(plain, 'households', t));
		expect(find(rows, 'households', '93006').suppressed).toBe(true);
		expect(find(rows, 'households', '93005').suppressed).toBe(true);
		expect(find(rows, 'households', '93007').value).toBe(40);
		expect(find(rows, 'households', '93001').value).toBe(24);
		expect(find(rows, 'households', 'G2')).toMatchObject({ value: null, suppressed: true, secret_reason: 'contiendrait des communes sous le secret' });
	});

	it('a group of secret communes is shown when it holds all of them, as the département does', async () => {
		const rows = await runIndicators(db, { group: { code: 'S', communes: ['93005', '93006'] } });
		expect(find(rows, 'households', 'S').value).toBe(28); // (11 + 3) × 2, what 93 − 93001 − 93007 gives already
		expect(find(rows, 'households', '93006')).toMatchObject({ suppressed: true, secret_reason: 'moins de 11 ménages' });
		expect(find(rows, 'households', '93005')).toMatchObject({ suppressed: true, secret_reason: 'un total le révélerait (secret secondaire)' });
	});

	it('a count numerator of 1 to 10 rows is secret: 2 poor households of 20 in 93007', async () => {
		// 93007: incomes 1 000 + 100 i €/month, single → 12 000 + 1 200 i €/year; under the 2021 threshold of 13 800 €:
		// i = 0, 1 only. Its 20 households are shown, its poverty rate (2 poor households) is not.
		const rows = await runIndicators(db, {});
		expect(find(rows, 'households', '93007').value).toBe(40);
		expect(find(rows, 'poverty_rate_60', '93007')).toMatchObject({ value: null, suppressed: true, secret_reason: 'moins de 11 ménages' });
		// Every commune has 2 poor households (93006: 1 000, 1 100 of its 3): 8 in 93, under 11 too.
		expect(find(rows, 'poverty_rate_60', '93').suppressed).toBe(true);
	});

	it('the threshold is configurable: at 3 rows nothing is masked', async () => {
		const rows = await runIndicators(db, { minRows: 3, group: { code: 'G', communes: ['93001', '93005', '93006'] } });
		expect(find(rows, 'households', 'G').value).toBe(52);
		expect(find(rows, 'households', '93006').value).toBe(6);
		expect(find(rows, 'households', '93005').value).toBe(22);
		expect(find(rows, 'households', '93007').value).toBe(40);
	});

	it('an empty group is output as secret, never 0', async () => {
		const rows = await runIndicators(db, { group: { code: 'VIDE', communes: ['93099'] } });
		for (const id of ['households', 'poverty_rate_60', 'median_living_standard', 'aid_requests_per_1000'])
			expect(find(rows, id, 'VIDE')).toMatchObject({ territory_type: 'group', value: null, suppressed: true });
	});
});
