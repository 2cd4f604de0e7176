/**
 * Aides page: the full refresh computation (aid report + comparison across CCAS from the catalogue) on
 * the default data in Node, for Est Ensemble, one CCAS and all CCAS over every year of requests.
 * Usage: npx node bench/aides.ts [dir] (default static/data, after `npm run data`). Median of 5 runs.
 */
import { createNodeConnector } from '../src/lib/db/node.ts';
import { loadFolder } from '../src/lib/data/folder.ts';
import { runIndicators } from '../src/lib/indicators/run.ts';
import { departementGeography } from '../src/lib/territory/etalab.ts';
import { aidReport, aidYears } from '../src/lib/aid/report.ts';
import { COMPARE_INDICATORS } from '../src/lib/aid/compare.ts';

const dir = process.argv[2] ?? 'static/data';
const db = await createNodeConnector();
await loadFolder(db, dir);
const years = await aidYears(db);
const [from, to] = [years[0], years[years.length - 1]];
const est = departementGeography('93').groups.find((g) => g.nom === 'Est Ensemble')!;
const scopes: { label: string; communes: string[]; group?: { code: string; communes: string[] } }[] = [
	{ label: 'Le Pré-Saint-Gervais', communes: ['93061'] },
	{ label: 'Est Ensemble', communes: est.members, group: { code: est.code, communes: est.members } },
	{ label: 'tous les CCAS', communes: [] }
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const s of scopes) {
	const report: number[] = [];
	const compare: number[] = [];
	for (let i = 0; i < 5; i++) {
		let t = performance.now();
		await aidReport(db, { communes: s.communes, from, to });
		report.push(performance.now() - t);
		t = performance.now();
		await runIndicators(db, { group: s.group, indicators: COMPARE_INDICATORS });
		compare.push(performance.now() - t);
	}
	console.log(
		`${s.label}, ${from}–${to} : rapport ${Math.round(median(report))} ms, comparaison ${Math.round(median(compare))} ms, total ${Math.round(median(report.map((r, i) => r + compare[i])))} ms (médianes de 5)`
	);
}
await db.close();
