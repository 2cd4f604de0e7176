/**
 * The Aides page's functions on hand-made registers whose answers are worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { activity } from '#lib/aid/activity.ts';
import { envelopes, envelopeYears, runOutMonth } from '#lib/aid/envelope.ts';
import { followup } from '#lib/aid/followup.ts';
import { profile } from '#lib/aid/profile.ts';
import type { AidRow, HouseholdProfile } from '#lib/aid/rows.ts';
import { partitionMask, quantile } from '#lib/aid/cell.ts';

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
const hh = (o: Partial<HouseholdProfile>): HouseholdProfile => ({
	family_type: 'single',
	activity_ref: 'employed',
	contract_ref: 'permanent',
	part_time_ref: false,
	workers: 1,
	poor: true,
	working_poor: true,
	rav_band: '5–8 €',
	decile: 1,
	...o
});

describe('cells', () => {
	it('quantile is the smallest value whose cumulative count reaches q (no interpolation)', () => {
		// 4 values: q=0.5 → 2nd value (2/4 ≥ 0.5); q=0.51 → 3rd.
		expect(quantile([10, 20, 30, 40], 0.5)).toBe(20);
		expect(quantile([10, 20, 30, 40], 0.51)).toBe(30);
	});
	it('a lone secret part of a shown total takes the smallest other part with it', () => {
		// [15, 12, 3]: 3 < 11 is secret; 15 + 12 + 3 = 30 would reveal it, so 12 (the smallest other) is masked.
		expect(partitionMask([15, 12, 3])).toEqual([false, true, true]);
		// Two secret parts protect each other only if they hold 11 rows or more together: 5 + 0 = 5 would be
		// 25 − 20, so 20 goes too. An empty part protects nothing.
		expect(partitionMask([20, 5, 0])).toEqual([true, true, true]);
		expect(partitionMask([20, 5, 6])).toEqual([false, true, true]);
	});
});

describe('activity', () => {
	// January: 12 requests, 11 granted at 100 € and 1 refused; February: 5 granted at 50 €; March: none;
	// April: 11 granted at 200 €.
	const rows = [
		...times(11, () => req({ date_request: '2023-01-05', amount_granted: 100 })),
		req({ date_request: '2023-01-20', decision: 'refused' }),
		...times(5, () => req({ date_request: '2023-02-03', amount_granted: 50 })),
		...times(11, () => req({ date_request: '2023-04-12', amount_granted: 200, aid_type: 'bill_energy', form: 'direct_payment' }))
	];
	const a = activity(rows);

	it('counts requests and grants by month of the request, secret under 11, empty months included', () => {
		expect(a.monthly.map((m) => m.month)).toEqual(['2023-01', '2023-02', '2023-03', '2023-04']);
		// February (5) and March (0) are secret; the year's 28 − 12 − 11 would give their 5: April (11, the smallest
		// other month) is masked as well. Grants alike: 27 − 11 − 11 = 5, January and April tie at 11: the first goes.
		expect(a.monthly.map((m) => m.requests.value)).toEqual([12, null, null, null]);
		expect(a.monthly.map((m) => m.granted.value)).toEqual([null, null, null, 11]);
		expect(a.monthly[1].requests).toEqual(SECRET);
		// Amounts follow the grants: January's (11 × 100 €) is masked with them, April's 11 × 200 = 2 200 € shown.
		expect(a.monthly[0].amount.value).toBeNull();
		expect(a.monthly[3].amount.value).toBe(2200);
	});

	it('grant rate = granted / (granted + refused)', () => {
		// 11 + 5 + 11 = 27 granted, 1 refused: 27 / 28 = 96.43 %.
		// 1 refusal: 28 requests − 27 granted would give it, so the 27 and the rate (27 / 28) are secret with it.
		expect(a.requests.value).toBe(28);
		expect(a.granted).toEqual(SECRET);
		expect(a.grantRate).toEqual(SECRET);
		expect(a.refused).toEqual(SECRET);
		expect(a.postponed).toEqual(SECRET);
		// Two more refusals and eleven more grants: 38 granted of 41, refused 3 + postponed 0 still isolate 3.
		const b = activity([...rows, ...times(11, () => req({ date_request: '2023-05-02' })), ...times(2, () => req({ date_request: '2023-05-03', decision: 'refused' }))]);
		expect(b.granted).toEqual(SECRET);
		// With 11 refusals the partition holds: 27 granted, 11 refused shown; the rate 27 / 38.
		const c = activity([...rows, ...times(10, () => req({ date_request: '2023-05-03', decision: 'refused' })), ...times(11, () => req({ date_request: '2023-05-04', decision: 'postponed' }))]);
		expect(c.granted.value).toBe(27);
		expect(c.refused.value).toBe(11);
		expect(c.grantRate.value).toBeCloseTo((100 * 27) / 38, 10);
	});

	it('breaks down by type and form with secrecy', () => {
		const food = a.byType.find((b) => b.key === 'food')!;
		// food: 17 requests, 16 granted, 16 / 17 decided.
		expect(food.requests.value).toBe(17);
		expect(food.grantRate.value).toBeCloseTo((100 * 16) / 17, 10);
		expect(a.byType.find((b) => b.key === 'bill_energy')!.granted.value).toBe(11);
		expect(a.byType.find((b) => b.key === 'cash')!.requests).toEqual(SECRET);
		expect(a.byForm.find((b) => b.key === 'direct_payment')!.amount.value).toBe(2200);
	});

	it('gives the distribution of amounts, not only the mean', () => {
		// 27 grants sorted: 5 × 50, 11 × 100, 11 × 200. Median: ceil(13.5) = 14th → 100; 10th centile: ceil(2.7) = 3rd → 50;
		// 90th: ceil(24.3) = 25th → 200. Mean: (250 + 1100 + 2200) / 27 = 131.48.
		const q = Object.fromEntries(a.amounts.quantiles.map((x) => [x.q, x.value.value]));
		expect(q[0.5]).toBe(100);
		expect(q[0.1]).toBe(50);
		expect(q[0.9]).toBe(200);
		expect(a.amounts.mean.value).toBeCloseTo(3550 / 27, 10);
		// Bands 0–99: 5 (secret), 100–199: 11, 200–299: 11; the other bands are empty (secret). 27 − 11 − 11 would
		// give the 5: the first band of 11 is masked too.
		expect(a.amounts.bands.map((b) => b.count.value)).toEqual([null, null, 11, null, null, null]);
	});

	it('gives delays between request and decision (postponed left out)', () => {
		// 11 decided in 3 days, 11 in 20 days, 4 postponed (no delay). Median of 22: 11th → 3; 75th centile: ceil(16.5) = 17th → 20.
		const d = activity([
			...times(11, () => req({ delay: 3 })),
			...times(11, () => req({ delay: 20, decision: 'refused' })),
			...times(4, () => req({ decision: 'postponed' }))
		]).delays;
		const q = Object.fromEntries(d.quantiles.map((x) => [x.q, x.value.value]));
		expect(q[0.5]).toBe(3);
		expect(q[0.75]).toBe(20);
		expect(d.bands.map((b) => b.count.value)).toEqual([11, null, 11, null, null]);
		// Fewer than 11 delays: every quantile is secret.
		expect(activity(times(10, () => req({ delay: 5 }))).delays.quantiles.every((x) => x.value.suppressed)).toBe(true);
	});
});

describe('profile', () => {
	// 2023: 12 requests of working poor households (9 granted), 10 of non-poor workers (all granted), 3 unlinked.
	const rows = [
		...times(12, (i) => req({ profile: hh({}), decision: i < 9 ? 'granted' : 'refused' })),
		...times(10, () => req({ profile: hh({ poor: false, working_poor: false, family_type: 'couple', decile: 6 }) })),
		...times(3, () => req({}))
	];
	const p = profile(rows);
	it('shares of working poor among applicants and beneficiaries by year', () => {
		// Applicants: 12 / 22 = 54.5 %; beneficiaries: 9 / 19 — a share of 9 beneficiaries, secret (1 to 10).
		expect(p.workingPoor).toHaveLength(1);
		expect(p.workingPoor[0].applicantsShare.value).toBeCloseTo((100 * 12) / 22, 10);
		expect(p.workingPoor[0].beneficiariesShare).toEqual(SECRET);
		// 22 of 25 requests link to a household.
		expect(p.linkedShare.value).toBeCloseTo(88, 10);
	});
	it('profile rows with secrecy on counts and on the shares beside them', () => {
		const single = p.rows.find((r) => r.dimension === 'type de ménage' && r.category === 'single')!;
		// 12 singles, 10 couples (secret), no other type: 22 − 12 would give the 10 couples, so 12 is masked too.
		expect(single.applicants).toEqual(SECRET);
		expect(single.applicantsShare).toEqual(SECRET);
		// 9 single beneficiaries: secret, and so is their share.
		expect(single.beneficiaries).toEqual(SECRET);
		expect(single.beneficiariesShare).toEqual(SECRET);
		const couple = p.rows.find((r) => r.dimension === 'type de ménage' && r.category === 'couple')!;
		// 10 couples: secret (10 < 11).
		expect(couple.applicants).toEqual(SECRET);
	});
});

describe('follow-up', () => {
	// 30 first grants (200 €) to h1…h30 in 2023-T1 (11) and T2 (19); 15 renewals at −50 % (100 €) to h1…h15;
	// 3 second renewals (100 €) to h1…h3.
	const rows = [
		...times(30, (i) => req({ household_id: `h${i + 1}`, amount_granted: 200, date_request: i < 11 ? '2023-02-01' : '2023-05-01' })),
		...times(15, (i) => req({ household_id: `h${i + 1}`, amount_granted: 100, renewal_rank: 1, date_request: '2023-08-01' })),
		...times(3, (i) => req({ household_id: `h${i + 1}`, amount_granted: 100, renewal_rank: 2, date_request: '2023-11-01' }))
	];
	const f = followup(rows);
	it('counts first grants and renewals, with their mean amounts', () => {
		// Ranks 30, 15, 3, 0: 48 − 30 − 15 would give the 3 second renewals, so the 15 renewals are masked too.
		expect(f.ranks.map((r) => r.granted.value)).toEqual([30, null, null, null]);
		expect(f.ranks[0].meanAmount.value).toBe(200);
		expect(f.ranks[1].meanAmount).toEqual(SECRET);
	});
	it('counts households helped several times, with secondary secrecy', () => {
		// h1…h3: 3 times; h4…h15: 2 times (12); h16…h30: once (15). 3 is secret, so 12 is masked too.
		expect(f.helped.map((h) => h.households.value)).toEqual([15, null, null]);
	});
	it('gives cohorts by quarter of first grant, secret under 11', () => {
		expect(f.cohorts.map((c) => c.category)).toEqual(['2023-T1', '2023-T2']);
		expect(f.cohorts[0].granted.value).toBe(11);
		// Outcomes all unknown: no known outcome, shares secret.
		expect(f.cohorts[0].stabilised).toEqual(SECRET);
	});
	it('gives outcomes at six months by profile, aid type and amount band', () => {
		// Working poor: 14 grants, 2 unknown; of 12 known: 6 stabilised, 3 unchanged, 3 degraded → 50 / 25 / 25 %.
		// Others: 5 grants → secret.
		const outcomes = ['stabilised', 'stabilised', 'stabilised', 'stabilised', 'stabilised', 'stabilised', 'unchanged', 'unchanged', 'unchanged', 'degraded', 'degraded', 'degraded', 'unknown', 'unknown'] as const;
		const o = followup([
			...outcomes.map((outcome_6m) => req({ profile: hh({}), outcome_6m, amount_granted: 150, aid_type: 'cash' })),
			...times(5, () => req({ profile: hh({ working_poor: false }), outcome_6m: 'stabilised', amount_granted: 450 }))
		]).outcomes;
		const wp = o.find((r) => r.group === 'travailleur pauvre' && r.category === 'oui')!;
		expect(wp.granted.value).toBe(14);
		expect(wp.known.value).toBe(12);
		// 6, 3 and 3 households: shares of 1 to 10 households, secret (DESIGN.md §4.1).
		expect([wp.stabilised.value, wp.unchanged.value, wp.degraded.value]).toEqual([null, null, null]);
		expect(o.find((r) => r.group === 'travailleur pauvre' && r.category === 'non')!.stabilised).toEqual(SECRET);
		// Cash: the same 14 grants, 6 stabilised: secret; 100–199 €: 3 degraded, secret.
		expect(o.find((r) => r.group === 'type d’aide' && r.category === 'cash')!.stabilised).toEqual(SECRET);
		expect(o.find((r) => r.group === 'montant accordé' && r.category === '100–199 €')!.degraded).toEqual(SECRET);
		// All 19 together: 17 known, 6 + 5 = 11 stabilised → 64.7 %.
		expect(o[0].stabilised.value).toBeCloseTo((100 * 11) / 17, 10);
	});
});

describe('envelope', () => {
	it('reads the yearly envelope of Le Pré-Saint-Gervais from its scheme', () => {
		expect(envelopes().get('93061')).toEqual({ scheme: 'pre-saint-gervais', envelope: 12000 });
		expect(envelopes().has('93001')).toBe(false);
	});
	it('projects the month the envelope runs out at the current pace', () => {
		// 12 grants of 250 € per month, January to March: 9 000 € in 3 months → 3 000 €/month → 12 000 € in April (month 4).
		expect(runOutMonth(12000, 9000, 3)).toBe(4);
		// 1 000 €/month lasts the year (12 months × 1 000 = 12 000 reached in December); 900 €/month does not.
		expect(runOutMonth(12000, 3000, 3)).toBe(12);
		expect(runOutMonth(12000, 2700, 3)).toBeNull();
		const rows = [
			...[1, 2, 3].flatMap((m) => times(12, () => req({ scheme: 'pre-saint-gervais', amount_granted: 250, date_request: `2023-0${m}-15` }))),
			// Another scheme of the commune does not draw on this envelope.
			...times(20, () => req({ scheme: 'other', amount_granted: 400, date_request: '2023-02-01' })),
			...times(12, () => req({ commune: '93001', amount_granted: 100, date_request: '2023-03-01' }))
		];
		const [psg, other] = envelopeYears(rows, ['93061', '93001']);
		expect(psg.envelope).toBe(12000);
		expect(psg.spent.value).toBe(9000);
		expect(psg.months.map((m) => m.cumulative.value)).toEqual([3000, 6000, 9000]);
		// 9 000 / 12 000 = 75 % used at the end of March.
		expect(psg.months[2].used.value).toBe(75);
		expect(psg.runOutMonth).toBe(4);
		expect(psg.exhausted).toBe(false);
		expect(other.envelope).toBeNull();
		expect(other.runOutMonth).toBeNull();
	});
	it('gives the month the envelope was reached when it is already spent', () => {
		// 3 000 € a month from January to May: 12 000 € reached at the end of April.
		const rows = [1, 2, 3, 4, 5].flatMap((m) => times(12, () => req({ scheme: 'pre-saint-gervais', amount_granted: 250, date_request: `2023-0${m}-15` })));
		const [psg] = envelopeYears(rows, ['93061']);
		expect(psg.exhausted).toBe(true);
		expect(psg.runOutMonth).toBe(4);
		// A month with fewer than 11 grants is secret.
		const [small] = envelopeYears([req({ scheme: 'pre-saint-gervais', amount_granted: 300 })], ['93061']);
		expect(small.months[0].spent).toEqual(SECRET);
	});
});
