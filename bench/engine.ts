/**
 * Benchmark (not a test): the population evaluator (typed-array columns) vs calling explain() per household,
 * same scheme, same households, same run, on 100 000 and 1 000 000 households. Prints medians and the ratio.
 * Target (issue 5): 1 000 000 households under 100 ms in Node for one scheme.
 * Usage: node_modules/.bin/node --expose-gc bench/engine.ts [--scheme pre-saint-gervais] [--runs 7] [--explain-runs 3]
 *        [--sizes 100000,1000000]   (or: npx node --expose-gc bench/engine.ts …)
 */
import { parseArgs } from 'node:util';
import type { Household } from '../src/lib/data/schema.ts';
import { median, population } from './population.ts';
import { toColumns, type Columns } from '../src/lib/rules/columns.ts';
import { explain } from '../src/lib/rules/explain.ts';
import { allocate, evaluatePopulation } from '../src/lib/rules/population.ts';
import { getScheme, listSchemes } from '../src/lib/rules/registry.ts';

const { values } = parseArgs({
	options: {
		scheme: { type: 'string', default: 'pre-saint-gervais' },
		runs: { type: 'string', default: '7' },
		'explain-runs': { type: 'string', default: '3' },
		sizes: { type: 'string', default: '100000,1000000' }
	}
});
const time = (f: () => void) => {
	const t = performance.now();
	f();
	return performance.now() - t;
};


const scheme = getScheme(values.scheme!);
const runs = Number(values.runs);
const explainRuns = Number(values['explain-runs']);
/** A new Columns object over the same arrays: misses the per-Columns cache of resource/charge sums. */
const fresh = (c: Columns): Columns => ({ ...c });

// Warm-up on a small population so that both evaluators are JIT-compiled before timing.
{
	const warm = population(20_000);
	const wc = toColumns(warm);
	for (let r = 0; r < 5; r++) for (const s of listSchemes()) evaluatePopulation(s, fresh(wc));
	for (const h of warm) explain(h, scheme);
}

const lines = [`Vigie rules engine benchmark — ${new Date().toISOString()} — Node ${process.version}, scheme ${scheme.id}`];
for (const n of values.sizes!.split(',').map(Number)) {
	// explain first, then the household objects are dropped: a million live objects would make every major GC
	// of the population runs scan them, which is not what a simulator holding only columns pays.
	let hs: Household[] | null = population(n);
	const cols = toColumns(hs);
	const per: number[] = [];
	let check = 0;
	for (let r = 0; r < explainRuns; r++)
		per.push(
			time(() => {
				check = 0;
				for (const h of hs!) if (explain(h, scheme).eligible) check++;
			})
		);
	hs = null;
	(globalThis as { gc?: () => void }).gc?.();
	let eligible = 0;
	// Full computation: the sums of kept resources and charges are recomputed every run.
	const full: number[] = [];
	for (let r = 0; r < runs; r++) full.push(time(() => (eligible = evaluatePopulation(scheme, fresh(cols)).eligible.reduce((a, b) => a + b, 0))));
	if (check !== eligible) throw new Error(`explain (${check}) and population (${eligible}) disagree`);
	// Simulator case: same columns, a parameter moved; the sums come from the cache.
	evaluatePopulation(scheme, cols);
	const cached: number[] = [];
	for (let r = 0; r < runs; r++) cached.push(time(() => evaluatePopulation(scheme, cols)));
	const alloc: number[] = [];
	const res = evaluatePopulation(scheme, cols);
	for (let r = 0; r < runs; r++) alloc.push(time(() => allocate(scheme, res, cols.weight)));
	const others = listSchemes().map((s) => {
		const t: number[] = [];
		for (let r = 0; r < runs; r++) t.push(time(() => evaluatePopulation(s, fresh(cols))));
		return `${s.id} ${median(t).toFixed(1)} ms`;
	});
	lines.push(
		`${n.toLocaleString('en')} households (${eligible.toLocaleString('en')} eligible):`,
		`  population evaluator, full: median ${median(full).toFixed(1)} ms over ${runs} runs (${((median(full) * 1e6) / n).toFixed(0)} ns/household; min ${Math.min(...full).toFixed(1)} ms)`,
		`  population evaluator, sums cached (simulator moving a threshold): median ${median(cached).toFixed(1)} ms (min ${Math.min(...cached).toFixed(1)} ms)`,
		`  envelope + priority (allocate): median ${median(alloc).toFixed(1)} ms`,
		`  explain per household: median ${median(per).toFixed(0)} ms over ${explainRuns} runs (${((median(per) * 1e3) / n).toFixed(1)} µs/household)`,
		`  ratio explain / population (full): ${(median(per) / median(full)).toFixed(0)}×`,
		`  population evaluator (full), every scheme: ${others.join(', ')}`
	);
	console.log(lines.slice(-7).join('\n'));
}
console.log('\n' + lines.join('\n'));
