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
import { median, population } from './population.ts';
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
const COMMUNES = Array.from({ length: 39 }, (_, i) => `93${String(i + 1).padStart(3, '0')}`);


const runs = Number(values.runs);
/** Collect between timed runs when --expose-gc is given, so a run does not pay for the previous one's garbage. */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const flow: MonthlyFlow = Object.fromEntries(COMMUNES.slice(0, 20).map((c, i) => [c, Array.from({ length: 12 }, (_, m) => 10 + ((i + m) % 7))]));
console.log(`vigie simulate bench — ${values.baseline} vs ${values.scheme} (rav_max moved), Node ${process.version}, ${runs} runs`);
for (const n of values.sizes!.split(',').map(Number)) {
	const data = population(n, COMMUNES, 1) as unknown as Parameters<typeof buildPopulation>[0];
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
