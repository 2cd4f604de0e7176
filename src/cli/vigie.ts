#!/usr/bin/env node
/**
 * vigie CLI (DESIGN.md §6): a thin shell over src/lib, one module per command in ./commands.
 * JSON on stdout, messages on stderr. Runs on Node ≥ 22.18 (type stripping): `npx vigie …` and
 * `npm run vigie -- …` use the project's Node 22.
 */
import { INDICATORS } from '../lib/indicators/catalogue.ts';
import { cmdExplain, cmdSchemes } from './commands/explain.ts';
import { cmdGenerate } from './commands/generate.ts';
import { cmdIndicators } from './commands/indicators.ts';
import { cmdSimulate } from './commands/simulate.ts';
import { cmdValidate } from './commands/validate.ts';
import { print, UsageError } from './common.ts';

const HELP = `vigie — analyse des besoins sociaux, aides facultatives (DESIGN.md §6)

  vigie generate --out DIR [--departement 93] [--sample 0.1] [--seed N] [--filosofi FILE] [--aid-years 2019-2025]
  vigie validate FILE --kind households|aid_requests [--sheet FEUILLE]   (CSV, XLSX, Parquet, Arrow)
  vigie indicators --data DIR [--communes C1,C2] [--year Y] [--format json|csv]
                   [--min-rows 11] [--poverty-threshold national|local] [--aid-report] [--insee FILE]
  vigie explain --scheme ID --household FILE.json [--set key=value…]
  vigie schemes [ID]
  vigie simulate --data DIR --scheme ID [--set key=value…] [--baseline ID] [--communes C1,C2] [--year Y]

  validate, indicators et simulate prennent --engine wasm|native (défaut wasm, le moteur du navigateur ;
  native = DuckDB natif, même SQL, pour les jeux trop gros pour le navigateur).
`;

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
		case 'explain':
			return cmdExplain(rest);
		case 'schemes':
			return cmdSchemes(rest);
		case 'simulate':
			return cmdSimulate(rest);
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

// stdout is asynchronous on a pipe: exit only once everything written has been flushed, or a large JSON
// output is cut short.
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(
	(code) => exit(code),
	(e: unknown) => {
		// Bad input gets one clear line, never a stack trace.
		const msg = e instanceof Error ? e.message : String(e);
		process.stderr.write(`vigie : ${msg.split('\n')[0]}\n`);
		if (!(e instanceof UsageError) && process.env.VIGIE_DEBUG) console.error(e);
		exit(1);
	}
);
