/**
 * Effect on need (issue 17, src/lib/scenario/need.ts), worked out by hand on five households of known RAV gaps.
 * Yearly reading: a household's gap is (threshold − RAV per person per day) × persons × 30 days × 12 months; the
 * aid paid in the year comes off it; lifted = the aid of the year covers the gap of the year. Poverty: (15 456 €,
 * the 2023 threshold per UC and year, − niveau de vie) × UC, the aid added to the disposable income.
 */
import { describe, expect, it } from 'vitest';
import { publish } from '#lib/scenario/publish.ts';
import { simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

// Single persons (1 person, 1 UC), weight 1, Le Pré-Saint-Gervais; threshold rav_max 10 €/jour/personne.
const pop = population([
	psgRow({ income_work: 900, charge_rent: 700 }), // A: RAV 200/30 = 6,67 ; gap 3,33 × 360 = 1 198,80 €/an ; niveau de vie 10 800
	psgRow({ income_work: 1000, charge_rent: 760 }), // B: RAV 8,00 ; gap 2 × 360 = 720 ; niveau de vie 12 000
	psgRow({ income_work: 1000, charge_rent: 1100 }), // C: RAV −3,33 ; gap 13,33 × 360 = 4 798,80 ; niveau de vie 12 000
	psgRow({ income_work: 2000, charge_rent: 500 }), // D: RAV 50 : not below ; niveau de vie 24 000, not poor
	// E: unemployed, not salaried (no PSG): RAV 150/30 = 5,00 ; gap 5 × 360 = 1 800 ; niveau de vie 1 800
	psgRow({ activity_ref: 'unemployed', contract_ref: 'none', workers: 0, income_unemployment: 150 })
]);

describe('RAV gap of pre-saint-gervais', () => {
	// Baseline (the scheme as it is): one month of gap, capped at 400 € → A 99,90, B 60, C 399,90 (paid 559,80 €).
	// Scenario: twelve months of gap (besoin_mois 12), cap 2 000 € → A 1 198,80, B 720, C 2 000 (paid 3 918,80 €).
	const r = simulate(pop, { scheme: 'pre-saint-gervais', changes: { besoin_mois: 12, plafond: 2000 } });

	it('a one-off grant closes part of the year’s gap and lifts nobody', () => {
		const n = r.need.baseline;
		expect(n.threshold_label).toBe('Reste à vivre maximal : 10 €/jour/personne (pre-saint-gervais)');
		// Below 10 €: A, B, C, E (4). Before: 1 198,80 + 720 + 4 798,80 + 1 800 = 8 517,60 €/an.
		expect(n.below_before).toEqual({ households: 4, n: 4 });
		expect(n.gap_before).toBe(8517.6);
		// Closed: 99,90 + 60 + 399,90 = 559,80 (each aid under its gap); after 8 517,60 − 559,80 = 7 957,80.
		expect([n.gap_closed, n.gap_after, n.gap_closed_per_euro]).toEqual([559.8, 7957.8, 1]);
		expect(n.helped).toEqual({ households: 3, n: 3 });
		expect(n.lifted).toEqual({ households: 0, n: 0 });
	});

	it('a year’s worth of gap lifts A and B', () => {
		const n = r.need.scenario;
		// Same households below, same gap before. A's 1 198,80 and B's 720 cover their gaps (lifted); C's 2 000 closes
		// 2 000 of 4 798,80. Closed 3 918,80 = paid → 1 € per €; after 8 517,60 − 3 918,80 = 4 598,80.
		expect(n.gap_before).toBe(8517.6);
		expect(n.lifted).toEqual({ households: 2, n: 2 });
		expect([n.gap_closed, n.gap_after, n.gap_closed_per_euro]).toEqual([3918.8, 4598.8, 1]);
		expect(r.scenario.cost).toBe(3918.8);
	});

	it('the same for the poverty gap', () => {
		// Poor (< 15 456 €): A, B, C, E. Gaps: 4 656 + 3 456 + 3 456 + 13 656 = 25 224 €/an.
		const b = r.need.baseline.poverty;
		expect(b.threshold_yearly).toBe(15456);
		expect([b.below_before.households, b.gap_before]).toEqual([4, 25224]);
		// Baseline: the aids (559,80) all under the gaps → after 24 664,20, nobody out of poverty.
		expect([b.gap_closed, b.gap_after, b.lifted.households, b.gap_closed_per_euro]).toEqual([559.8, 24664.2, 0, 1]);
		// Scenario: 1 198,80 + 720 + 2 000 = 3 918,80, still under each gap → after 21 305,20.
		const s = r.need.scenario.poverty;
		expect([s.gap_closed, s.gap_after, s.lifted.households]).toEqual([3918.8, 21305.2, 0]);
	});

	it('says how it is computed', () => {
		expect(r.need.scenario.method).toMatch(/^Lecture annuelle/);
		expect(r.need.scenario.threshold_source).toBe('Seuil de reste à vivre du dispositif pre-saint-gervais (paramètre rav_max).');
	});
});

describe('a forfait above the gap (ELAN, 1 200 € per beneficiary, threshold rav_seuil 5 €/jour/personne)', () => {
	const elan = population([
		psgRow({ commune: '94038', income_work: 120 }), // RAV 4 : gap 1 × 360 = 360 ; niveau de vie 1 440, gap 14 016
		psgRow({ commune: '94038', income_work: 30 }), // RAV 1 : gap 4 × 360 = 1 440 ; niveau de vie 360, gap 15 096
		// RAV (1 200 − 100)/30 = 36,67 ≥ 5 with a debt: eligible, not below ; niveau de vie 14 400, gap 1 056
		psgRow({ commune: '94038', income_work: 1200, charge_debt: 100 })
	]);
	const n = simulate(elan, { scheme: 'elan' }).need.scenario;

	it('closes at most the gap, and counts every € paid in the ratio', () => {
		// Below 5 €: 2, gap 360 + 1 440 = 1 800. Closed min(1 200, 360) + min(1 200, 1 440) = 1 560; after 240.
		// Paid 3 × 1 200 = 3 600 → 1 560 / 3 600 = 0,433 → 0,43 € of gap closed per €. Lifted: the first (1 200 ≥ 360).
		expect([n.below_before.households, n.gap_before, n.gap_closed, n.gap_after, n.gap_closed_per_euro]).toEqual([2, 1800, 1560, 240, 0.43]);
		expect([n.helped.households, n.lifted.households]).toEqual([2, 1]);
		expect(n.threshold_label).toBe('Reste à vivre de référence : 5 €/jour/personne (elan)');
	});

	it('and for poverty: the third is lifted out of it', () => {
		// Gaps 14 016 + 15 096 + 1 056 = 30 168; closed 1 200 + 1 200 + 1 056 = 3 456; after 26 712; 3 456 / 3 600 = 0,96.
		const p = n.poverty;
		expect([p.gap_before, p.gap_closed, p.gap_after, p.gap_closed_per_euro, p.lifted.households]).toEqual([30168, 3456, 26712, 0.96, 1]);
	});
});

describe('take-up and status rules', () => {
	it('with half the households applying, half of each served row gets the aid', () => {
		// Baseline with take-up 0,5: closed 0,5 × 559,80 = 279,90; paid 279,90 → 1 € per €; after 8 237,70.
		const n = simulate(pop, { scheme: 'pre-saint-gervais', take_up: 0.5 }).need.baseline;
		expect([n.gap_closed, n.gap_after, n.gap_closed_per_euro, n.helped.households, n.helped.n]).toEqual([279.9, 8237.7, 1, 1.5, 3]);
	});

	it('measures statut-rsa at the threshold its amount rule pays against, the simulated scheme’s at its original value', () => {
		// statut-rsa (E has no RSA: nobody eligible) paired with PSG's amount rule: threshold rav_max 10 €, even when
		// the scenario moves it to 12.
		const r = simulate(pop, { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: { rav_max: 12 } });
		expect(r.need.baseline.threshold).toBe(10);
		expect(r.need.baseline.threshold_source).toMatch(/^statut-rsa n’a pas de seuil de reste à vivre parmi ses conditions/);
		expect(r.need.baseline.gap_before).toBe(8517.6);
		// Scenario at 12 €: A 5,33, B 4, C 15,33, E 7 → (5,33 + 4 + 15,33 + 7) × 360 = 11 397,60 ; D (50) not below.
		expect([r.need.scenario.threshold, r.need.scenario.gap_before]).toEqual([12, 11397.6]);
	});
});

describe('secrecy of the need figures', () => {
	it('hides counts resting on 1 to 10 rows, and the gaps resting on them', () => {
		const p = publish(simulate(pop, { scheme: 'pre-saint-gervais' }));
		expect(p.need.scenario.below_before).toEqual({ households: null, n: null });
		expect([p.need.scenario.gap_before, p.need.scenario.gap_after, p.need.scenario.gap_closed, p.need.scenario.gap_closed_per_euro]).toEqual([null, null, null, null]);
		expect(p.secret).toEqual(expect.arrayContaining(['need.scenario.helped.households', 'need.baseline.poverty.gap_before']));
		expect(p.secret).not.toContain('need.scenario.lifted.households');
		// Lifted 0: an empty cell is shown.
		expect(p.need.scenario.lifted).toEqual({ households: 0, n: 0 });
		expect(p.need.scenario.threshold_label).toContain('10 €/jour/personne');
		// Shown at a threshold of 1 row.
		expect(publish(simulate(pop, { scheme: 'pre-saint-gervais' }), 1).need.scenario.gap_before).toBe(8517.6);
	});
});
