/** vigie validate: checks one file against its contract and reports every rejected row. */
import { parseArgs } from 'node:util';
import { createNodeConnector } from '../../lib/db/node.ts';
import { CONTRACTS_BY_KIND, type Kind } from '../../lib/data/schema.ts';
import { loadCsv, type ValidationReport } from '../../lib/data/validate.ts';
import { print, readInput, UsageError } from '../common.ts';

function summarise(r: ValidationReport) {
	return { read: r.read, loaded: r.loaded, rejected: r.rejected, errors: r.errors, warnings: r.warnings, ...(r.fatal ? { fatal: r.fatal } : {}) };
}

export async function cmdValidate(args: string[]) {
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

