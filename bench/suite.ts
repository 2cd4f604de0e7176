/**
 * The benchmark suite (issue #8): generates its inputs with the project's generator (bench/inputs.ts), then
 * measures, in one run, medians of several repetitions at 60 000, 600 000 and 1 000 000 households —
 * in Node on DuckDB-wasm and on native DuckDB, and in headless chromium — prints one table and writes it to
 * bench/results/suite.md. Needs the built site (npm run build).
 *   npm run bench [-- --sizes 60k,600k --runs 3 --skip page,import]
 * Sections: load (CSV through validation), import (DuckDB reader vs papaparse, page upload), indicators (whole
 * catalogue, cold and on a group change), simulate (one parameter change; population evaluator vs explain),
 * aides (Aides refresh), page (navigation → first table, Aides page). Figures are medians in ms.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchAides } from './aides.ts';
import { benchImport } from './import.ts';
import { benchIndicators } from './indicators.ts';
import { benchSimulate } from './simulate.ts';
import { benchInputs, SIZES, type Size } from './inputs.ts';
import { benchLoad } from './load.ts';
import { benchPage } from './page.ts';

type Figures = Record<string, number>;
interface Section {
	id: string;
	run(dir: string, opts: { runs: number }): Promise<Figures>;
	/** Only at these sizes (the import bench makes its own 100 000 and 1 000 000-row files from the 1m input). */
	only?: Size[];
}

const SECTIONS: Section[] = [
	{ id: 'load', run: benchLoad },
	{ id: 'import', run: benchImport, only: ['1m'] },
	{ id: 'indicators', run: benchIndicators },
	{ id: 'simulate', run: benchSimulate },
	{ id: 'aides', run: benchAides },
	{ id: 'page', run: benchPage }
];

const { values } = parseArgs({
	options: { sizes: { type: 'string', default: SIZES.join(',') }, runs: { type: 'string', default: '3' }, skip: { type: 'string', default: '' } }
});
const sizes = values.sizes!.split(',') as Size[];
const runs = Number(values.runs);
const skip = new Set(values.skip!.split(',').filter(Boolean));

const results = new Map<Size, Figures>();
for (const size of sizes) {
	const dir = benchInputs(size);
	const figures: Figures = {};
	for (const s of SECTIONS) {
		if (skip.has(s.id) || (s.only && !s.only.includes(size))) continue;
		process.stderr.write(`bench ${size} ${s.id}…\n`);
		for (const [k, v] of Object.entries(await s.run(dir, { runs }))) figures[`${s.id}.${k}`] = v;
	}
	results.set(size, figures);
}

const fmt = (k: string, v: number | undefined) =>
	v === undefined ? '—' : k.includes('ratio') ? `× ${v.toFixed(2)}` : k.endsWith('_ms') ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`) : Math.round(v).toLocaleString('fr-FR');
const keys = [...new Set([...results.values()].flatMap((f) => Object.keys(f)))];
const lines = [
	`# Vigie benchmark suite — ${new Date().toISOString()}`,
	'',
	`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; medians of ${runs} runs.`,
	'',
	`| figure | ${sizes.join(' | ')} |`,
	`|---|${sizes.map(() => '---:').join('|')}|`,
	...keys.map((k) => `| ${k} | ${sizes.map((s) => fmt(k, results.get(s)![k])).join(' | ')} |`)
];
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/suite.md', lines.join('\n') + '\n');
