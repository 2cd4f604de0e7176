/**
 * Whole indicator catalogue (every commune + group + département) on a dataset folder, DuckDB-wasm in
 * Node (the browser's engine). Prints medians of several runs.
 *   npx node bench/indicators.ts [DIR=build/data] [RUNS=5]
 * Native DuckDB (@duckdb/node-api) is not a dependency of the project: the wasm/native ratio asked by
 * issue 3 needs it installed by the lead.
 */
import { createNodeConnector } from '../src/lib/db/node.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import { INDICATORS } from '../src/lib/indicators/catalogue.ts';
import { runIndicators } from '../src/lib/indicators/run.ts';
import { departementGeography } from '../src/lib/territory/etalab.ts';
import { median } from './population.ts';

const dir = process.argv[2] ?? 'build/data';
const runs = Number(process.argv[3] ?? 5);

const db = await createNodeConnector();
let t = performance.now();
await loadFolder(db, dir);
const loadMs = performance.now() - t;
const n = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM households'))[0].n;
const est = departementGeography('93').groups.find((g) => g.nom === 'Est Ensemble')!;

const times: number[] = [];
let rows = 0;
for (let i = 0; i < runs; i++) {
	t = performance.now();
	rows = (await runIndicators(db, { group: { code: est.code, communes: est.members } })).length;
	times.push(performance.now() - t);
}
console.log(
	JSON.stringify(
		{
			data: dir,
			households_rows: n,
			indicators: INDICATORS.length,
			output_rows: rows,
			load_ms: Math.round(loadMs),
			runs,
			catalogue_median_ms: Math.round(median(times)),
			catalogue_min_ms: Math.round(Math.min(...times))
		},
		null,
		2
	)
);
await db.close();
