/**
 * Benchmark (not a test), issues 6 and 8: one simulator change — baseline + scenario + full report
 * (src/lib/scenario) — on a bench folder (bench/inputs.ts: 60k, 600k = full-scale 93, 1m), every commune.
 * Node (medians of `runs` changes, each a different rav_max):
 *  - node_change_ms: what the page runs per slider move over every commune (baseline side cached, scenario +
 *    report recomputed for the territory and for each commune, whose own secrecy the territory keeps: selection.ts),
 *    against node_change_one_report_ms, the territory's report alone published (ratio_change_selection_one_report),
 *    and node_change_cpu_ms, its CPU time (the wall time suffers first when other processes share the cores);
 *  - node_full_ms: baseline + scenario + report, the baseline side re-evaluated too (`vigie simulate`);
 *  - node_prepare_ms: niveau de vie, deciles, request months from the columns, once per dataset and territory;
 *  - node_open_rows_ms vs node_open_columns_ms (ratio_open_rows_columns): what opening the Simulateur over every
 *    commune costs on DuckDB-wasm in Node (the browser's engine): households fetched → population → first
 *    report; the reference fetches row objects and turns them into columns (the page before issue 6's
 *    follow-up), the other fetches typed columns (scenario/load.ts). Medians of min(3, runs), same run;
 *  - population_ms / explain_ms / ratio_explain_population: the population evaluator vs explain() called per
 *    household, same scheme, same households (up to EXPLAIN_ROWS of them: explain is slow), same run.
 * Page (headless chromium, $VIGIE_BUILD): the folder's files imported through the Données page as a user
 * would, then the Simulateur over every commune; page_change_ms is input event → report and charts in the DOM
 * (performance measure `vigie:simulateur:change` of the page). Targets (issue 6): < 150 ms Node, < 300 ms page.
 * `--default`: the same moves on the embedded default data (its own commune, then every commune), and the page's
 * length at 1366×768.
 * Usage: npx node --expose-gc bench/simulate.ts [60k|600k|1m ...] [--runs 7] [--no-page] | --default [--runs 10]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { openSite } from '../scripts/headless.ts';
import { benchInputs, SIZES, type Size } from './inputs.ts';
import { median } from './population.ts';
import { createNativeConnector } from '../src/lib/db/native.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import { ident, type Connector } from '../src/lib/db/connector.ts';
import { BOOL_COLUMNS, ENUM_COLUMNS, NUMBER_COLUMNS } from '../src/lib/rules/variables.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import type { Household } from '../src/lib/data/schema.ts';
import { explain } from '../src/lib/rules/explain.ts';
import { toColumns } from '../src/lib/rules/columns.ts';
import { evaluatePopulation } from '../src/lib/rules/population.ts';
import { getScheme } from '../src/lib/rules/registry.ts';
import { fetchScenarioData } from '../src/lib/scenario/load.ts';
import { buildPopulation, populationFromColumns } from '../src/lib/scenario/population.ts';
import { baselineSide, buildReport, cachedBaselineSide } from '../src/lib/scenario/report.ts';
import { publish } from '../src/lib/scenario/publish.ts';
import { populationOf } from '../src/lib/scenario/populations.ts';
import { publishSelection } from '../src/lib/scenario/selection.ts';
import { resolveScenario } from '../src/lib/scenario/spec.ts';

const SCHEME = 'pre-saint-gervais';
const BASELINE = 'statut-rsa';
/** explain() per household on at most this many households (≈ 10 µs each): the ratio needs no more. */
const EXPLAIN_ROWS = 100_000;
const spec = (rav: number) => ({ scheme: SCHEME, baseline: BASELINE, changes: { rav_max: rav } });
/** Threshold of run k: each change moves the slider somewhere else, as a user would. */
const ravOf = (k: number) => 8 + (k % 9) * 0.5;
/** Collect between timed runs when --expose-gc is given, so a run does not pay for the previous one's garbage. */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const time = (f: () => unknown) => {
	const t = performance.now();
	f();
	return performance.now() - t;
};
/** CPU time of the process (all threads, GC helpers included), ms: steadier than wall time on a shared machine. */
const cpu = (f: () => unknown) => {
	const c = process.cpuUsage();
	f();
	const d = process.cpuUsage(c);
	return (d.user + d.system) / 1000;
};
const round = (x: number) => Math.round(x * 10) / 10;

