/**
 * Import benchmark (issue 4): rows per second and peak memory for a 100 000 and a 1 000 000-row households
 * CSV, in Node and in the page (chromium, through the Données page upload as a user does):
 *   - contract form (UTF-8, `,`), French Excel form (`;`, decimal comma, CRLF), the latter with a quoted value, with
 *     the household size (nb_personnes, the adults computed in SQL) instead of the persons aged 14 or more, with a
 *     line of separators only every 100 000 rows and two empty lines at the end (Excel's emptied rows), and
 *     with three typos (rejected rows: their column re-read as text, their lines picked out for the rejects file):
 *     all read by DuckDB's own CSV reader where they lie (fast path: names from the mapping, coded values cleaned
 *     once per distinct value);
 *   - Node only, the French form with a quoted line break, which goes through the streaming pre-step (the path of
 *     files DuckDB cannot read as is), for reference;
 *   - the same households as Parquet (written by native DuckDB) and as Arrow IPC (apache-arrow, text as Utf8, as
 *     pandas writes it), read column by column into Arrow batches; in Node, the Parquet file also through the CSV
 *     route (the pre-step writing clean CSV, the way before Arrow batches), as the reference;
 *   - the same contract-form file parsed by papaparse and counted by DuckDB's CSV reader, in the same run.
 * Node memory is the peak RSS sampled every 50 ms; page memory the peak RSS of every chromium process. Page
 * time is the page's own clock from the click on « Importer et contrôler » to the frame that paints the report.
 *   npx node bench/import.ts [runs]     (the page part needs the built site: npm run build)
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { benchInputs } from './inputs.ts';
import { createNodeConnector } from '../src/lib/db/node.ts';
import { importBlob } from '../src/lib/data/ingest/import.ts';
import { HOUSEHOLDS } from '../src/lib/data/schema.ts';
import { openSite } from '../scripts/headless.ts';

const OUT = '/tmp/vigie-bench-import';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => Math.round(bytes / 1e6);

/**
 * The first `rows` households of `src`: contract form, French Excel form, the latter with its first value quoted,
 * with a quoted line break in that value, with three typos in an integer column (age « abc » at the start,
 * middle and end), with the household size (nb_personnes) in place of persons_14_plus, and with « ;;;; » lines
 * and empty lines at the end (cached).
 */
async function inputs(
	src: string,
	rows: number
): Promise<{ plain: string; french: string; quoted: string; wrapped: string; typos: string; size: string; blank: string }> {
	mkdirSync(OUT, { recursive: true });
	const files = {
		plain: join(OUT, `households-${rows}.csv`),
		french: join(OUT, `households-${rows}-fr.csv`),
		quoted: join(OUT, `households-${rows}-fr-quoted.csv`),
		wrapped: join(OUT, `households-${rows}-fr-wrapped.csv`),
		typos: join(OUT, `households-${rows}-fr-typos.csv`),
		size: join(OUT, `households-${rows}-fr-size.csv`),
		blank: join(OUT, `households-${rows}-fr-blank.csv`)
	};
	const typo = new Set([10, rows / 2, rows - 10]);
	if (Object.values(files).every((f) => existsSync(f))) return files;
	const [a, b, c, d, e, g, h] = Object.values(files).map((f) => createWriteStream(f));
	let n = -1;
	for await (const line of createInterface({ input: createReadStream(src) })) {
		if (n++ >= rows) break;
		const fr = line.replaceAll(',', ';').replaceAll('.', ',');
		for (const [w, text] of [
			[a, line + '\n'],
			[b, fr + '\r\n'],
			[c, (n === 1 ? fr.replace(/^([^;]+);/, '"$1";') : fr) + '\r\n'],
			[d, (n === 1 ? fr.replace(/^([^;]+);/, '"$1\r\nsuite";') : fr) + '\r\n'],
			[e, (typo.has(n) ? fr.split(';').map((f, i) => (i === 8 ? 'abc' : f)).join(';') : fr) + '\r\n'],
			[g, (n === 0 ? fr.replace('persons_14_plus', 'nb_personnes') : fr.split(';').map((f, i, all) => (i === 5 ? String(Number(f) + Number(all[6])) : f)).join(';')) + '\r\n'],
			[h, fr + '\r\n' + (n > 0 && n % 100_000 === 0 ? ';'.repeat(fr.split(';').length - 1) + '\r\n' : '') + (n === rows ? '\r\n\r\n' : '')]
		] as const)
			if (!w.write(text)) await once(w, 'drain');
	}
	for (const w of [a, b, c, d, e, g, h]) w.end();
	await Promise.all([a, b, c, d, e, g, h].map((w) => once(w, 'finish')));
	return files;
}

