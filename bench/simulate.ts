/**
 * Benchmark (not a test), issue 6: baseline + scenario + full report (src/lib/scenario) on the full-scale
 * département size (600 000 households) and on 1 000 000, in Node. Prints medians of:
 *  - move: one parameter change as the page runs it (baseline side cached, scenario + report recomputed);
 *  - full: baseline + scenario + report from scratch (what `vigie simulate` does once the data is in);
 *  - prepare: columns + niveau de vie + deciles + request months, once per dataset and territory.
 * Target (issue 6): under 150 ms per change in Node.
 * Usage: npx node --expose-gc bench/simulate.ts [--sizes 600000,1000000] [--runs 7] [--scheme pre-saint-gervais] [--baseline statut-rsa]
 */
import { parseArgs } from 'node:util';
import { ACTIVITIES, CONTRACTS, OVERINDEBTED, TENURES } from '../src/lib/data/schema.ts';
import { createRng } from '../src/lib/synth/random.ts';
import { buildPopulation, type MonthlyFlow } from '../src/lib/scenario/population.ts';
import { baselineSide, buildReport, cachedBaselineSide } from '../src/lib/scenario/report.ts';
import { resolveScenario } from '../src/lib/scenario/spec.ts';

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '600000,1000000' },
		runs: { type: 'string', default: '7' },
		scheme: { type: 'string', default: 'pre-saint-gervais' },
		baseline: { type: 'string', default: 'statut-rsa' }
	}
});
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const COMMUNES = Array.from({ length: 39 }, (_, i) => `93${String(i + 1).padStart(3, '0')}`);

/** Plausible low-income households spread over 39 communes (same draws as bench/engine.ts). */
function rows(n: number) {
	const rng = createRng(42);
	const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)];
	const c = (x: number) => Math.round(x * 100) / 100;
	return Array.from({ length: n }, (_, i) => {
		const a = rng.int(1, 3);
		const k = rng.int(0, 3);
		const work = rng.bernoulli(0.6) ? c(rng.uniform(400, 2500)) : 0;
		return {
			household_id: `b${i}`,
			commune: COMMUNES[i % COMMUNES.length],
			weight: 1,
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
			years_in_commune: c(rng.uniform(0, 30)),
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

const runs = Number(values.runs);
/** Collect between timed runs when --expose-gc is given, so a run does not pay for the previous one's garbage. */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const flow: MonthlyFlow = Object.fromEntries(COMMUNES.slice(0, 20).map((c, i) => [c, Array.from({ length: 12 }, (_, m) => 10 + ((i + m) % 7))]));
console.log(`vigie simulate bench — ${values.baseline} vs ${values.scheme} (rav_max moved), Node ${process.version}, ${runs} runs`);
for (const n of values.sizes!.split(',').map(Number)) {
	const data = rows(n);
	const t0 = performance.now();
	const pop = buildPopulation(data, 2023, flow);
	const prepare = performance.now() - t0;
	const spec = (rav: number) => ({ scheme: values.scheme!, baseline: values.baseline, changes: { rav_max: rav, enveloppe: 5e6 } });
	// Warm-up (JIT, memoised data-only columns), then timed runs with a different threshold each time.
	buildReport(pop, resolveScenario(spec(11)), { baselineSide: cachedBaselineSide(pop, resolveScenario(spec(11))) });
	const move: number[] = [];
	const full: number[] = [];
	for (let k = 0; k < runs; k++) {
		const r = resolveScenario(spec(8 + k * 0.5));
		gc();
		let t = performance.now();
		const rep = buildReport(pop, r, { baselineSide: cachedBaselineSide(pop, r) });
		move.push(performance.now() - t);
		gc();
		t = performance.now();
		buildReport(pop, r, { baselineSide: baselineSide(pop, r) });
		full.push(performance.now() - t);
		if (k === 0) console.log(`  n=${n}: eligible ${rep.baseline.eligible} → ${rep.scenario.eligible}, cost ${rep.baseline.cost} → ${rep.scenario.cost} €`);
	}
	console.log(`  n=${n}: prepare ${prepare.toFixed(0)} ms (once) ; move median ${median(move).toFixed(1)} ms ; full median ${median(full).toFixed(1)} ms`);
}
