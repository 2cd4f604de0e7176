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
	it('does nothing when two cells are already masked or the total is secret', () => {
		const cells = new Map([
			['G', cell(30)],
			['X', cell(20)],
			['Y', cell(5, true)],
			['Z', cell(5, true)]
		]);
		expect(applySecondarySecrecy(cells, [{ totals: ['G'], members: ['X', 'Y', 'Z'] }])).toEqual([]);
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
		// Requests: 93005 has 5 → secret; 93006 and 93007 have none → secret too (0 rows), so the
		// département total (17) and 93001 (12) reveal only that the three others share 5 requests.
		expect(find(rows, 'aid_requests_count', '93005').suppressed).toBe(true);
		expect(find(rows, 'aid_requests_count', '93001').value).toBe(12);
		expect(find(rows, 'aid_requests_count', '93').value).toBe(17);
	});

	it('département − group: a commune outside the group cannot be revealed by the difference of the totals', async () => {
		// G2 = 93001 + 93005; outside: 93006 (secret) and 93007. 93 − G2 − 93007 = 93006, so 93007 is masked.
		const rows = await runIndicators(db, { group: { code: 'G2', communes: ['93001', '93005'] } });
		expect(find(rows, 'households', '93006').suppressed).toBe(true);
		expect(find(rows, 'households', '93007').suppressed).toBe(true);
		expect(find(rows, 'households', '93001').value).toBe(24);
		expect(find(rows, 'households', '93005').value).toBe(22);
		expect(find(rows, 'households', 'G2').value).toBe(46);
	});

	it('the threshold is configurable: at 3 rows nothing is masked', async () => {
		const rows = await runIndicators(db, { minRows: 3, group: { code: 'G', communes: ['93001', '93005', '93006'] } });
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
