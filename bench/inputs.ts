/**
 * Benchmark inputs, made by the project's generator and cached on disk (one year of households, 2023, and
 * the aid requests 2019–2025), in the app's own layout (manifest.json + households-2023.csv + aid_requests.csv):
 *   60k  — Seine-Saint-Denis at 1/10 (the embedded default's size)
 *   600k — Seine-Saint-Denis at full scale
 *   1m   — Seine-Saint-Denis at full scale + Val-de-Marne sampled to reach ≈ 1 000 000 households
 *   npx node bench/inputs.ts [60k|600k|1m ...]   → prints the folders
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { communeTargets, parseFilosofi } from '../src/lib/references/filosofi.ts';
import { generate, type GeneratedData } from '../src/lib/synth/generate.ts';
import { writeAppData } from '../src/lib/synth/write.ts';
import { departementGeography } from '../src/lib/territory/etalab.ts';
import { currentCode } from '../src/lib/territory/geography.ts';

export const SIZES = ['60k', '600k', '1m'] as const;
export type Size = (typeof SIZES)[number];
export const INPUTS_DIR = process.env.VIGIE_BENCH_INPUTS ?? '/tmp/vigie-bench';
const FILOSOFI = fileURLToPath(new URL('../../shared/data/insee/cc_filosofi_2021_COM.csv', import.meta.url));
const YEARS = [2023];
/** Val-de-Marne share that brings the full-scale 93 (≈ 604 000 households in 2023) to ≈ 1 000 000. */
const SAMPLE_94 = 0.7;

function draw(dep: string, sample: number, seed: number): GeneratedData {
	const geo = departementGeography(dep);
	const communeOf = (c: string) => currentCode(geo, c);
	if (dep === '93') return generate({ departement: dep, sample, seed, years: YEARS, communeOf });
	const table = parseFilosofi(readFileSync(FILOSOFI, 'utf8'));
	const targets = [...table.rows.keys()]
		.filter((c) => c.startsWith(dep) && c.length === 5)
		.map((c) => communeTargets(table, c))
		.filter((t) => t !== null);
	return generate({ departement: dep, sample, seed, years: YEARS, targets, communeOf });
}

/** The folder holding the inputs of one size, generated on first use. */
export function benchInputs(size: Size): string {
	const dir = join(INPUTS_DIR, size);
	if (existsSync(join(dir, 'manifest.json'))) return dir;
	const t0 = performance.now();
	let data: GeneratedData;
	if (size === '60k') data = draw('93', 0.1, 1);
	else if (size === '600k') data = draw('93', 1, 1);
	else {
		const a = draw('93', 1, 1);
		const b = draw('94', SAMPLE_94, 2);
		data = { households: a.households.concat(b.households), aidRequests: a.aidRequests.concat(b.aidRequests) };
	}
	writeAppData(dir, data, `bench ${size}`, '93');
	process.stderr.write(`bench inputs ${size}: ${data.households.length} ménages, ${data.aidRequests.length} demandes → ${dir} (${Math.round(performance.now() - t0)} ms)\n`);
	return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const asked = process.argv.slice(2) as Size[];
	for (const s of asked.length ? asked : SIZES) {
		if (!SIZES.includes(s)) throw new Error(`taille inconnue : ${s} (${SIZES.join(', ')})`);
		console.log(benchInputs(s));
	}
}
