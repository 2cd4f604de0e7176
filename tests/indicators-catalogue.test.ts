/**
 * Every catalogue indicator beyond the first six, in real DuckDB (wasm, Node build), on ten hand-made
 * households and nine requests whose answers are worked out by hand in the comments (DESIGN.md §4, §4.1).
 * Year 2021: poverty threshold 1 150 €/month → 13 800 €/year; 50 % threshold 5/6 of it → 11 500 €/year.
 * Secrecy is off here (0 rows) so that values show; secrecy has its own tests (indicators-secrecy.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadDataset } from '#lib/data/load.ts';
import { INDICATORS, THEMES } from '#lib/indicators/catalogue.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';

// Derived by hand (UC = 1 + 0.5 × (14+ − 1) + 0.3 × under 14; NV = 12 × disposable / UC;
// RAV/person/day = (resources − charges) / persons / 30, to the cent):
// id  w persons UC  resources charges disposable NV      RAV/p/d  RAV/UC/d  poor60 poor50
// h1  2  1      1    800      540      800       9 600    8.67     8.67      yes    yes
// h2  1  3      1.6  1 750    690      1 750     13 125   11.78    22.08     yes    no
// h3  1  5      2.4  2 700    950      2 700     13 500   11.67    24.31     yes    no
// h4  2  2      1.5  4 000    600      3 600     28 800   56.67    75.56     no     no
// h5  1  1      1    1 000    100      1 000     12 000   30.00    30.00     yes    no
// h6  1  1      1    600      750      600       7 200    -5.00    -5.00     yes    yes
// h7  1  1      1    100      600      -200      (out of the income field)   -16.67 -16.67
// h8  3  2      1.5  3 000    1 150    3 000     24 000   30.83              no     no   (93005)
// h9  1  2      1.3  1 300    710      1 300     12 000   9.83               yes    no   (93005)
// h10 1  3      1.8  5 000    700      4 500     30 000   47.78              no     no   (93005)
export const HOUSEHOLDS = `household_id,year,commune,weight,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,contract_ref,part_time_ref,workers,tenure,income_work,income_pension,benefit_rsa,benefit_activity,benefit_family,benefit_housing,benefit_disability,benefit_old_age,charge_rent,charge_energy,charge_tax
h1,2021,93001,2,1,0,single,25,employed,fixed_term,true,1,private_rent,600,0,0,0,0,200,0,0,500,40,0
h2,2021,93001,1,1,2,single_parent,35,employed,permanent,true,1,social_rent,1000,0,0,200,300,250,0,0,600,90,0
h3,2021,93001,1,2,3,couple_children,40,employed,permanent,false,1,social_rent,2000,0,0,0,400,300,0,0,800,150,0
h4,2021,93001,2,2,0,couple,60,employed,permanent,false,2,owner,4000,0,0,0,0,0,0,0,0,200,400
h5,2021,93001,1,1,0,single,80,retired,none,false,0,owner,0,700,0,0,0,0,0,300,0,100,0
h6,2021,93001,1,1,0,single,50,unemployed,none,false,0,private_rent,0,0,500,0,0,100,0,0,700,50,0
h7,2021,93001,1,1,0,single,45,employed,temp_agency,false,1,private_rent,100,0,0,0,0,0,0,0,300,0,300
h8,2021,93005,3,2,0,couple,70,retired,none,false,0,private_rent,0,3000,0,0,0,0,0,0,1000,150,0
h9,2021,93005,1,1,1,single_parent,28,employed,temp_agency,false,1,private_rent,900,0,0,150,100,150,0,0,650,60,0
h10,2021,93005,1,2,1,couple_children,42,employed,permanent,false,2,owner,5000,0,0,0,0,0,0,0,0,200,500
h1,2020,93001,50,1,0,single,24,employed,fixed_term,true,1,private_rent,600,0,0,0,0,200,0,0,500,40,0
`;

// r4 has no household; r6's household does not exist; r9 names h9, who lives in 93005, not 93001:
// the three are not linked. r7 is dated 2020 and left out of 2021.
export const REQUESTS = `request_id,household_id,commune,date_request,aid_type,form,amount_granted,decision,renewal_rank,outcome_6m
r1,h1,93001,2021-01-10,food,voucher,100,granted,0,stabilised
r2,h2,93001,2021-02-01,cash,cash,300,granted,1,degraded
r3,h5,93001,2021-03-01,food,voucher,0,refused,0,unknown
r4,,93001,2021-04-01,food,voucher,0,postponed,0,unknown
r5,h3,93001,2021-05-01,bill_energy,direct_payment,200,granted,0,unknown
r6,zz,93001,2021-06-01,cash,cash,50,granted,2,stabilised
r7,h4,93001,2020-12-31,cash,cash,1000,granted,0,stabilised
r8,h9,93005,2021-07-01,food,voucher,80,granted,0,stabilised
r9,h9,93001,2021-08-01,food,voucher,0,refused,0,unknown
`;

let rows: IndicatorValue[];
let local: IndicatorValue[];
const A = '93001';
const val = (indicator: string, territory = A, from = () => rows) => {
	const r = from().find((x) => x.indicator === indicator && x.territory === territory);
	if (!r) throw new Error(`${indicator} ${territory} absent`);
	return r.value;
};

beforeAll(async () => {
	const db = await createNodeConnector();
	await db.registerFile('households.csv', HOUSEHOLDS);
	await db.registerFile('aid_requests.csv', REQUESTS);
	const report = await loadDataset(db, { households: 'households.csv', aid_requests: 'aid_requests.csv' });
	expect(report.households.rejected).toBe(0);
	expect(report.aid_requests!.rejected).toBe(0);
	rows = await runIndicators(db, { minRows: 0, group: { code: 'G', communes: [A] } });
	local = await runIndicators(db, { minRows: 0, poverty: 'local', indicators: INDICATORS.filter((i) => i.id === 'poverty_rate_60') });
	await db.close();
});

describe('catalogue', () => {
	it('declares at least 30 indicators, once each, with every field filled', () => {
		expect(INDICATORS.length).toBeGreaterThanOrEqual(30);
		expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
		for (const i of INDICATORS) {
			for (const f of [i.label, i.definition, i.source, i.why, i.numeratorLabel]) expect(f.length, i.id).toBeGreaterThan(2);
			expect(Object.keys(THEMES)).toContain(i.theme);
		}
		for (const id of ['households', 'persons', 'median_living_standard', 'd1', 'd9', 'd9_d1_ratio', 'poverty_rate_60', 'working_poor_rate', 'single_parent_share', 'rav_under_5_share', 'aid_requests_per_1000', 'aid_grant_rate'])
			expect(INDICATORS.map((i) => i.id)).toContain(id);
	});
});

describe('ménages et familles (93001: 9 households, 17 persons)', () => {
	it('sizes and compositions', () => {
		// persons: h1 2×1 + h2 3 + h3 5 + h4 2×2 + h5 1 + h6 1 + h7 1 = 17; households 2+1+1+2+1+1+1 = 9
		expect(val('mean_household_size')).toBeCloseTo(17 / 9, 9);
		// one-person households: h1 (2), h5, h6, h7 → 5 of 9
		expect(val('single_person_share')).toBeCloseTo((100 * 5) / 9, 9);
		// families with children: h2 (single parent), h3 (couple, 3 children) → 1 of 2 each
		expect(val('single_parent_share')).toBeCloseTo(50, 9);
		expect(val('large_family_share')).toBeCloseTo(50, 9);
		// reference person under 30: h1 (w 2) → 2/9; 75 or older: h5 → 1/9
		expect(val('ref_under_30_share')).toBeCloseTo((100 * 2) / 9, 9);
		expect(val('ref_75_plus_share')).toBeCloseTo(100 / 9, 9);
	});
});

describe('revenus et inégalités', () => {
	// Income field of 93001 (h7 out): NV sorted with person weights h6 7 200 (1), h1 9 600 (2), h5 12 000 (1),
	// h2 13 125 (3), h3 13 500 (5), h4 28 800 (4); cumulative 1, 3, 4, 7, 12, 16.
	it('D9/D1 is the ratio of the deciles without interpolation', () => {
		// D1: target 1.6 → 9 600; D9: target 14.4 → 28 800; ratio 3
		expect(val('d9_d1_ratio')).toBeCloseTo(3, 9);
	});
	it('S80/S20 splits the household straddling a boundary', () => {
		// bottom 20 % = weight 3.2: h6 1 × 7 200 + h1 2 × 9 600 + h5 0.2 × 12 000 = 28 800
		// top 20 % = weight 12.8 → 16, all inside h4: 3.2 × 28 800 = 92 160 → 92 160 / 28 800 = 3.2
		expect(val('s80_s20_ratio')).toBeCloseTo(3.2, 9);
	});
	it('shares of benefits in disposable income', () => {
		// disposable × w: 1 600 + 1 750 + 2 700 + 7 200 + 1 000 + 600 = 14 850
		// benefits × w: h1 400 + h2 750 + h3 700 + h5 300 + h6 600 = 2 750
		expect(val('social_benefits_share')).toBeCloseTo((100 * 2750) / 14850, 9);
		// minima (RSA, prime d'activité, AAH, ASPA): h2 200 + h5 300 + h6 500 = 1 000
		expect(val('minima_income_share')).toBeCloseTo((100 * 1000) / 14850, 9);
		expect(val('rsa_income_share')).toBeCloseTo((100 * 500) / 14850, 9);
		// housing: h1 2 × 200 + h2 250 + h3 300 + h6 100 = 1 050; family: 300 + 400 = 700
		expect(val('housing_benefit_share')).toBeCloseTo((100 * 1050) / 14850, 9);
		expect(val('family_benefit_share')).toBeCloseTo((100 * 700) / 14850, 9);
	});
	it('département median over 93001 and 93005', () => {
		// + h9 12 000 (2), h8 24 000 (6), h10 30 000 (3): total 27; cumulative … h2 9, h3 14 ≥ 13.5 → 13 500
		expect(val('median_living_standard', '93')).toBe(13500);
	});
});

describe('pauvreté', () => {
	it('rates at 60 % and 50 % and the intensity', () => {
		// poor at 60 %: h6 1 + h1 2 + h5 1 + h2 3 + h3 5 = 12 of 16
		expect(val('poverty_rate_60')).toBeCloseTo(75, 9);
		// under 11 500: h6 1 + h1 2 = 3 of 16
		expect(val('poverty_rate_50')).toBeCloseTo(18.75, 9);
		// median of the poor (weight 12, target 6: cumulative 1, 3, 4, 7) = h2 13 125, published 13 130 (to 10 €)
		// → (13 800 − 13 130) / 13 800
		expect(val('poverty_intensity')).toBeCloseTo((100 * 670) / 13800, 9);
	});
	it('breakdowns by family type, tenure, age, and children', () => {
		expect(val('poverty_rate_single_parent')).toBeCloseTo(100, 9); // h2 3 of 3
		expect(val('poverty_rate_couple_children')).toBeCloseTo(100, 9); // h3 5 of 5
		expect(val('poverty_rate_single')).toBeCloseTo(100, 9); // h1 2, h5 1, h6 1, all poor (h7 out of the field)
		expect(val('poverty_rate_owners')).toBeCloseTo(20, 9); // h5 1 of h4 4 + h5 1
		expect(val('poverty_rate_ref_under_30')).toBeCloseTo(100, 9); // h1
		expect(val('poverty_rate_ref_75_plus')).toBeCloseTo(100, 9); // h5
		// département tenants: poor h1 2 + h2 3 + h3 5 + h6 1 + h9 2 = 13 of 13 + h8 6 = 19
		expect(val('poverty_rate_tenants', '93')).toBeCloseTo((100 * 13) / 19, 9);
		// children under 14: h2 2, h3 3, h9 1 poor; h10 1 not → 6 of 7
		expect(val('child_poverty_rate', '93')).toBeCloseTo((100 * 6) / 7, 9);
	});
	it('the local threshold switch uses 60 % of the data’s own median', () => {
		// median of all the data 13 500 (above) → threshold 8 100: only h6 (7 200, 1 person) of 16 in 93001
		expect(val('poverty_rate_60', A, () => local)).toBeCloseTo(6.25, 9);
	});
});

describe('travailleurs pauvres', () => {
	it('workers in poor households and the poor working households', () => {
		// workers × w: h1 2 (poor), h2 1 (poor), h3 1 (poor), h4 4 → 4 of 8
		expect(val('working_poor_rate')).toBeCloseTo(50, 9);
		// poor households: h1 2, h2 1, h3 1, h5 1, h6 1 = 6; with a worker: h1, h2, h3 = 4
		expect(val('poor_with_worker_share')).toBeCloseTo((100 * 4) / 6, 9);
		// among those 4: part-time h1 2 + h2 1 = 3; fixed-term or agency h1 2
		expect(val('working_poor_part_time_share')).toBeCloseTo(75, 9);
		expect(val('working_poor_temporary_share')).toBeCloseTo(50, 9);
	});
});

describe('reste à vivre (all households, weighted)', () => {
	// RAV/p/d sorted: h7 −16.67 (1), h6 −5.00 (1), h1 8.67 (2), h3 11.67 (1), h2 11.78 (1), h5 30.00 (1), h4 56.67 (2)
	it('distribution per person and per UC', () => {
		// published to 0.1 €/day (never an individual's value)
		expect(val('rav_median_person_day')).toBe(11.7); // target 4.5 → cumulative 5: 11.67
		expect(val('rav_d1_person_day')).toBe(-16.7); // target 0.9 → cumulative 1: −16.67
		// per UC: −16.67, −5.00, 8.67 (2), 22.08, 24.31, 30.00, 75.56 (2) → target 4.5 at 22.08
		expect(val('rav_median_uc_day')).toBe(22.1); // 22.08
	});
	it('shares under 5, 8, 10 € and negative', () => {
		expect(val('rav_under_5_share')).toBeCloseTo((100 * 2) / 9, 9); // h7, h6
		expect(val('rav_under_8_share')).toBeCloseTo((100 * 2) / 9, 9);
		expect(val('rav_under_10_share')).toBeCloseTo((100 * 4) / 9, 9); // + h1 (2)
		expect(val('rav_negative_share')).toBeCloseTo((100 * 2) / 9, 9);
		// département: + h9 9.83 → under 10: 5 of 14
		expect(val('rav_under_10_share', '93')).toBeCloseTo((100 * 5) / 14, 9);
	});
});

describe('minima sociaux, droits, logement', () => {
	it('households receiving each benefit', () => {
		expect(val('rsa_households_share')).toBeCloseTo(100 / 9, 9); // h6
		expect(val('activity_bonus_households_share')).toBeCloseTo(100 / 9, 9); // h2
		expect(val('aah_households_share')).toBe(0); // none: a true 0, not a secret
		expect(val('aspa_households_share')).toBeCloseTo(100 / 9, 9); // h5
		expect(val('housing_aid_households_share')).toBeCloseTo((100 * 5) / 9, 9); // h1 2, h2, h3, h6
		// poor working households h1 2, h2 1, h3 1; without prime d'activité: h1, h3 → 3 of 4
		expect(val('possible_non_take_up_share')).toBeCloseTo(75, 9);
	});
	it('tenure and housing cost', () => {
		expect(val('social_tenants_share')).toBeCloseTo((100 * 2) / 9, 9); // h2, h3
		expect(val('private_tenants_share')).toBeCloseTo((100 * 4) / 9, 9); // h1 2, h6, h7
		// rent > 33 % of resources: h1 500 > 264, h2 600 > 577.5, h6 700 > 198, h7 300 > 33; h3 800 ≤ 891
		// → 2 + 1 + 1 + 1 = 5 of tenants 2 + 1 + 1 + 1 + 1 = 6
		expect(val('housing_cost_over_33_share')).toBeCloseTo((100 * 5) / 6, 9);
	});
});

describe('activité des CCAS (93001, requests of 2021: r1–r6, r9)', () => {
	it('volume, rate per 1 000 households and grant rate', () => {
		expect(val('aid_requests_count')).toBe(7);
		expect(val('aid_requests_per_1000')).toBeCloseTo((1000 * 7) / 9, 9);
		// decided: r1 r2 r5 r6 granted, r3 r9 refused (r4 postponed) → 4 of 6
		expect(val('aid_grant_rate')).toBeCloseTo((100 * 4) / 6, 9);
	});
	it('amounts', () => {
		// granted: 100, 300, 200, 50 → mean 650 / 4; median: sorted 50, 100, 200, 300, target 2 → 100
		expect(val('aid_mean_amount')).toBeCloseTo(162.5, 9);
		expect(val('aid_median_amount')).toBe(100);
		expect(val('aid_amount_per_inhabitant')).toBeCloseTo(650 / 17, 9);
	});
	it('working households, renewals and outcome at 6 months', () => {
		// linked: r1 (h1, 1 worker), r2 (h2, 1), r3 (h5, 0), r5 (h3, 1) → 3 of 4
		expect(val('aid_working_households_share')).toBeCloseTo(75, 9);
		// granted with renewal rank ≥ 1: r2, r6 → 2 of 4
		expect(val('aid_renewal_share')).toBeCloseTo(50, 9);
		// granted with a known outcome: r1 stabilised, r2 degraded, r6 stabilised → 2 of 3
		expect(val('aid_outcome_stabilised_share')).toBeCloseTo((100 * 2) / 3, 9);
	});
	it('the group equals its only commune, and 93005 has one request of 2021', () => {
		expect(val('aid_requests_count', 'G')).toBe(7);
		expect(val('aid_requests_count', '93005')).toBe(1); // r8
		expect(val('aid_requests_count', '93')).toBe(8);
	});
});
