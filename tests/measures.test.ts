/**
 * Household measures on tiny hand-made households. Every expected value is worked out by hand in the
 * comment beside it, from the definitions of domain.md §3.1 and DESIGN.md §3/§4 — not from the code.
 */
import { describe, expect, it } from 'vitest';
import type { Household } from '#lib/data/schema.ts';
import {
	consumptionUnits,
	disposableMonthly,
	isPoor,
	livingStandard,
	povertyThreshold,
	weightedQuantile
} from '#lib/measures/living-standard.ts';

export function household(over: Partial<Household>): Household {
	return {
		household_id: 'h',
		year: 2021,
		commune: '93061',
		iris: null,
		weight: 1,
		persons_14_plus: 1,
		persons_under_14: 0,
		family_type: 'single',
		age_ref: 40,
		activity_ref: 'employed',
		contract_ref: 'permanent',
		part_time_ref: false,
		workers: 1,
		recent_job_loss: false,
		tenure: 'private_rent',
		years_in_commune: 3,
		social_followup: false,
		overindebted: 'none',
		income_work: 0,
		income_unemployment: 0,
		income_pension: 0,
		income_other: 0,
		benefit_rsa: 0,
		benefit_activity: 0,
		benefit_family: 0,
		benefit_housing: 0,
		benefit_disability: 0,
		benefit_old_age: 0,
		charge_rent: 0,
		charge_energy: 0,
		charge_water: 0,
		charge_insurance: 0,
		charge_health: 0,
		charge_debt: 0,
		charge_childcare: 0,
		charge_alimony: 0,
		charge_transport: 0,
		charge_tax: 0,
		charge_other: 0,
		...over
	};
}

describe('consumption units (OECD-modified)', () => {
	it('counts 1 for the first person, 0.5 per other person aged 14+, 0.3 per child under 14', () => {
		expect(consumptionUnits({ persons_14_plus: 1, persons_under_14: 0 })).toBe(1);
		// couple + 1 child under 14: 1 + 0.5 + 0.3 = 1.8 (domain.md §3.1 example)
		expect(consumptionUnits({ persons_14_plus: 2, persons_under_14: 1 })).toBeCloseTo(1.8, 12);
		// couple + children aged 8 and 12 (both under 14): 1 + 0.5 + 0.3 + 0.3 = 2.1 (domain.md §4.2 illustration)
		expect(consumptionUnits({ persons_14_plus: 2, persons_under_14: 2 })).toBeCloseTo(2.1, 12);
		// single parent + a 15-year-old + a 3-year-old: 1 + 0.5 + 0.3 = 1.8
		expect(consumptionUnits({ persons_14_plus: 2, persons_under_14: 1 })).toBeCloseTo(1.8, 12);
	});
});

describe('niveau de vie and poverty', () => {
	it('is 12 × (resources − direct taxes) / UC, housing aid counted, rent not deducted', () => {
		// 1 500 work + 200 prime d'activité + 300 housing aid − 100 tax = 1 900 €/month disposable;
		// rent 700 is a charge, not a deduction from disposable income.
		const h = household({ income_work: 1500, benefit_activity: 200, benefit_housing: 300, charge_tax: 100, charge_rent: 700 });
		expect(disposableMonthly(h)).toBe(1900);
		// single: 12 × 1 900 / 1 = 22 800 €/year
		expect(livingStandard(h)).toBeCloseTo(22800, 9);
	});

	it('couple + 2 young children on 2 400 €/month: 12 × 2 400 / 2.1 = 13 714.29 €/year, poor in 2021', () => {
		const h = household({ persons_14_plus: 2, persons_under_14: 2, family_type: 'couple_children', income_work: 2400 });
		expect(livingStandard(h)).toBeCloseTo(13714.2857, 3);
		// Filosofi 2021 threshold 1 150 €/month/UC = 13 800 €/year; 13 714.29 < 13 800 → poor
		expect(povertyThreshold(2021).yearly).toBe(13800);
		expect(isPoor(h)).toBe(true);
		// 2 420 €/month → 12 × 2 420 / 2.1 = 13 828.57 ≥ 13 800 → not poor
		expect(isPoor({ ...h, income_work: 2420 })).toBe(false);
	});

	it('is strictly under the threshold: exactly at the threshold is not poor', () => {
		// single with 1 150 €/month: niveau de vie 13 800 = threshold → not poor
		expect(isPoor(household({ income_work: 1150 }))).toBe(false);
		expect(isPoor(household({ income_work: 1149.99 }))).toBe(true);
	});

	it('uses the threshold of the income year', () => {
		expect(povertyThreshold(2023).monthly).toBe(1288); // ERFS 2023, domain.md §3.2
		expect(povertyThreshold(2030).monthly).toBe(1288); // carried forward, labelled hypothèse
		expect(povertyThreshold(2030).source).toMatch(/hypothèse/);
	});
});

describe('weighted quantile (smallest value whose cumulative weight reaches q)', () => {
	it('on hand-made values', () => {
		// values 10, 20, 30, 40 with weights 1, 1, 1, 1: cumulative 1, 2, 3, 4 of 4.
		// median: first cumulative ≥ 2 → 20 (no interpolation to 25)
		expect(weightedQuantile([30, 10, 40, 20], [1, 1, 1, 1], 0.5)).toBe(20);
		// weights 1, 1, 1, 5 (total 8): median target 4 → cumulative 1, 2, 3, 8 → 40
		expect(weightedQuantile([10, 20, 30, 40], [1, 1, 1, 5], 0.5)).toBe(40);
		// D1 target 0.8 → first cumulative ≥ 0.8 is 10
		expect(weightedQuantile([10, 20, 30, 40], [1, 1, 1, 5], 0.1)).toBe(10);
		// D9 of 10 equal weights over 1..10: target 9 → value 9
		const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		expect(weightedQuantile(v, v.map(() => 1), 0.9)).toBe(9);
	});
});