export async function benchSimulate(dir: string, opts: { runs: number; page?: boolean }): Promise<Record<string, number>> {
	// Rows through native DuckDB (loading is measured by bench/indicators.ts and bench/first-table.ts).
	const db = await createNativeConnector();
	await loadFolder(db, dir);
	const data = await fetchScenarioData(db, {});
	const sampleRows = await db.query(`SELECT * FROM households WHERE year = ${data.year} ORDER BY household_id LIMIT ${EXPLAIN_ROWS}`);
	await db.close();
	const households = data.cols.n;

	// Population evaluator vs explain per household, same households.
	const scheme = getScheme(SCHEME);
	const sample = sampleRows as unknown as Household[];
	const sampleCols = toColumns(sample);
	for (let k = 0; k < 2; k++) (evaluatePopulation(scheme, { ...sampleCols }), sample.slice(0, 5000).forEach((h) => explain(h, scheme)));
	// A fresh Columns object each run: the memoised sums and conditions are recomputed, as on a first evaluation.
	const population_ms = median(Array.from({ length: opts.runs }, () => time(() => evaluatePopulation(scheme, { ...sampleCols }))));
	const explain_ms = median(Array.from({ length: Math.min(3, opts.runs) }, () => time(() => sample.forEach((h) => explain(h, scheme)))));

	let t = performance.now();
	const pop = populationOf(data, undefined);
	const node_prepare_ms = performance.now() - t;
	// Warm-up (JIT, data-only memos), then timed changes.
	for (let k = 0; k < 3; k++) {
		const r = resolveScenario(spec(ravOf(k + 5)));
		publish(buildReport(pop, r, { baselineSide: cachedBaselineSide(pop, r) }));
		publishSelection(data, undefined, r);
	}
	const change: number[] = [];
	const changeCpu: number[] = [];
	const single: number[] = [];
	const full: number[] = [];
	for (let k = 0; k < opts.runs; k++) {
		const r = resolveScenario(spec(ravOf(k)));
		gc();
		let c = 0;
		change.push(time(() => (c = cpu(() => publishSelection(data, undefined, r)))));
		changeCpu.push(c);
		gc();
		single.push(time(() => publish(buildReport(pop, r, { baselineSide: cachedBaselineSide(pop, r) }))));
		gc();
		full.push(time(() => buildReport(pop, r, { baselineSide: baselineSide(pop, r) })));
	}
	const out: Record<string, number> = {
		households,
		node_prepare_ms: round(node_prepare_ms),
		node_change_ms: round(median(change)),
		node_change_cpu_ms: round(median(changeCpu)),
		node_change_one_report_ms: round(median(single)),
		ratio_change_selection_one_report: round(median(change) / median(single)),
		node_full_ms: round(median(full)),
		population_ms: round(population_ms),
		explain_ms: round(explain_ms),
		explain_rows: sample.length,
		ratio_explain_population: round(explain_ms / population_ms),
		...(await openTimes(dir, Math.min(3, opts.runs)))
	};
	// Node figures first: a page run that fails (a shared, loaded machine) does not lose them.
	console.log(JSON.stringify(out));
	if (opts.page !== false) Object.assign(out, await pageChange(dir, opts.runs));
	return out;
}

/** Every commune's households of the latest year as row objects, ordered as scenario/load.ts orders them. */
async function fetchRows(db: Connector) {
	const [{ year }] = await db.query<{ year: number }>('SELECT max(year) AS year FROM households');
	const names = ['household_id', 'commune', 'weight', ...NUMBER_COLUMNS, ...BOOL_COLUMNS, ...ENUM_COLUMNS];
	return { year, rows: await db.query(`SELECT ${names.map(ident).join(', ')} FROM households WHERE year = ${year} ORDER BY household_id`) };
}

/** Opening over every commune on DuckDB-wasm in Node: row objects (reference) vs typed columns, same households. */
async function openTimes(dir: string, runs: number): Promise<Record<string, number>> {
	const db = await createNodeConnector();
	await loadFolder(db, dir);
	const r = resolveScenario(spec(ravOf(0)));
	const timed = async (open: () => Promise<unknown>) => {
		gc();
		const t = performance.now();
		await open();
		return performance.now() - t;
	};
	const rowsMs: number[] = [];
	const colsMs: number[] = [];
	for (let k = 0; k < runs; k++) {
		let flow = {};
		colsMs.push(
			await timed(async () => {
				const d = await fetchScenarioData(db);
				buildReport(populationFromColumns(d, d.year, (flow = d.flow)), r);
			})
		);
		// The reference reuses that flow of requests (one small GROUP BY, the same in both).
		rowsMs.push(
			await timed(async () => {
				const { year, rows } = await fetchRows(db);
				buildReport(buildPopulation(rows, year, flow), r);
			})
		);
	}
	await db.close();
	const rows = median(rowsMs);
	const cols = median(colsMs);
	return { node_open_rows_ms: Math.round(rows), node_open_columns_ms: Math.round(cols), ratio_open_rows_columns: round(rows / cols) };
}

