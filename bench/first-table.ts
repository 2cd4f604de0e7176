/**
 * Benchmark (not a test): time from navigation to the first Territoire table on the built site, in
 * headless Debian chromium with a fresh profile each run, plus the size of the default dataset.
 * Usage: npm run build && npm run bench:first-table [-- --runs 5]   (VIGIE_BUILD=<folder> for another build)
 */
import { statSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSite } from '../scripts/headless.ts';
import { median } from './population.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const build = process.env.VIGIE_BUILD ?? 'build';
const mb = (bytes: number) => (bytes / 1e6).toFixed(1) + ' MB';
const dirSize = (d: string): number =>
	readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? dirSize(join(d, e.name)) : statSync(join(d, e.name)).size), 0);

const firstTable: number[] = [];
const htmlOnly: number[] = [];
const reload: number[] = [];
for (let i = 0; i < runs; i++) {
	const site = await openSite(); // fresh chromium profile every run
	const t0 = performance.now();
	await site.page.goto(site.url + '/', { waitUntil: 'domcontentloaded' });
	htmlOnly.push(performance.now() - t0);
	await site.page.waitForSelector('[data-testid=ready]', { timeout: 120_000 });
	firstTable.push(performance.now() - t0);
	const marks = await site.page.evaluate(() =>
		performance.getEntriesByType('mark').filter((m) => m.name.startsWith('vigie:')).map((m) => `${m.name.slice(7)} ${Math.round(m.startTime)}`)
	);
	console.log(`run ${i + 1}: ${marks.join(' · ')}`);
	// A returning user: same profile, so the browser's HTTP and compiled-wasm caches are warm.
	const t1 = performance.now();
	await site.page.reload();
	await site.page.waitForSelector('[data-testid=ready]', { timeout: 120_000 });
	reload.push(performance.now() - t1);
	if (site.offOrigin.length) throw new Error(`requests left 127.0.0.1: ${site.offOrigin.join(', ')}`);
	await site.close();
}

const lines = [
	`Vigie first-table benchmark — ${new Date().toISOString()} — ${runs} runs, fresh profile each`,
	`navigation → HTML parsed (domcontentloaded): median ${median(htmlOnly).toFixed(0)} ms`,
	`navigation → Territoire table shown:         median ${median(firstTable).toFixed(0)} ms  (runs: ${firstTable.map((x) => x.toFixed(0)).join(', ')})`,
	`reload in the same profile → table shown:     median ${median(reload).toFixed(0)} ms  (runs: ${reload.map((x) => x.toFixed(0)).join(', ')})`,
	`ratio table / HTML: ${(median(firstTable) / median(htmlOnly)).toFixed(1)}×`,
	`default dataset: ${readdirSync(join(build, 'data')).filter((f) => f.endsWith('.csv')).map((f) => `${f} ${mb(statSync(join(build, 'data', f)).size)}`).join(', ')}`,
	`built site: ${mb(dirSize(build))}`
];
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/first-table.txt', lines.join('\n') + '\n');
