/**
 * aidRows on a hand-made folder loaded through validation: the link to households (same id, commune and
 * year of the request), derived profile, delays, and a decision before its request rejected at import.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadFolder } from '#lib/data/folder.ts';
import type { DatasetReport } from '#lib/data/load.ts';
import type { Connector } from '#lib/db/connector.ts';
import { aidRows } from '#lib/aid/rows.ts';
import { aidReport } from '#lib/aid/report.ts';
import { COMPARE_INDICATORS, compareRows } from '#lib/aid/compare.ts';
import { runIndicators } from '#lib/indicators/run.ts';

let db: Connector;
let report: DatasetReport;

// 2023 threshold: 1 288 €/month × 12 = 15 456 €/year (measures/living-standard.ts).
// H1: single, employed, 1 worker, 800 €/month work, rent 600 → niveau de vie 9 600 < 15 456: poor, working poor;
//     RAV (800 − 600) / 1 person / 30 = 6.67 €/day → band 5–8 €.
// H2: single, employed, 3 000 €/month → 36 000: not poor.
// H3: single, retired, 0 workers, 900 €/month pension → 10 800: poor, not a working poor.
// Deciles (persons-weighted, 1 person each, sorted 9 600, 10 800, 36 000): cumulative 1/3, 2/3, 1 → ceil(10 × share) = 4, 7, 10.
const HOUSEHOLDS = `household_id,year,commune,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,workers,tenure,income_work,income_pension,charge_rent
H1,2023,93061,1,0,single,30,employed,1,private_rent,800,0,600
H2,2023,93061,1,0,single,40,employed,1,private_rent,3000,0,0
H3,2023,93061,1,0,single,70,retired,0,owner,0,900,0
`;
const REQUESTS = `request_id,household_id,commune,scheme,date_request,date_decision,aid_type,form,amount_granted,decision
r1,H1,93061,pre-saint-gervais,2023-03-01,2023-03-11,food,voucher,150,granted
r2,H2,93061,other,2023-03-02,2023-03-04,cash,cash,0,refused
r3,H3,93061,other,2023-04-01,,food,voucher,0,postponed
r4,zzz,93061,other,2023-04-02,2023-04-03,food,voucher,80,granted
r5,H1,93061,other,2023-05-10,2023-05-01,food,voucher,80,granted
r6,H1,93061,other,2022-05-10,2022-05-12,food,voucher,80,granted
r7,H1,93001,other,2023-05-10,2023-05-12,food,voucher,80,granted
`;

beforeAll(async () => {
	const dir = mkdtempSync(join(tmpdir(), 'vigie-aid-'));
	writeFileSync(join(dir, 'households-2023.csv'), HOUSEHOLDS);
	writeFileSync(join(dir, 'aid_requests.csv'), REQUESTS);
	db = await createNodeConnector();
	report = await loadFolder(db, dir);
});
afterAll(async () => {
	await db?.close();
});

describe('aidRows', () => {
	it('rejects a decision dated before its request at import', () => {
		// r5: decided 2023-05-01 for a request of 2023-05-10.
		expect(report.aid_requests!.rejected).toBe(1);
	});

	it('links each request to the household of the same id, commune and year, with its profile', async () => {
		const rows = await aidRows(db, { communes: ['93061'], from: 2022, to: 2023 });
		const by = Object.fromEntries(rows.map((r) => [r.request_id, r]));
		expect(Object.keys(by).sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r6']);
		expect(by.r1.profile).toMatchObject({ working_poor: true, poor: true, rav_band: '5–8 €', decile: 4 });
		expect(by.r2.profile).toMatchObject({ working_poor: false, poor: false, decile: 10 });
		expect(by.r3.profile).toMatchObject({ working_poor: false, poor: true, decile: 7 });
		// Unknown household, and a request of 2022 (no household year 2022): not linked.
		expect(by.r4.profile).toBeNull();
		expect(by.r6.profile).toBeNull();
		// Delay: 1 → 11 March = 10 days; postponed: none.
		expect(by.r1.delay).toBe(10);
		expect(by.r2.delay).toBe(2);
		expect(by.r3.delay).toBeNull();
		expect(by.r6.year).toBe(2022);
	});

	it('keeps the chosen communes only and reports with secrecy', async () => {
		const r = await aidReport(db, { communes: ['93061'], from: 2023, to: 2023 });
		// 4 requests of 93061 dated 2023: secret (never 0, never 4).
		expect(r.activity.requests).toEqual({ value: null, n: null, suppressed: true });
		expect(r.envelope.map((e) => [e.commune, e.envelope])).toEqual([['93061', 12000]]);
		const all = await aidRows(db, { communes: [], from: 2023, to: 2023 });
		expect(all.map((x) => x.request_id).sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r7']);
	});

	it('compares CCAS with the catalogue’s aid indicators (those of vigie indicators)', async () => {
		const values = await runIndicators(db, { year: 2023, indicators: COMPARE_INDICATORS });
		const rows = compareRows(values, ['93061']);
		// The chosen commune, then its département; 93001 (not chosen) is left out.
		expect(rows.map((r) => [r.type, r.territory])).toEqual([
			['commune', '93061'],
			['departement', '93']
		]);
		// 4 requests of 93061 in 2023: secret, as everywhere.
		expect(rows[0].figures.aid_requests_count).toEqual({ value: null, unit: 'demandes', suppressed: true });
		expect(Object.keys(rows[0].figures).sort()).toEqual(COMPARE_INDICATORS.map((i) => i.id).sort());
	});
});
