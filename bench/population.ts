/** Shared by the benchmarks: medians, and a plausible low-income population drawn from a fixed seed. */
import { ACTIVITIES, CONTRACTS, OVERINDEBTED, TENURES, type Household } from '../src/lib/data/schema.ts';
import { createRng } from '../src/lib/synth/random.ts';

export const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Plausible low-income households: composition, situation, resources and charges drawn independently, spread over `communes`. */
export function population(n: number, communes: readonly string[] = ['93061'], weight = 10): Household[] {
	const rng = createRng(42);
	const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)];
	const c = (x: number) => Math.round(x * 100) / 100;
	return Array.from({ length: n }, (_, i) => {
		const a = rng.int(1, 3);
		const k = rng.int(0, 3);
		const work = rng.bernoulli(0.6) ? c(rng.uniform(400, 2500)) : 0;
		return {
			household_id: `b${i}`,
			year: 2021,
			commune: communes[i % communes.length],
			iris: null,
			weight,
			persons_14_plus: a,
			persons_under_14: k,
			family_type: a === 1 ? (k ? 'single_parent' : 'single') : k ? 'couple_children' : 'couple',
			age_ref: rng.int(18, 90),
			activity_ref: work ? 'employed' : pick(ACTIVITIES),
			contract_ref: work ? pick(CONTRACTS) : 'none',
			part_time_ref: rng.bernoulli(0.2),
			workers: work ? rng.int(1, a) : 0,
			recent_job_loss: rng.bernoulli(0.1),
			tenure: pick(TENURES),
			years_in_commune: rng.bernoulli(0.05) ? null : c(rng.uniform(0, 30)),
			social_followup: rng.bernoulli(0.4),
			overindebted: pick(OVERINDEBTED),
			income_work: work,
			income_unemployment: rng.bernoulli(0.15) ? c(rng.uniform(300, 1200)) : 0,
			income_pension: rng.bernoulli(0.2) ? c(rng.uniform(600, 1800)) : 0,
			income_other: 0,
			benefit_rsa: !work && rng.bernoulli(0.3) ? c(rng.uniform(300, 1000)) : 0,
			benefit_activity: work && rng.bernoulli(0.3) ? c(rng.uniform(50, 300)) : 0,
			benefit_family: k ? c(rng.uniform(0, 400)) : 0,
			benefit_housing: rng.bernoulli(0.4) ? c(rng.uniform(100, 400)) : 0,
			benefit_disability: 0,
			benefit_old_age: 0,
			charge_rent: c(rng.uniform(300, 1100)),
			charge_energy: c(rng.uniform(40, 200)),
			charge_water: c(rng.uniform(10, 50)),
			charge_insurance: c(rng.uniform(10, 60)),
			charge_health: c(rng.uniform(0, 80)),
			charge_debt: rng.bernoulli(0.3) ? c(rng.uniform(20, 400)) : 0,
			charge_childcare: 0,
			charge_alimony: 0,
			charge_transport: c(rng.uniform(0, 90)),
			charge_tax: rng.bernoulli(0.3) ? c(rng.uniform(0, 200)) : 0,
			charge_other: 0
		};
	});
}
