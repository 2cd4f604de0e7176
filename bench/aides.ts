/**
 * Aides page's refresh computation (aid report + the comparison across CCAS from the catalogue) for
 * « tous les CCAS » over every year of requests, on DuckDB-wasm (Node) and native DuckDB, same SQL.
 *   npx node bench/aides.ts [DIR=static/data] [RUNS=5]
 */
import type { Connector } from '../src/lib/db/connector.ts';
import { createNativeConnector } from '../src/lib/db/native.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import { runIndicators } from '../src/lib/indicators/run.ts';
import { aidReport, aidYears } from '../src/lib/aid/report.ts';
import { COMPARE_INDICATORS } from '../src/lib/aid/compare.ts';
import { median } from './population.ts';

async function refreshMedian(create: () => Promise<Connector>, dir: string, runs: number): Promise<number> {
	const db = await create();
	try {
		await loadFolder(db, dir);
		const years = await aidYears(db);
		const filter = { communes: [], from: years[0], to: years[years.length - 1] };
		const times: number[] = [];
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			await aidReport(db, filter);
			await runIndicators(db, { indicators: COMPARE_INDICATORS });
			times.push(performance.now() - t);
		}
		return median(times);
	} finally {
		await db.close();
	}
}

export async function benchAides(dir: string, opts: { runs: number }) {
	const aides_wasm_ms = await refreshMedian(createNodeConnector, dir, opts.runs);
	const aides_native_ms = await refreshMedian(() => createNativeConnector(2), dir, opts.runs);
	return { aides_wasm_ms, aides_native_ms, aides_ratio_wasm_native: aides_wasm_ms / aides_native_ms };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = process.argv[2] ?? 'static/data';
	const r = await benchAides(dir, { runs: Number(process.argv[3] ?? 5) });
	console.log(
		`Aides, tous les CCAS, toutes les années (${dir}) : DuckDB-wasm ${Math.round(r.aides_wasm_ms)} ms, natif ${Math.round(r.aides_native_ms)} ms, × ${r.aides_ratio_wasm_native.toFixed(1)} (médianes)`
	);
}
