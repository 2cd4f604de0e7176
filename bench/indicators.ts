/**
 * Whole indicator catalogue (every commune + a group + the département) on a dataset folder, with the
 * same SQL on DuckDB-wasm in Node (the browser's engine) and native DuckDB (@duckdb/node-api), in one run;
 * then in the page (headless chromium), after importing the folder's files on the Données page as a user
 * would. Medians of `runs` repetitions:
 * - cold: the year's per-commune statistics are computed from the rows (first view of a dataset/year);
 * - group: another group on the same year (statistics reused, only the new group is computed);
 * - secrecy: another secrecy threshold (nothing but the secrecy rules run).
 *   npx node bench/indicators.ts [DIR=/tmp/vigie-bench/600k] [RUNS=3] [--no-page | --page-only]
 * The page part needs a build: VIGIE_BUILD=<folder> npx vite build (default folder: build).
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Connector } from '../src/lib/db/connector.ts';
import { createNativeConnector } from '../src/lib/db/native.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import { runIndicators } from '../src/lib/indicators/run.ts';
import { dropStatistics } from '../src/lib/indicators/stats.ts';
import { departementGeography } from '../src/lib/territory/etalab.ts';
import { openSite } from '../scripts/headless.ts';
import { median } from './population.ts';

const geo = departementGeography('93');
const est = geo.groups.find((g) => g.nom === 'Est Ensemble')!;
/** Groups other than Est Ensemble and smaller than the département: one per "group change" repetition. */
const others = geo.groups.filter((g) => g !== est && g.members.length < geo.communes.length);
const asGroup = (g: (typeof others)[number]) => ({ code: g.code, communes: g.members });

async function timed(fn: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}

async function engine(create: () => Promise<Connector>, dir: string, runs: number) {
	const db = await create();
	try {
		const load = await timed(() => loadFolder(db, dir));
		const households = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM households'))[0].n;
		const cold: number[] = [];
		const group: number[] = [];
		const secrecy: number[] = [];
		for (let i = 0; i < runs; i++) {
			await dropStatistics(db);
			cold.push(await timed(() => runIndicators(db, { group: asGroup(est) })));
			group.push(await timed(() => runIndicators(db, { group: asGroup(others[i % others.length]) })));
			secrecy.push(await timed(() => runIndicators(db, { group: asGroup(others[i % others.length]), minRows: 20 + i })));
		}
		return { load, households, cold: median(cold), group: median(group), secrecy: median(secrecy) };
	} finally {
		await db.close();
	}
}

/**
 * In chromium, what the user waits for (navigation to Indicateurs → its table shown), three ways:
 * - right after importing the folder's files on the Données page (the warm-up queued by the import is
 *   still running: the view waits for it);
 * - at a new visit, the import restored from the browser's storage, opening Indicateurs directly;
 * - another new visit, on Données: Indicateurs opened after a pause (reading the report), warm-up done.
 * `…_catalogue_ms` is the page's own "calculé en N ms" (its catalogue call: queue wait + computation).
 */
