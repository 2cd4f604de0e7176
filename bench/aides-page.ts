/**
 * Benchmark (not a test), issue 7: the Aides page's full refresh in headless chromium, on the default data
 * and on a generated 10-year aid register (2016–2025) for all 39 communes of 93. For each dataset: a copy of
 * build/ with that data, page opened once, then the scope switched between « Tous les CCAS » and
 * Est Ensemble; medians of the refreshes.
 * Usage: npm run build && npx node bench/aides-page.ts [--runs 5]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSite } from '../scripts/headless.ts';
import { generate } from '../src/lib/synth/generate.ts';
import { writeAppData } from '../src/lib/synth/write.ts';
import { departementGeography } from '../src/lib/territory/etalab.ts';
import { currentCode } from '../src/lib/territory/geography.ts';
import { median } from './population.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

async function measure(label: string, root: string) {
	const site = await openSite(root);
	const ready = () => site.page.waitForSelector('[data-testid=ready][aria-busy=false]', { timeout: 300_000 });
	let t = performance.now();
	await site.page.goto(site.url + '/aides');
	await ready();
	const first = performance.now() - t;
	const refresh: Record<string, number[]> = { all: [], group: [] };
	const group = (await site.page.locator('#scope option[value^="group:"]').getAttribute('value'))!;
	for (let i = 0; i < runs; i++) {
		for (const [k, v] of [['all', 'all'], ['group', group]] as const) {
			t = performance.now();
			await site.page.selectOption('#scope', v);
			await site.page.waitForTimeout(0);
			await ready();
			refresh[k].push(performance.now() - t);
		}
	}
	if (site.offOrigin.length) throw new Error(`requests left 127.0.0.1: ${site.offOrigin.join(', ')}`);
	await site.close();
	console.log(
		`${label}: first page ${Math.round(first)} ms · refresh « Tous les CCAS » median ${Math.round(median(refresh.all))} ms · refresh Est Ensemble median ${Math.round(median(refresh.group))} ms`
	);
}

console.log(`Vigie Aides page bench — ${new Date().toISOString()} — ${runs} refreshes per scope`);
await measure('default data (2019–2025)', 'build');
const root = mkdtempSync(join(tmpdir(), 'vigie-aides-'));
cpSync('build', root, { recursive: true });
const geo = departementGeography('93');
const years = Array.from({ length: 10 }, (_, i) => 2016 + i);
const data = generate({ departement: '93', sample: 0.1, seed: 1, aidYears: years, communeOf: (c) => currentCode(geo, c) });
writeAppData(join(root, 'data'), data, '93 au 1/10, demandes 2016–2025', '93');
await measure(`10 years of requests (${data.aidRequests.length} requests)`, root);
rmSync(root, { recursive: true, force: true });
