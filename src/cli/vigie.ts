#!/usr/bin/env node
/**
 * vigie CLI (DESIGN.md §6): a thin shell over src/lib. JSON on stdout, messages on stderr.
 * Runs on Node ≥ 22.18 (type stripping); `npm run vigie -- …` and `npx vigie …` use the project's Node 22.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createNodeConnector } from '../lib/db/node.ts';
import { loadDataset } from '../lib/data/load.ts';
import { CONTRACTS_BY_KIND, type Kind } from '../lib/data/schema.ts';
import { loadCsv, type ValidationReport } from '../lib/data/validate.ts';
import { INDICATORS } from '../lib/indicators/catalogue.ts';
import { runIndicators } from '../lib/indicators/run.ts';
import { toCsv } from '../lib/synth/csv.ts';
import { generate } from '../lib/synth/generate.ts';
import { communeTargets, parseFilosofi } from '../lib/references/filosofi.ts';
import { departementGeography } from '../lib/territory/etalab.ts';
import { currentCode } from '../lib/territory/geography.ts';

class UsageError extends Error {}

const HELP = `vigie — analyse des besoins sociaux, aides facultatives (DESIGN.md §6)

  vigie generate --out DIR [--departement 93] [--sample 0.1] [--seed N] [--filosofi FILE]
  vigie validate FILE --kind households|aid_requests
  vigie indicators --data DIR [--communes C1,C2] [--year Y] [--format json|csv]
`;

function print(value: unknown) {
	process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function readInput(file: string): Uint8Array {
	if (!existsSync(file)) throw new UsageError(`${file} : fichier introuvable`);
	return readFileSync(file);
}

async function cmdGenerate(args: string[]) {
	const { values } = parseArgs({
		args,
		options: {
			out: { type: 'string' },
			departement: { type: 'string', default: '93' },
			sample: { type: 'string', default: '0.1' },
			seed: { type: 'string', default: '1' },
			filosofi: { type: 'string' }
		}
	});
	if (!values.out) throw new UsageError('generate : --out DIR est obligatoire');
	const sample = Number(values.sample);
	if (!(sample > 0 && sample <= 1)) throw new UsageError(`generate : --sample doit être entre 0 et 1 (reçu « ${values.sample} »)`);
	const seed = Number(values.seed);
	if (!Number.isInteger(seed)) throw new UsageError(`generate : --seed doit être un entier (reçu « ${values.seed} »)`);
	const dep = values.departement!;
	const geo = departementGeography(dep);
	let targets;
	if (values.filosofi) {
		const table = parseFilosofi(readFileSync(values.filosofi, 'utf8'));
		targets = [...table.rows.keys()]
			.filter((c) => c.startsWith(dep) && c.length === 5)
			.map((c) => communeTargets(table, c))
			.filter((t) => t !== null);
		if (!targets.length) throw new UsageError(`generate : aucune commune du ${dep} dans ${values.filosofi}`);
	} else if (dep !== '93') {
		throw new UsageError(`generate : pour le département ${dep}, donnez le fichier Filosofi base-cc avec --filosofi FILE`);
	}
	const t0 = performance.now();
	const data = generate({ departement: dep, sample, seed, targets, communeOf: (c) => currentCode(geo, c) });
	mkdirSync(values.out, { recursive: true });
	const hh = toCsv(CONTRACTS_BY_KIND.households.columns.map((c) => c.name), data.households);
	const ar = toCsv(CONTRACTS_BY_KIND.aid_requests.columns.map((c) => c.name), data.aidRequests);
	writeFileSync(join(values.out, 'households.csv'), hh);
	writeFileSync(join(values.out, 'aid_requests.csv'), ar);
	const ms = Math.round(performance.now() - t0);
	process.stderr.write(
		`vigie generate : ${data.households.length} ménages, ${data.aidRequests.length} demandes d’aide → ${resolve(values.out)} (${ms} ms)\n`
	);
	print({ out: resolve(values.out), households: data.households.length, aid_requests: data.aidRequests.length, ms });
}

function summarise(r: ValidationReport) {
	return { read: r.read, loaded: r.loaded, rejected: r.rejected, errors: r.errors, warnings: r.warnings, ...(r.fatal ? { fatal: r.fatal } : {}) };
}

async function cmdValidate(args: string[]) {
	const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' } } });
	const file = positionals[0];
	if (!file) throw new UsageError('validate : donnez un fichier (vigie validate FILE --kind households|aid_requests)');
	const kind = values.kind as Kind;
	if (!(kind in CONTRACTS_BY_KIND)) throw new UsageError(`validate : --kind doit être households ou aid_requests (reçu « ${values.kind ?? ''} »)`);
	const db = await createNodeConnector();
	await db.registerFile('input.csv', readInput(file));
	const report = await loadCsv(db, CONTRACTS_BY_KIND[kind], { file: 'input.csv', displayName: file });
	print(summarise(report));
	if (report.fatal) process.stderr.write(`vigie validate : ${report.fatal}\n`);
	else if (report.rejected) {
		const e = report.errors[0];
		process.stderr.write(`vigie validate : ${file} : ${report.rejected} ligne(s) rejetée(s) ; première : ligne ${e.line}, colonne ${e.column} : ${e.reason}\n`);
	}
	return report.rejected || report.fatal ? 1 : 0;
}

async function cmdIndicators(args: string[]) {
	const { values } = parseArgs({
		args,
		options: {
			data: { type: 'string' },
			communes: { type: 'string' },
			year: { type: 'string' },
			format: { type: 'string', default: 'json' }
		}
	});
	if (!values.data) throw new UsageError('indicators : --data DIR est obligatoire');
	if (!['json', 'csv'].includes(values.format!)) throw new UsageError(`indicators : --format json ou csv (reçu « ${values.format} »)`);
	const db = await createNodeConnector();
	const hhFile = join(values.data, 'households.csv');
	await db.registerFile('households.csv', readInput(hhFile));
	const arFile = join(values.data, 'aid_requests.csv');
	const hasAid = existsSync(arFile);
	if (hasAid) await db.registerFile('aid_requests.csv', readFileSync(arFile));
	const report = await loadDataset(db, { households: 'households.csv', aid_requests: hasAid ? 'aid_requests.csv' : undefined });
	for (const r of [report.households, report.aid_requests]) {
		if (!r) continue;
		if (r.fatal) throw new UsageError(`${join(values.data, r.file)} : ${r.fatal}`);
		if (r.rejected)
			process.stderr.write(`vigie indicators : ${join(values.data, r.file)} : ${r.rejected} ligne(s) rejetée(s) sur ${r.read} (voir vigie validate)\n`);
	}
	let year: number | undefined;
	if (values.year) {
		year = Number(values.year);
		if (!Number.isInteger(year)) throw new UsageError(`indicators : --year doit être une année (reçu « ${values.year} »)`);
	}
	const communes = values.communes?.split(',').map((c) => c.trim()).filter(Boolean);
	for (const c of communes ?? [])
		if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) throw new UsageError(`indicators : --communes : code commune invalide « ${c} »`);
	const rows = await runIndicators(db, { year, group: communes?.length ? { code: communes.join('+'), communes } : undefined });
	if (values.format === 'csv') process.stdout.write(toCsv(Object.keys(rows[0] ?? { indicator: '' }), rows));
	else print(rows);
}

async function main(argv: string[]): Promise<number> {
	const [cmd, ...rest] = argv;
	switch (cmd) {
		case 'generate':
			await cmdGenerate(rest);
			return 0;
		case 'validate':
			return cmdValidate(rest);
		case 'indicators':
			await cmdIndicators(rest);
			return 0;
		case 'list-indicators':
			print(INDICATORS.map(({ id, label, unit, theme, definition }) => ({ id, label, unit, theme, definition })));
			return 0;
		case undefined:
		case '--help':
		case 'help':
			process.stdout.write(HELP);
			return 0;
		default:
			throw new UsageError(`commande inconnue « ${cmd} »\n${HELP}`);
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		// Bad input gets one clear line, never a stack trace.
		const msg = e instanceof Error ? e.message : String(e);
		process.stderr.write(`vigie : ${msg.split('\n')[0]}\n`);
		if (!(e instanceof UsageError) && process.env.VIGIE_DEBUG) console.error(e);
		process.exit(1);
	}
);
