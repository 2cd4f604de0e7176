/**
 * The Aides figures on synthetic data: the secrecy of cell.ts (primary, and the partitions' secondary) is
 * computed as on real data, but a cell it would hide keeps its value, `suppressed: false`, `would_be_secret:
 * true`; the tables carry the mark. Without the flag, nothing changes. Answers worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { activity } from '#lib/aid/activity.ts';
import { followup } from '#lib/aid/followup.ts';
import { profile } from '#lib/aid/profile.ts';
import { envelopeYears } from '#lib/aid/envelope.ts';
import { countCell, maskedCell, shareCell } from '#lib/aid/cell.ts';
import type { AidRow } from '#lib/aid/rows.ts';
import { aidTableCsv, aidTables, exportRows } from '#lib/aid/tables.ts';
import type { AidReport } from '#lib/aid/report.ts';

let seq = 0;
function req(o: Partial<AidRow> = {}): AidRow {
	const date_request = o.date_request ?? '2023-01-10';
	return {
		request_id: `r${++seq}`,
		household_id: null,
		commune: '93061',
		scheme: 'other',
		date_request,
		date_decision: null,
		aid_type: 'food',
		form: 'voucher',
		amount_requested: null,
		amount_granted: 0,
		decision: 'granted',
		renewal_rank: 0,
		referrer: 'ccas',
		outcome_6m: 'unknown',
		year: Number(date_request.slice(0, 4)),
		delay: null,
		profile: null,
		...o
	};
}
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const SECRET = { value: null, n: null, suppressed: true };

// January: 11 granted at 100 € and 1 refused; February: 5 granted at 50 €.
const rows = [
	...times(11, () => req({ date_request: '2023-01-05', amount_granted: 100 })),
	req({ date_request: '2023-01-20', decision: 'refused' }),
	...times(5, () => req({ date_request: '2023-02-03', amount_granted: 50 }))
];

describe('cells', () => {
	it('a secret cell keeps its value on synthetic data, and is today’s secret otherwise', () => {
		expect(countCell(5, { synthetic: true })).toEqual({ value: 5, n: 5, suppressed: false, would_be_secret: true });
		expect(countCell(11, { synthetic: true })).toEqual({ value: 11, n: 11, suppressed: false, would_be_secret: false });
		expect(countCell(5)).toEqual(SECRET);
		expect(Object.keys(countCell(11))).toEqual(['value', 'n', 'suppressed']);
		// 3 of 4 = 75 %, on 4 rows.
		expect(shareCell(3, 4, { synthetic: true })).toEqual({ value: 75, n: 4, suppressed: false, would_be_secret: true });
		// Masked by a partition although it rests on 20 rows.
		expect(maskedCell(1000, 20, true, { synthetic: true })).toEqual({ value: 1000, n: 20, suppressed: false, would_be_secret: true });
		expect(maskedCell(1000, 20, true)).toEqual(SECRET);
	});
});

describe('activity on synthetic data', () => {
	const a = activity(rows, { synthetic: true });
	const real = activity(rows);

	it('February’s 5 requests are shown, marked, and so is January, its secondary secret', () => {
		// Months [12, 5]: 5 < 11 is secret; the total 17 minus January would reveal it, so January goes too.
		expect(a.monthly.map((m) => [m.month, m.requests.value, m.requests.would_be_secret])).toEqual([
			['2023-01', 12, true],
			['2023-02', 5, true]
		]);
		// February's grants: 5 × 50 € = 250 €, on 5 grants.
		expect(a.monthly[1].amount).toEqual({ value: 250, n: 5, suppressed: false, would_be_secret: true });
		expect(a.monthly[0].amount).toEqual({ value: 1100, n: 11, suppressed: false, would_be_secret: true });
		expect(real.monthly[1].requests).toEqual(SECRET);
		expect(real.monthly[0].requests).toEqual(SECRET);
		expect(real.monthly[1].amount).toEqual(SECRET);
	});

	it('decisions: 1 refusal and 0 postponed are marked, and the 16 grants that would give them back', () => {
		// [16 granted, 1 refused, 0 postponed]: 17 − 16 would give the one refusal, so the grants would be secret
		// too, and the rate 16 / 17 with them; shown here, marked.
		expect(a.granted).toEqual({ value: 16, n: 16, suppressed: false, would_be_secret: true });
		expect(a.refused).toEqual({ value: 1, n: 1, suppressed: false, would_be_secret: true });
		expect(a.postponed).toEqual({ value: 0, n: 0, suppressed: false, would_be_secret: true });
		expect(real.refused).toEqual(SECRET);
		expect(real.granted).toEqual(SECRET);
		expect(a.grantRate.value).toBeCloseTo((100 * 16) / 17, 10);
		expect(a.grantRate.would_be_secret).toBe(true);
	});

	it('without the flag the report is exactly today’s: no would_be_secret anywhere', () => {
		const plain = JSON.stringify({ a: activity(rows, {}), p: profile(rows), f: followup(rows), e: envelopeYears(rows, ['93061']) });
		expect(plain).not.toContain('would_be_secret');
		expect(JSON.stringify(real)).toBe(JSON.stringify(activity(rows, { synthetic: false })));
		// The synthetic report hides nothing.
		expect(JSON.stringify(a)).not.toContain('"suppressed":true');
	});
});

describe('tables on synthetic data', () => {
	const report = (synthetic: boolean): AidReport => {
		const s = { synthetic };
		return {
			filter: { communes: ['93061'], from: 2023, to: 2023 },
			activity: activity(rows, s),
			profile: profile(rows, s),
			followup: followup(rows, s),
			envelope: envelopeYears(rows, ['93061'], undefined, s)
		};
	};

	it('the monthly table shows the values and marks them; the CSV writes « ◌ » and the legend', () => {
		const t = aidTables(report(true)).find((x) => x.id === 'mois')!;
		expect(t.rows.map((r) => r.slice(1, 3))).toEqual([
			['12', '11'],
			['5', '5']
		]);
		// Month, requests, grants, amount: every figure is marked (each month is secret or protects the other).
		expect(t.marked).toEqual([
			[false, true, true, true],
			[false, true, true, true]
		]);
		expect(exportRows(t)[1][1]).toBe('5 ◌');
		const csv = aidTableCsv(t);
		expect(csv).toContain(';5 ◌;');
		expect(csv).toContain('◌ : serait secret sur des données réelles : moins de 11 ménages');
	});

	it('on real data the same table reads « secret », carries no mark, and its CSV is unchanged', () => {
		const t = aidTables(report(false)).find((x) => x.id === 'mois')!;
		expect(t.rows.map((r) => r.slice(1))).toEqual([
			['secret', 'secret', 'secret'],
			['secret', 'secret', 'secret']
		]);
		expect('marked' in t).toBe(false);
		expect(aidTableCsv(t)).not.toContain('◌');
	});
});
