/**
 * Two evaluators, one definition (DESIGN.md §5): explain() household by household and evaluatePopulation()
 * over columns must agree on verdict, amount (to the cent) and every condition, for 20 000+ random households
 * drawn on and around every threshold: exact boundaries, one cent either side, negative RAV, zero income.
 */
import { describe, expect, it } from 'vitest';
import type { Household } from '#lib/data/schema.ts';
import { ACTIVITIES, CONTRACTS, FAMILY_TYPES, OVERINDEBTED, TENURES } from '#lib/data/schema.ts';
import { consumptionUnits } from '#lib/measures/living-standard.ts';
import { createRng } from '#lib/synth/random.ts';
import { toColumns } from '#lib/rules/columns.ts';
import { explain } from '#lib/rules/explain.ts';
import { evaluatePopulation } from '#lib/rules/population.ts';
import { listSchemes } from '#lib/rules/registry.ts';
import { divisorUnits } from '#lib/rules/reste-a-vivre.ts';
import { parseScheme, type Scheme } from '#lib/rules/scheme-schema.ts';
import bandsFixture from './fixtures/bands-scheme.ts';
import { household } from './households.ts';

const N = 24_000;
const rng = createRng(20261123);
const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)];
const cents = (x: number) => Math.round(x * 100) / 100;

/** Per-unit thresholds of the schemes (€ per unit per day) and the monthly-per-part bands of the fixture. */
const DAY_THRESHOLDS = [5, 8, 10, 12];
const MONTH_THRESHOLDS = [150, 240, 300];
const PARTS = { kind: 'parts', first: 1, other_14_plus: 1, under_14: 1, single_parent_bonus: 0.5, source: '' } as const;

type Drawn = Household & { amount_requested: number | null };

function draw(i: number): Drawn {
	const a14 = rng.int(1, 4);
	const u14 = rng.int(0, 3);
	const family_type = a14 === 1 ? (u14 ? 'single_parent' : 'single') : u14 ? pick(['couple_children', 'other'] as const) : pick(['couple', 'other'] as const);
	const h = household({
		household_id: `p${i}`,
		persons_14_plus: a14,
		persons_under_14: u14,
		family_type: rng.bernoulli(0.9) ? family_type : pick(FAMILY_TYPES),
		age_ref: pick([18, 25, 26, 40, 67, rng.int(18, 95)]),
		activity_ref: pick(ACTIVITIES),
		contract_ref: pick(CONTRACTS),
		part_time_ref: rng.bernoulli(0.3),
		workers: rng.int(0, 2),
		recent_job_loss: rng.bernoulli(0.2),
		tenure: pick(TENURES),
		years_in_commune: pick([null, 0, 0.99, 1, 1.01, cents(rng.uniform(0, 20))]),
		social_followup: rng.bernoulli(0.6),
		overindebted: pick(OVERINDEBTED)
	}) as Drawn;
	h.benefit_rsa = pick([0, 0, 0.01, cents(rng.uniform(0, 900))]);
	h.benefit_housing = pick([0, cents(rng.uniform(0, 400))]);
	h.benefit_family = pick([0, cents(rng.uniform(0, 500))]);
	h.charge_debt = pick([0, 0, 0.01, cents(rng.uniform(0, 300))]);
	h.charge_tax = pick([0, 0, cents(rng.uniform(0, 200))]);
	h.charge_energy = cents(rng.uniform(0, 200));
	h.amount_requested = rng.bernoulli(0.3) ? cents(rng.uniform(0, 2000)) : null;

	const mode = rng.next();
	let resources: number;
	let monthly: number;
	if (mode < 0.05) {
		// Zero income: every resource at 0, charges only: a negative RAV.
		h.benefit_rsa = h.benefit_housing = h.benefit_family = 0;
		h.charge_rent = cents(rng.uniform(0, 900));
		return h;
	} else if (mode < 0.25) {
		// Niveau de vie on the poverty threshold (1 150 €/month/UC), ± one cent.
		resources = cents((1150 + pick([0, 0.01, -0.01])) * consumptionUnits(h) + h.charge_tax);
		monthly = cents(rng.uniform(-300, 1500));
	} else {
		// Per-unit RAV on a threshold, one cent either side, or anywhere (negative included).
		const monthPeriod = rng.bernoulli(0.25);
		const divisor = monthPeriod ? PARTS : pick([{ kind: 'persons' }, { kind: 'uc' }] as const);
		const units = divisorUnits(divisor, h);
		const t = rng.bernoulli(0.8) ? (monthPeriod ? pick(MONTH_THRESHOLDS) : pick(DAY_THRESHOLDS)) + pick([0, 0.01, -0.01]) : cents(rng.uniform(-20, 40));
		monthly = cents(t * units * (monthPeriod ? 1 : 30));
		resources = cents(rng.uniform(Math.max(0, monthly), Math.max(0, monthly) + 2500));
		if (monthPeriod) monthly -= h.benefit_housing; // residual-rent schemes do not count housing aid as a resource
	}
	// Split: resources across three columns, charges so that resources − charges = monthly.
	const other = cents(h.benefit_rsa + h.benefit_housing + h.benefit_family);
	h.income_work = Math.max(0, cents(resources - other));
	const total = cents(h.income_work + other);
	h.charge_rent = cents(total - monthly - h.charge_debt - h.charge_tax - h.charge_energy);
	if (h.charge_rent < 0) {
		h.income_other = cents(-h.charge_rent);
		h.charge_rent = 0;
	}
	return h;
}