async function page(dir: string, runs: number) {
	const files = readdirSync(dir);
	const site = await openSite();
	try {
		const { page: p } = site;
		const label = (text: string) =>
			p.waitForFunction((t) => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes(t), text, { timeout: 600_000 });
		const shown = () => p.waitForSelector('[data-testid=ready]', { timeout: 600_000 });
		const computed = async () => Number((await p.getByTestId('ready').innerText()).match(/calculé en (\d+)/)![1]);
		const toIndicators = async () => {
			const t = performance.now();
			await p.getByRole('link', { name: 'Indicateurs' }).click();
			await shown();
			return { ms: performance.now() - t, computed: await computed() };
		};
		await p.goto(site.url + '/donnees');
		await p.waitForSelector('[data-testid=dataset-label]', { timeout: 300_000 });
		await p.setInputFiles('#file-households', join(dir, files.find((f) => f.startsWith('households'))!));
		await p.setInputFiles('#file-aid', join(dir, files.find((f) => f.startsWith('aid_requests'))!));
		// The whole catalogue computed from the rows in the page (the warm-up queued once a dataset is in:
		// app/indicator-cache.ts measures it), once per document.
		const cold: number[] = [];
		const warmUp = async () => {
			const name = 'vigie: indicator warm-up';
			await p.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 600_000 });
			cold.push(await p.evaluate((n) => performance.getEntriesByName(n)[0].duration, name));
		};
		let t = performance.now();
		await p.getByRole('button', { name: 'Importer et contrôler' }).click();
		await label('Vos fichiers');
		const load = performance.now() - t;
		const afterImport = await toIndicators();
		await warmUp();
		const group: number[] = [];
		for (let i = 0; i < runs; i++) {
			const g = others[i % others.length];
			t = performance.now();
			await p.selectOption('#group', g.code);
			await p.waitForFunction((name) => document.querySelector('[data-testid=ready]')?.textContent?.includes(`groupe : ${name}`), g.nom, { timeout: 600_000 });
			group.push(performance.now() - t);
		}
		// New visit: the import comes back from IndexedDB before anything is computed.
		t = performance.now();
		await p.goto(site.url + '/indicateurs');
		await shown();
		const newVisit = { ms: performance.now() - t, computed: await computed() };
		await warmUp();
		// New visit on Données, a pause while the report is read, then Indicateurs.
		await p.goto(site.url + '/donnees');
		await label('Vos fichiers');
		const pause = Math.max(5000, 1.5 * afterImport.ms);
		await p.waitForTimeout(pause);
		const afterPause = await toIndicators();
		await warmUp();
		if (site.offOrigin.length) throw new Error(`requests left 127.0.0.1: ${site.offOrigin.join(', ')}`);
		return { load, afterImport, group: median(group), newVisit, pause, afterPause, cold: median(cold) };
	} finally {
		await site.close();
	}
}

export async function benchIndicators(dir: string, opts: { runs: number; page?: boolean; engines?: boolean }) {
	// The machine is shared: its load says how far the figures are from an idle run.
	const loadBefore = loadavg()[0];
	const out: Record<string, number> = {};
	if (opts.engines !== false) {
		const wasm = await engine(createNodeConnector, dir, opts.runs);
		const native = await engine(() => createNativeConnector(2), dir, opts.runs);
		Object.assign(out, {
			households: wasm.households,
			indicators_load_wasm_ms: wasm.load,
			indicators_load_native_ms: native.load,
			catalogue_cold_wasm_ms: wasm.cold,
			catalogue_cold_native_ms: native.cold,
			catalogue_cold_ratio_wasm_native: wasm.cold / native.cold,
			catalogue_group_change_wasm_ms: wasm.group,
			catalogue_group_change_native_ms: native.group,
			catalogue_group_ratio_wasm_native: wasm.group / native.group,
			catalogue_secrecy_change_wasm_ms: wasm.secrecy,
			catalogue_secrecy_change_native_ms: native.secrecy
		});
	}
	if (opts.page !== false) {
		const p = await page(dir, opts.runs);
		Object.assign(out, {
			page_import_ms: p.load,
			page_catalogue_cold_ms: p.cold,
			page_indicators_after_import_ms: p.afterImport.ms,
			page_indicators_after_import_catalogue_ms: p.afterImport.computed,
			page_indicators_group_change_ms: p.group,
			page_indicators_new_visit_ms: p.newVisit.ms,
			page_indicators_new_visit_catalogue_ms: p.newVisit.computed,
			page_pause_before_indicators_ms: p.pause,
			page_indicators_after_pause_ms: p.afterPause.ms,
			page_indicators_after_pause_catalogue_ms: p.afterPause.computed
		});
	}
	out.machine_load_1min_before = loadBefore;
	out.machine_load_1min_after = loadavg()[0];
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
	const dir = args[0] ?? '/tmp/vigie-bench/600k';
	const runs = Number(args[1] ?? 3);
	const r = await benchIndicators(dir, { runs, page: !process.argv.includes('--no-page'), engines: !process.argv.includes('--page-only') });
	console.log(`Vigie indicators bench — ${new Date().toISOString()} — ${dir}, ${runs} runs (medians)`);
	for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(36)} ${k.includes('ratio') ? v.toFixed(2) + ' ×' : k.startsWith('machine') ? v.toFixed(1) : Math.round(v)}`);
}