/** The folder imported through the Données page, then slider changes on the Simulateur over every commune. */
async function pageChange(dir: string, runs: number): Promise<Record<string, number>> {
	const site = await openSite(process.env.VIGIE_BUILD ?? 'build');
	const { page } = site;
	try {
		let t = performance.now();
		await page.goto(site.url + '/donnees');
		await page.waitForSelector('[data-testid=dataset-label]', { timeout: 300_000 });
		await page.setInputFiles('#file-households', join(dir, 'households-2023.csv'));
		await page.setInputFiles('#file-aid', join(dir, 'aid_requests.csv'));
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('Vos fichiers'), null, {
			timeout: 1_800_000,
			polling: 500
		});
		const page_import_ms = performance.now() - t;
		// Client-side navigation: the imported data stays in the page's DuckDB.
		t = performance.now();
		await page.locator('header a[href$="simulateur"]').click();
		await page.waitForSelector('[data-testid=report]', { timeout: 600_000 });
		await page.selectOption('#s-territory', 'all');
		await page.waitForFunction(() => /^\d+ communes/.test(document.querySelector('[data-testid=report] p.where')?.textContent?.trim() ?? ''), null, {
			timeout: 600_000,
			polling: 200
		});
		const page_open_ms = performance.now() - t;
		const page_change_ms = await sliderMoves(page, runs);
		if (site.pageErrors.length) throw new Error(`erreurs dans la page : ${site.pageErrors.join(' ; ')}`);
		return { page_import_ms: Math.round(page_import_ms), page_open_ms: Math.round(page_open_ms), page_change_ms };
	} finally {
		await site.close();
	}
}

/** Median of `runs` moves of the rav_max slider: input event → sentence, cards and charts in the DOM (the page's measure). */
async function sliderMoves(page: Page, runs: number): Promise<number> {
	const move = async (rav: number) =>
		page.evaluate(
			async ({ rav }) => {
				const before = performance.getEntriesByName('vigie:simulateur:change').length;
				const input = document.querySelector<HTMLInputElement>('[data-param=rav_max] input[type=range]')!;
				input.value = String(rav);
				input.dispatchEvent(new Event('input', { bubbles: true }));
				while (performance.getEntriesByName('vigie:simulateur:change').length === before) await new Promise((r) => setTimeout(r, 5));
				return performance.getEntriesByName('vigie:simulateur:change').at(-1)!.duration;
			},
			{ rav }
		);
	await page.locator('[data-param=rav_max] input[type=range]').waitFor();
	for (let k = 0; k < 2; k++) await move(ravOf(k + 5));
	const times: number[] = [];
	for (let k = 0; k < runs; k++) times.push(await move(ravOf(k)));
	return round(median(times));
}

/**
 * The embedded default data (synthetic, 93 at 1/10): slider moves on the scheme's own commune and over every
 * commune, and the page's length at 1366×768.
 */
export async function benchDefaultPage(runs: number): Promise<Record<string, number>> {
	const site = await openSite(process.env.VIGIE_BUILD ?? 'build');
	const { page } = site;
	try {
		await page.setViewportSize({ width: 1366, height: 768 });
		await page.goto(site.url + '/simulateur');
		await page.waitForSelector('[data-testid=summary]', { timeout: 300_000 });
		const page_height_px = await page.evaluate(() => document.documentElement.scrollHeight);
		const default_change_commune_ms = await sliderMoves(page, runs);
		await page.selectOption('#s-territory', 'all');
		await page.waitForFunction(() => /^\d+ communes/.test(document.querySelector('[data-testid=report] p.where')?.textContent?.trim() ?? ''), null, { timeout: 300_000 });
		const default_change_all_ms = await sliderMoves(page, runs);
		if (site.pageErrors.length) throw new Error(`erreurs dans la page : ${site.pageErrors.join(' ; ')}`);
		return { page_height_px, default_change_commune_ms, default_change_all_ms };
	} finally {
		await site.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' }, 'no-page': { type: 'boolean' }, default: { type: 'boolean' } } });
	if (values.default) {
		console.log(`vigie simulate bench — default data in the page, ${values.runs} moves`);
		console.table(await benchDefaultPage(Number(values.runs)));
		process.exit(0);
	}
	const sizes = (positionals.length ? positionals : ['600k', '1m']) as Size[];
	for (const s of sizes) if (!SIZES.includes(s)) throw new Error(`taille inconnue : ${s} (${SIZES.join(', ')})`);
	console.log(`vigie simulate bench — ${BASELINE} vs ${SCHEME} (rav_max moved), every commune, Node ${process.version}, ${values.runs} runs`);
	const rows: Record<string, Record<string, number>> = {};
	for (const s of sizes) rows[s] = await benchSimulate(benchInputs(s), { runs: Number(values.runs), page: !values['no-page'] });
	console.table(rows);
}