/** The households of `csv` as Parquet (native DuckDB) and as Arrow IPC, text columns as plain Utf8 (cached). */
async function columnarInputs(csv: string): Promise<{ parquet: string; arrow: string }> {
	const files = { parquet: csv.replace(/\.csv$/, '.parquet'), arrow: csv.replace(/\.csv$/, '.arrow') };
	if (existsSync(files.parquet) && existsSync(files.arrow)) return files;
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const arrow = await import('apache-arrow');
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	await conn.run(`CREATE TABLE h AS SELECT * FROM read_csv('${csv}', header = true)`);
	await conn.run(`COPY h TO '${files.parquet}' (FORMAT parquet)`);
	const columns = (await conn.runAndReadAll('SELECT * FROM h')).getColumnsObjectJS() as Record<string, unknown[]>;
	const vectors = Object.fromEntries(
		Object.entries(columns).map(([name, values]) => {
			const sample = values.find((v) => v !== null);
			const type = typeof sample === 'string' ? new arrow.Utf8() : typeof sample === 'boolean' ? new arrow.Bool() : typeof sample === 'bigint' ? new arrow.Int64() : new arrow.Float64();
			return [name, arrow.vectorFromArray(values, type as never)];
		})
	);
	writeFileSync(files.arrow, arrow.tableToIPC(new arrow.Table(vectors), 'file'));
	conn.closeSync();
	instance.closeSync();
	return files;
}

/** Runs `fn`, sampling RSS (Node) every 50 ms: milliseconds and peak RSS above the start. */
async function measure(fn: () => Promise<unknown>): Promise<{ ms: number; peak: number }> {
	globalThis.gc?.();
	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
	const t0 = performance.now();
	await fn();
	const ms = performance.now() - t0;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { ms, peak: peak - base };
}

/**
 * One import in Node, checking it went the way the figure says (DuckDB's reader, Arrow batches or the pre-step);
 * `noArrow` hides the connector's Arrow insertion, so a Parquet or Arrow file takes the CSV route.
 */
async function nodeImport(path: string, reader: 'duckdb' | 'arrow' | 'pre-step', noArrow = false): Promise<{ ms: number; peak: number; loaded: number }> {
	const wasm = await createNodeConnector();
	const db = noArrow ? { ...wasm, insertArrow: undefined } : wasm;
	let loaded = 0;
	const m = await measure(async () => {
		const blob = new Blob([readFileSync(path)]);
		const r = await importBlob(db, HOUSEHOLDS, { name: 'h.csv', blob });
		if (r.report.fatal) throw new Error(r.report.fatal);
		if (r.reader !== reader) throw new Error(`${path}: read by ${r.reader}, not ${reader}`);
		loaded = r.report.loaded;
	});
	await wasm.close();
	return { ...m, loaded };
}

async function duckCount(path: string): Promise<{ ms: number; peak: number }> {
	const db = await createNodeConnector();
	const m = await measure(async () => {
		await db.registerFile('h.csv', readFileSync(path));
		await db.query(`SELECT count(*) FROM read_csv('h.csv', header = true)`);
		await db.dropFile('h.csv');
	});
	await db.close();
	return m;
}

const papaCount = (path: string) =>
	measure(async () => {
		let rows = 0;
		await new Promise<void>((resolve, reject) =>
			Papa.parse(createReadStream(path), { header: false, step: () => void rows++, complete: () => resolve(), error: reject })
		);
	});

/** Peak RSS of every process of the chromium started for `profile`, sampled while `fn` runs. */
export async function pageImport(build: string, path: string): Promise<{ ms: number; peak: number; rows: number }> {
	process.env.VIGIE_BUILD = build;
	const site = await openSite(build);
	try {
		const { page } = site;
		await page.goto(site.url + '/donnees');
		await page.waitForSelector('tr[data-kind=households]', { timeout: 120_000 });
		const rss = () => {
			const ps = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8', maxBuffer: 1 << 24 });
			return ps
				.split('\n')
				.filter((l) => l.includes('chromium') && l.includes('vigie-chromium'))
				.reduce((s, l) => s + Number(l.trim().split(/\s+/)[0]) * 1024, 0);
		};
		const base = rss();
		let peak = base;
		const timer = setInterval(() => (peak = Math.max(peak, rss())), 200);
		await page.setInputFiles('#file-households', path);
		// Timed by the page's own clock, from the click to the frame that paints the report (Playwright's
		// polling would add up to a few hundred milliseconds while the page's thread is busy).
		await page.evaluate(() => {
			const w = window as unknown as { __clickAt?: number; __reportAt?: number };
			document.addEventListener('click', () => (w.__clickAt ??= performance.now()), { capture: true });
			new MutationObserver(() => {
				if (w.__reportAt !== undefined || !document.querySelector('[data-testid=import-status]')) return;
				w.__reportAt = 0;
				requestAnimationFrame(() => (w.__reportAt = performance.now())); // the frame that paints it
			}).observe(document.body, { childList: true, subtree: true });
		});
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => ((window as unknown as { __reportAt?: number }).__reportAt ?? 0) > 0, null, { timeout: 600_000 });
		const ms = await page.evaluate(() => {
			const w = window as unknown as { __clickAt: number; __reportAt: number };
			return w.__reportAt - w.__clickAt;
		});
		clearInterval(timer);
		const status = await page.getByTestId('import-status').innerText();
		if (!status.includes('chargés')) throw new Error(`${path} : ${status} ${await page.locator('[data-import] .error').allInnerTexts()}`);
		const [rows] = (await page.locator('[data-testid=import-counts] td').allInnerTexts()).map((c) => Number(c.replace(/\s/g, '')));
		return { ms, peak: peak - base, rows };
	} finally {
		await site.close();
	}
}

