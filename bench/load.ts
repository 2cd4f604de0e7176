/**
 * Loading a dataset folder through validation (households + aid requests, CSV), on DuckDB-wasm (Node) and
 * native DuckDB, same SQL. Files are read in place (Connector.registerPath) when the engine can.
 *   npx node bench/load.ts [DIR=static/data] [RUNS=3]
 */
import type { Connector } from '../src/lib/db/connector.ts';
import { createNativeConnector } from '../src/lib/db/native.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import { median } from './population.ts';

async function loadMedian(create: () => Promise<Connector>, dir: string, runs: number) {
	const times: number[] = [];
	let rows = 0;
	for (let i = 0; i < runs; i++) {
		const db = await create();
		try {
			const t = performance.now();
			const r = await loadFolder(db, dir);
			times.push(performance.now() - t);
			rows = r.households.loaded + (r.aid_requests?.loaded ?? 0);
		} finally {
			await db.close();
		}
	}
	return { ms: median(times), rows };
}

export async function benchLoad(dir: string, opts: { runs: number }) {
	const wasm = await loadMedian(createNodeConnector, dir, opts.runs);
	const native = await loadMedian(() => createNativeConnector(2), dir, opts.runs);
	return {
		rows_loaded: wasm.rows,
		load_wasm_ms: wasm.ms,
		load_native_ms: native.ms,
		load_ratio_wasm_native: wasm.ms / native.ms,
		load_wasm_rows_per_s: wasm.rows / (wasm.ms / 1000)
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(await benchLoad(process.argv[2] ?? 'static/data', { runs: Number(process.argv[3] ?? 3) }));
}
