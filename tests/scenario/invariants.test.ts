/**
 * Invariants of the scenario report on random populations (issue 6, Tests): nothing changed → equal reports and
 * nobody wins or loses; the paid cost never exceeds a binding envelope, in each commune; the five classes add up to the population.
 */
import { describe, expect, it } from 'vitest';
import { listSchemes } from '#lib/rules/registry.ts';
import { CLASSES } from '#lib/scenario/classes.ts';
import { simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

/** Deterministic generator (mulberry32): the same population at every run. */
function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomPopulation(seed: number, n = 400) {
	const r = rng(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
	const rows = Array.from({ length: n }, () => {
		const adults = 1 + Math.floor(r() * 2);
		const kids = Math.floor(r() * 3);
		const working = r() < 0.6;
		return psgRow({
			commune: pick(['93061', '93001', '92012']),
			weight: pick([1, 2.5, 10]),
			persons_14_plus: adults,
			persons_under_14: kids,
			family_type: adults === 1 ? (kids ? 'single_parent' : 'single') : kids ? 'couple_children' : 'couple',
			activity_ref: working ? 'employed' : pick(['unemployed', 'retired', 'inactive']),
			contract_ref: working ? pick(['permanent', 'fixed_term', 'temp_agency', 'self_employed']) : 'none',
			workers: working ? 1 : 0,
			recent_job_loss: r() < 0.15,
			social_followup: r() < 0.5,
			years_in_commune: Math.round(r() * 100) / 10,
			tenure: pick(['social_rent', 'private_rent', 'owner', 'hosted']),
			overindebted: pick(['none', 'none', 'observed', 'file']),
			income_work: working ? Math.round(r() * 250000) / 100 : 0,
			benefit_rsa: working ? 0 : r() < 0.5 ? Math.round(r() * 70000) / 100 : 0,
			benefit_housing: Math.round(r() * 30000) / 100,
			charge_rent: Math.round(r() * 110000) / 100,
			charge_energy: Math.round(r() * 20000) / 100,
			charge_debt: r() < 0.2 ? Math.round(r() * 30000) / 100 : 0
		});
	});
	const flow = { '93061': Array.from({ length: 12 }, () => Math.floor(r() * 20)) };
	return population(rows, flow);
}

const SEEDS = [1, 2, 3];

describe('scenario invariants on random populations', () => {
	for (const seed of SEEDS) {
		const pop = randomPopulation(seed);
		for (const s of listSchemes()) {
			it(`seed ${seed}, ${s.id}: nothing changed → equal sides, everybody neutral, classes add up`, () => {
				const r = simulate(pop, { scheme: s.id });
				expect(r.scenario).toEqual({ ...r.baseline, label: r.scenario.label });
				expect(r.winners_losers.gagnant.households + r.winners_losers.perdant.households + r.winners_losers.perdant_zero.households).toBe(0);
				const total = CLASSES.reduce((a, c) => a + r.winners_losers[c].households, 0);
				expect(total).toBeCloseTo(r.territory.households, 6);
				expect(CLASSES.reduce((a, c) => a + r.winners_losers[c].n, 0)).toBe(r.territory.rows);
			});
		}

		it(`seed ${seed}: a move changes the classes, which still add up and match the cost change`, () => {
			const r = simulate(pop, { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: { rav_max: 14, enveloppe: 1e7 } });
			const total = CLASSES.reduce((a, c) => a + r.winners_losers[c].households, 0);
			expect(total).toBeCloseTo(r.territory.households, 6);
			const delta = CLASSES.reduce((a, c) => a + r.winners_losers[c].amount, 0);
			expect(delta).toBeCloseTo(r.scenario.cost - r.baseline.cost, 1);
			// Every loser has a reason at least (rows overlap: a household may fail several conditions).
			const why = simulate(pop, { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: { rav_max: 14, enveloppe: 1e7 } }, { minRows: 1 }).leaving_reasons;
			expect(why.n).toBe(r.winners_losers.perdant.n + r.winners_losers.perdant_zero.n);
			expect(why.rows.reduce((a, x) => a + x.n, 0)).toBeGreaterThanOrEqual(why.n);
			// Breakdown rows shown add up to no more than the total.
			const shown = r.by_commune.filter((x) => !x.suppressed).reduce((a, x) => a + x.households!, 0);
			expect(shown).toBeLessThanOrEqual(r.territory.households + 1e-6);
		});

		it(`seed ${seed}: the cost never exceeds a binding envelope`, () => {
			for (const [scheme, envelope] of [
				['pre-saint-gervais', 300],
				['la-rochelle', 2000],
				['elan', 5000],
				['boulogne-billancourt', 1000]
			] as const) {
				// A high RAV threshold makes many eligible, so the small envelope binds (ELAN has no rav_max).
				const changes: Record<string, number> = scheme === 'elan' ? { enveloppe: envelope, capacite: 1000 } : { enveloppe: envelope, rav_max: 30 };
				const r = simulate(pop, { scheme, changes });
				// Each commune has the envelope on its own (envelope rule `same`): the territory's is their sum.
				expect(r.envelope.budget, scheme).toBe(envelope * r.territory.communes.length);
				expect(r.scenario.eligible_cost, scheme).toBeGreaterThan(envelope);
				expect(r.scenario.cost, scheme).toBeLessThanOrEqual(r.envelope.budget!);
				for (const c of r.envelope.by_commune) expect(c.spent, `${scheme} ${c.commune}`).toBeLessThanOrEqual(envelope);
				expect(r.envelope.by_commune.some((c) => c.exhausted_month !== null), scheme).toBe(true);
				expect(r.envelope.by_commune.reduce((a, c) => a + c.spent, 0), scheme).toBeCloseTo(r.scenario.cost, 2);
				expect(r.envelope.by_month[11].cumulative_spent, scheme).toBeCloseTo(r.scenario.cost, 2);
			}
		});
	}
});

describe('decile bounds', () => {
	it('follow measures’ weightedQuantile (DESIGN.md §4 rule), one sort instead of nine', async () => {
		const { weightedQuantile } = await import('#lib/measures/living-standard.ts');
		const { decileBounds } = await import('#lib/scenario/population.ts');
		const r = rng(7);
		const v = Float64Array.from({ length: 501 }, () => Math.round(r() * 4e6) / 100);
		const w = Float64Array.from({ length: 501 }, () => 1 + Math.floor(r() * 20));
		const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => Math.round(100 * weightedQuantile([...v], [...w], k / 10)) / 100);
		expect(decileBounds(v, w)).toEqual(expected);
	});
});