export async function benchImport(dir: string, opts: { runs: number }): Promise<Record<string, number>> {
	const src = join(dir, 'households-2023.csv');
	const total = readFileSync(src, 'utf8').length; // warms the page cache too
	void total;
	const out: Record<string, number> = {};
	const build = process.env.VIGIE_BUILD ?? 'build';
	for (const [label, rows] of [['100k', 100_000], ['1m', 1_000_000]] as const) {
		const { plain, french, quoted, wrapped, typos, size, blank } = await inputs(src, rows);
		const { parquet, arrow } = await columnarInputs(plain);
		out[`file_${label}_mb`] = mb(statSync(plain).size);
		out[`file_${label}_parquet_mb`] = mb(statSync(parquet).size);
		out[`file_${label}_arrow_mb`] = mb(statSync(arrow).size);
		const kinds = ['contract', 'french', 'quoted', 'typos', 'size', 'blank', 'stream', 'parquet', 'arrow', 'parquet_csv_route', 'duck', 'papa'] as const;
		const runs = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<(typeof kinds)[number], number[]>;
		const peaks = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<(typeof kinds)[number], number>;
		let n = 0;
		for (let r = 0; r < opts.runs; r++) {
			const one = {
				contract: await nodeImport(plain, 'duckdb'),
				french: await nodeImport(french, 'duckdb'),
				quoted: await nodeImport(quoted, 'duckdb'),
				typos: await nodeImport(typos, 'duckdb'),
				size: await nodeImport(size, 'duckdb'),
				blank: await nodeImport(blank, 'duckdb'),
				stream: await nodeImport(wrapped, 'pre-step'),
				parquet: await nodeImport(parquet, 'arrow'),
				arrow: await nodeImport(arrow, 'arrow'),
				parquet_csv_route: await nodeImport(parquet, 'pre-step', true),
				duck: await duckCount(plain),
				papa: await papaCount(plain)
			};
			n = one.contract.loaded;
			for (const k of Object.keys(one) as Array<keyof typeof one>) {
				runs[k].push(one[k].ms);
				peaks[k] = Math.max(peaks[k], one[k].peak);
			}
		}
		out[`node_${label}_rows`] = n;
		for (const k of kinds) {
			out[`node_${label}_${k}_ms`] = Math.round(median(runs[k]));
			out[`node_${label}_${k}_rows_per_s`] = Math.round(n / (median(runs[k]) / 1000));
			out[`node_${label}_${k}_peak_mb`] = mb(peaks[k]);
		}
		out[`node_${label}_ratio_papa_duck`] = Math.round((median(runs.papa) / median(runs.duck)) * 100) / 100;
		out[`node_${label}_ratio_parquet_csv_route_arrow`] = Math.round((median(runs.parquet_csv_route) / median(runs.parquet)) * 100) / 100;
		if (existsSync(join(build, 'index.html'))) {
			for (const [k, path] of [['contract', plain], ['french', french], ['quoted', quoted], ['typos', typos], ['size', size], ['blank', blank], ['parquet', parquet], ['arrow', arrow]] as const) {
				const ms: number[] = [];
				let peak = 0;
				for (let r = 0; r < opts.runs; r++) {
					const m = await pageImport(build, path);
					ms.push(m.ms);
					peak = Math.max(peak, m.peak);
				}
				out[`page_${label}_${k}_ms`] = Math.round(median(ms));
				out[`page_${label}_${k}_rows_per_s`] = Math.round(n / (median(ms) / 1000));
				out[`page_${label}_${k}_peak_mb`] = mb(peak);
			}
		}
	}
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const runs = Number(process.argv[2] ?? 3);
	const res = await benchImport(benchInputs('1m'), { runs });
	console.log(
		`Import (médianes sur ${runs} passages ; contract / french / quoted = formats du contrat, d'Excel français, avec une valeur entre guillemets ; typos = trois fautes dans une colonne d'entiers ; size = nb_personnes au lieu des 14 ans ou plus ; blank = lignes « ;;;; » et lignes vides finales ; tous lus par DuckDB ; stream = prétraitement en flux (saut de ligne entre guillemets) ; parquet / arrow = lus colonne par colonne en lots Arrow ; parquet_csv_route = le même Parquet réécrit en CSV (référence) ; duck/papa = simple lecture)`
	);
	console.table(Object.entries(res).map(([key, value]) => ({ key, value })));
}
