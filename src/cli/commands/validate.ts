/**
 * vigie validate: checks one file (CSV, XLSX with --sheet, Parquet, Arrow IPC) against its contract and reports
 * every rejected row. The file goes through the same import as the Données page (data/ingest/import.ts).
 */
import { basename } from 'node:path';
import { CONTRACTS_BY_KIND, type Kind } from '../../lib/data/schema.ts';
import type { ValidationReport } from '../../lib/data/validate.ts';
import { importFile } from '../../lib/data/ingest/import.ts';
import { ArgError, parseOptions, print, readInput, UsageError } from '../common.ts';
import { ENGINE_OPTION, openConnector } from '../engine.ts';
import { COMMANDS } from '../usage.ts';

function summarise(r: ValidationReport) {
	return {
		read: r.read,
		loaded: r.loaded,
		rejected: r.rejected,
		errors: r.errors,
		warnings: r.warnings,
		...(r.fatal ? { fatal: r.fatal } : {}),
		...(r.mapping ? { mapping: r.mapping, encoding: r.encoding, separator: r.separator } : {}),
		...(r.sheets ? { sheets: r.sheets, sheet: r.sheet } : {})
	};
}

export async function cmdValidate(args: string[]): Promise<number> {
	const { values, positionals } = parseOptions({ args, allowPositionals: true, options: { kind: { type: 'string' }, sheet: { type: 'string' }, ...ENGINE_OPTION } });
	const file = positionals[0];
	if (!file) throw new UsageError(`donnez un fichier (${COMMANDS.validate.usage})`);
	if (positionals.length > 1) throw new ArgError(`argument inattendu « ${positionals[1]} » (un seul fichier à la fois)`);
	const kind = values.kind as Kind;
	if (!(kind in CONTRACTS_BY_KIND)) throw new UsageError(`--kind doit être households ou aid_requests (reçu « ${values.kind ?? ''} »)`);
	const data = readInput(file);
	const db = await openConnector(values.engine);
	const { report } = await importFile(db, CONTRACTS_BY_KIND[kind], { name: basename(file), data }, kind, { sheet: values.sheet });
	report.file = file;
	if (report.fatal) report.fatal = report.fatal.replace(basename(file), file);
	print(summarise(report));
	if (report.fatal) process.stderr.write(`vigie validate : ${report.fatal}\n`);
	else if (report.rejected) {
		const e = report.errors[0];
		process.stderr.write(`vigie validate : ${file} : ${report.rejected} ligne(s) rejetée(s) ; première : ligne ${e.line}, colonne ${e.column} : ${e.reason}\n`);
	}
	return report.rejected || report.fatal ? 1 : 0;
}
