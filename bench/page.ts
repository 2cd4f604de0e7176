/**
 * Page measurements on a bench dataset: a copy of the built site whose embedded default data is replaced by
 * the bench folder, so the page loads it exactly as it loads its default data (fetch, validation in
 * DuckDB-wasm, tables), then the Aides page refresh. Headless chromium, fresh profile.
 *   npm run build && npx node bench/page.ts [60k|600k|1m] [RUNS=3]
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSite, type Site } from '../scripts/headless.ts';
import { benchInputs, type Size } from './inputs.ts';
import { median } from './population.ts';

/** A copy of the built site serving `dir` as its default data; remove it with rmSync when done. */
export function siteWithData(dir: string, build = process.env.VIGIE_BUILD ?? 'build'): string {
	const root = mkdtempSync(join(tmpdir(), 'vigie-bench-site-'));
	const data = resolve(build, 'data') + '/';
	// Keep the geography files, drop the default dataset (manifest and CSV files).
	cpSync(build, root, { recursive: true, filter: (src) => !resolve(src).startsWith(data) || resolve(src).includes('/territory') });
	for (const f of readdirSync(dir)) symlinkSync(resolve(dir, f), join(root, 'data', f));
	return root;
}

const ready = (site: Site, timeout = 600_000) => site.page.waitForSelector('[data-testid=ready][aria-busy=false]', { timeout });

/** Navigation → first Territoire table, once per fresh profile; then the Aides page and its refreshes. */
export async function benchPage(dir: string, opts: { runs: number }) {
	const root = siteWithData(dir);
	try {
		const first: number[] = [];
		const aides: number[] = [];
		let aidesFirst = 0;
		for (let i = 0; i < opts.runs; i++) {
			const site = await openSite(root);
			try {
				let t = performance.now();
				await site.page.goto(site.url + '/');
				await site.page.waitForSelector('[data-testid=ready]:not([aria-busy=true])', { timeout: 600_000 });
				await site.page.waitForSelector('table', { timeout: 600_000 });
				first.push(performance.now() - t);
				if (i === 0) {
					t = performance.now();
					await site.page.goto(site.url + '/aides');
					await ready(site);
					aidesFirst = performance.now() - t;
					const group = (await site.page.locator('#scope option[value^="group:"]').getAttribute('value'))!;
					for (let k = 0; k < opts.runs; k++) {
						for (const v of [group, 'all']) {
							t = performance.now();
							await site.page.selectOption('#scope', v);
							await site.page.waitForTimeout(0);
							await ready(site);
							if (v === 'all') aides.push(performance.now() - t);
						}
					}
				}
				if (site.offOrigin.length) throw new Error(`requests left 127.0.0.1: ${site.offOrigin.join(', ')}`);
			} finally {
				await site.close();
			}
		}
		return { page_first_table_ms: median(first), page_aides_first_ms: aidesFirst, page_aides_refresh_ms: median(aides) };
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const size = (process.argv[2] ?? '60k') as Size;
	console.log(size, await benchPage(benchInputs(size), { runs: Number(process.argv[3] ?? 3) }));
}