const households: Drawn[] = Array.from({ length: N }, (_, i) => draw(i));
const cols = toColumns(households);
const fixture = parseScheme(bandsFixture, 'fixtures/bands-scheme.ts');
const runs: Array<[string, Scheme, number]> = [
	...listSchemes().map((s) => [s.id, s, 0] as [string, Scheme, number]),
	['boulogne-billancourt (renouvellement 1)', listSchemes().find((s) => s.id === 'boulogne-billancourt')!, 1],
	['boulogne-billancourt (renouvellement 2)', listSchemes().find((s) => s.id === 'boulogne-billancourt')!, 2],
	[fixture.id, fixture, 0]
];

describe(`parity of explain and the population evaluator on ${N} households`, () => {
	it.each(runs)('%s', (_label, scheme, rank) => {
		const pop = evaluatePopulation(scheme, cols, { renewal_rank: rank });
		let mismatches = 0;
		const first: string[] = [];
		const thresholdHits = new Map<number, number>();
		let negative = 0;
		let eligible = 0;
		for (let i = 0; i < N; i++) {
			const h = households[i];
			const e = explain(h, scheme, { amount_requested: h.amount_requested, renewal_rank: rank });
			const bad: string[] = [];
			if (e.eligible !== (pop.eligible[i] === 1)) bad.push('verdict');
			if (Math.round(e.amount * 100) !== pop.amount_cents[i]) bad.push(`montant ${e.amount} ≠ ${pop.amount_cents[i] / 100}`);
			if (Math.round(e.rav.per_unit * 100) !== pop.rav_per_unit_cents[i]) bad.push('rav');
			for (const c of e.conditions) if (c.passed !== (pop.conditions[c.id][i] === 1)) bad.push(c.id);
			if (bad.length) {
				mismatches++;
				if (first.length < 5) first.push(`${h.household_id}: ${bad.join(', ')}`);
			}
			const rc = pop.rav_per_unit_cents[i];
			thresholdHits.set(rc, (thresholdHits.get(rc) ?? 0) + 1);
			if (rc < 0) negative++;
			eligible += pop.eligible[i];
		}
		expect(first).toEqual([]);
		expect(mismatches).toBe(0);
		// The draw really sits on the thresholds: exact values and one cent either side, negative RAV, both verdicts.
		const thresholds = scheme.rav.period === 'month' ? MONTH_THRESHOLDS : DAY_THRESHOLDS;
		for (const t of thresholds) {
			const hits = [-1, 0, 1].map((d) => thresholdHits.get(t * 100 + d) ?? 0);
			expect(hits.reduce((a, b) => a + b)).toBeGreaterThan(20);
		}
		expect(negative).toBeGreaterThan(200);
		if (rank < 2) expect(eligible).toBeGreaterThan(100);
		expect(N - eligible).toBeGreaterThan(100);
	});
});
