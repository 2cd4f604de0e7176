/** vigie generate: writes a default-style synthetic dataset (DESIGN.md §6, §7). */
import { resolve } from 'node:path';
import { communeTargets, parseFilosofi } from '../../lib/references/filosofi.ts';
import { generate } from '../../lib/synth/generate.ts';
import { writeDataset } from '../../lib/synth/write.ts';
import { departementGeography } from '../../lib/territory/etalab.ts';
import { currentCode } from '../../lib/territory/geography.ts';
import { outputDir, parseOptions, print, readInput, UsageError } from '../common.ts';

export async function cmdGenerate(args: string[]): Promise<number> {
	const { values } = parseOptions({
		args,
		options: {
			out: { type: 'string' },
			departement: { type: 'string', default: '93' },
			sample: { type: 'string', default: '0.1' },
			seed: { type: 'string', default: '1' },
			filosofi: { type: 'string' },
			// Range of years of aid requests, e.g. 2016-2025 (default 2019-2025, DESIGN.md §7).
			'aid-years': { type: 'string' }
		}
	});
	if (!values.out) throw new UsageError('--out DOSSIER est obligatoire');
	outputDir(values.out);
	const sample = Number(values.sample);
	if (!(sample > 0 && sample <= 1)) throw new UsageError(`--sample doit être entre 0 et 1 (reçu « ${values.sample} »)`);
	const seed = Number(values.seed);
	if (!Number.isInteger(seed)) throw new UsageError(`--seed doit être un entier (reçu « ${values.seed} »)`);
	const dep = values.departement!;
	const geo = departementGeography(dep);
	let targets;
	if (values.filosofi) {
		const text = new TextDecoder().decode(readInput(values.filosofi));
		let table;
		try {
			table = parseFilosofi(text);
		} catch (e) {
			throw new UsageError(`${values.filosofi} : ${(e as Error).message}`);
		}
		targets = [...table.rows.keys()]
			.filter((c) => c.startsWith(dep) && c.length === 5)
			.map((c) => communeTargets(table, c))
			.filter((t) => t !== null);
		if (!targets.length) throw new UsageError(`aucune commune du ${dep} dans ${values.filosofi}`);
	} else if (dep !== '93') {
		throw new UsageError(`pour le département ${dep}, donnez le fichier Filosofi base-cc avec --filosofi FICHIER`);
	}
	let aidYears: number[] | undefined;
	if (values['aid-years']) {
		const m = values['aid-years'].match(/^(\d{4})-(\d{4})$/);
		if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`--aid-years attend AAAA-AAAA (reçu « ${values['aid-years']} »)`);
		aidYears = Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
	}
	const t0 = performance.now();
	const data = generate({ departement: dep, sample, seed, targets, aidYears, communeOf: (c: string) => currentCode(geo, c) });
	const { manifest } = writeDataset(values.out, data, { departement: dep, sample, seed });
	const ms = Math.round(performance.now() - t0);
	process.stderr.write(
		`vigie generate : ${data.households.length} ménages, ${data.aidRequests.length} demandes d’aide → ${resolve(values.out)} (${ms} ms)\n`
	);
	print({ out: resolve(values.out), households: data.households.length, aid_requests: data.aidRequests.length, synthetic: manifest.synthetic, ms });
	return 0;
}

