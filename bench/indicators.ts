/**
 * Whole indicator catalogue (every commune + group + département) on a dataset folder, on the same SQL
 * with DuckDB-wasm in Node (the browser's engine) and native DuckDB (@duckdb/node-api), in one run.
 * Prints load time, catalogue medians and the wasm/native ratio.
 *   npx node bench/indicators.ts [DIR=build/data] [RUNS=5]
 */
import { createNativeConnector } from '../src/lib/db/native.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import type { Connector } from '../src/lib/db/connector.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import { INDICATORS } from '../src/lib/indicators/catalogue.ts';
import { runIndicators } from '../src/lib/indicators/run.ts';
import { departementGeography } from '../src/lib/territory/etalab.ts';
import { median } from './population.ts';

const dir = process.argv[2] ?? 'build/data';
const runs = Number(process.argv[3] ?? 5);
const est = departementGeography('93').groups.find((g) => g.nom === 'Est Ensemble')!;

async function measure(label: string, create: () => Promise<Connector>) {
	const db = await create();
	let t = performance.now();
	await loadFolder(db, dir);
	const load = performance.now() - t;
	const n = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM households'))[0].n;
	const times: number[] = [];
	let rows = 0;
	for (let i = 0; i < runs; i++) {
		t = performance.now();
		rows = (await runIndicators(db, { group: { code: est.code, communes: est.members } })).length;
		times.push(performance.now() - t);
	}
	await db.close();
	console.log(
		`${label.padEnd(22)} load ${Math.round(load)} ms · catalogue median ${Math.round(median(times))} ms (min ${Math.round(Math.min(...times))}) · ${n} household rows, ${rows} output rows`
	);
	return { load, catalogue: median(times) };
}

console.log(`Vigie indicators bench — ${new Date().toISOString()} — ${dir}, ${INDICATORS.length} indicators, ${runs} runs`);
const wasm = await measure('DuckDB-wasm (Node)', createNodeConnector);
const native = await measure('native DuckDB (2 thr.)', () => createNativeConnector(2));
console.log(`ratio wasm / native: load ${(wasm.load / native.load).toFixed(1)}×, catalogue ${(wasm.catalogue / native.catalogue).toFixed(1)}×`);
