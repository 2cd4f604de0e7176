/**
 * Benchmark (not a test), issue 21: the XLSX decompression bomb (scripts/xlsx-bomb.ts: 730 KB whose shared
 * strings inflate to 300 MB) given to the import as a user's file, in a fresh Node process each run: time to
 * the answer and the process's peak memory (maxRSS). Reference in the same run: the workbook reader called
 * directly (what the import did before it read the declared sizes). Medians of --runs (default 3).
 * Usage: npx node bench/xlsx-bomb.ts [--runs 3] [--inflate 300000000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { xlsxBomb } from '../scripts/xlsx-bomb.ts';
import { median } from './population.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, inflate: { type: 'string', default: '300000000' }, child: { type: 'string' }, file: { type: 'string' } } });

if (values.child) {
	// One measured run: the import (or the bare reader), then elapsed ms and peak memory on stdout.
	const { readFileSync } = await import('node:fs');
	const data = new Uint8Array(readFileSync(values.file!));
	const t = performance.now();
	let answer: string;
	if (values.child === 'import') {
		const { createNodeConnector } = await import('../src/lib/db/node.ts');
		const { importFile } = await import('../src/lib/data/ingest/import.ts');
		const { HOUSEHOLDS } = await import('../src/lib/data/schema.ts');
		const db = await createNodeConnector();
		const t0 = performance.now();
		const { report } = await importFile(db, HOUSEHOLDS, { name: 'bombe.xlsx', data });
		answer = report.fatal ?? `${report.loaded} lignes`;
		console.log(JSON.stringify({ ms: performance.now() - t0, rss_mb: process.resourceUsage().maxRSS / 1024, answer }));
		await db.close();
	} else {
		const { parseXlsx } = await import('../src/lib/data/ingest/xlsx.ts');
		try {
			answer = `${(await parseXlsx(data)).records.length} lignes`;
		} catch (e) {
			answer = (e as Error).message;
		}
		console.log(JSON.stringify({ ms: performance.now() - t, rss_mb: process.resourceUsage().maxRSS / 1024, answer }));
	}
	process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'vigie-bomb-'));
const file = join(dir, 'bombe.xlsx');
const bomb = xlsxBomb(Number(values.inflate));
writeFileSync(file, bomb);
const run = (child: string) => JSON.parse(execFileSync(process.execPath, ['bench/xlsx-bomb.ts', '--child', child, '--file', file], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!);
const runs = Number(values.runs);
const imp: Array<{ ms: number; rss_mb: number; answer: string }> = [];
const raw: typeof imp = [];
for (let k = 0; k < runs; k++) (imp.push(run('import')), raw.push(run('reader')));
const m = (xs: typeof imp, f: 'ms' | 'rss_mb') => Math.round(median(xs.map((x) => x[f])));
console.log(`bombe XLSX : ${Math.round(bomb.length / 1000)} Ko, ${Math.round(Number(values.inflate) / 1e6)} Mo décompressés`);
console.log(`import : ${m(imp, 'ms')} ms, mémoire max ${m(imp, 'rss_mb')} Mo → ${imp[0].answer}`);
console.log(`lecteur seul (référence) : ${m(raw, 'ms')} ms, mémoire max ${m(raw, 'rss_mb')} Mo → ${raw[0].answer}`);
console.log(`ratio temps lecteur / import : ${(m(raw, 'ms') / Math.max(1, m(imp, 'ms'))).toFixed(0)}`);
rmSync(dir, { recursive: true });
