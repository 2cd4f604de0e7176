/**
 * vigie simulate (DESIGN.md §6): a scheme with named parameter changes against a baseline over a territory of
 * the data → the scenario report of src/lib/scenario (contract fields first, extensions after).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFolder } from '../../lib/data/folder.ts';
import { getScheme, listSchemes, parseSets } from '../../lib/rules/registry.ts';
import { fetchScenarioData } from '../../lib/scenario/load.ts';
import { populationFromColumns } from '../../lib/scenario/population.ts';
import { buildReport } from '../../lib/scenario/report.ts';
import { resolveScenario } from '../../lib/scenario/spec.ts';
import { publish } from '../../lib/scenario/publish.ts';
import { print, UsageError } from '../common.ts';
import { ENGINE_OPTION, openConnector } from '../engine.ts';
import { cmdSchemes } from './explain.ts';

const USAGE =
	'vigie simulate --data DIR --scheme ID [--set clé=valeur…] [--baseline ID] [--communes C1,C2] [--year A] [--renewal-share 0..1] [--take-up 0..1] [--min-rows 11]';

const fail = (m: string): never => {
	throw new UsageError(`simulate : ${m}`);
};

function share(name: string, v: string | undefined): number | undefined {
	if (v === undefined) return undefined;
	const x = Number(v.replace(',', '.'));
	if (!(Number.isFinite(x) && x >= 0 && x <= 1)) fail(`--${name} doit être une part entre 0 et 1 (reçu « ${v} »)`);
	return x;
}

export async function cmdSimulate(args: string[]): Promise<number> {
	let values;
	try {
		values = parseArgs({
			args,
			options: {
				data: { type: 'string' },
				scheme: { type: 'string' },
				set: { type: 'string', multiple: true },
				baseline: { type: 'string' },
				communes: { type: 'string' },
				year: { type: 'string' },
				'renewal-share': { type: 'string' },
				'take-up': { type: 'string' },
				'min-rows': { type: 'string' },
				help: { type: 'boolean' },
				...ENGINE_OPTION
			}
		}).values;
	} catch (e) {
		return fail((e as Error).message);
	}
	if (values.help && values.scheme) return cmdSchemes([values.scheme]);
	if (values.help) {
		process.stdout.write(`${USAGE}\n  dispositifs : ${listSchemes().map((s) => s.id).join(', ')}\n  paramètres (clés de --set) : vigie simulate --scheme ID --help\n`);
		return 0;
	}
	if (!values.data) fail(`--data DIR est obligatoire (${USAGE})`);
	if (!values.scheme) fail(`--scheme ID est obligatoire (${USAGE})`);
	const communes = values.communes?.split(',').map((c) => c.trim()).filter(Boolean);
	for (const c of communes ?? []) if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) fail(`--communes : code commune invalide « ${c} »`);
	const year = values.year === undefined ? undefined : Number(values.year);
	if (year !== undefined && !Number.isInteger(year)) fail(`--year doit être une année (reçu « ${values.year} »)`);
	const minRows = values['min-rows'] === undefined ? undefined : Number(values['min-rows']);
	if (minRows !== undefined && !(Number.isInteger(minRows) && minRows >= 1)) fail(`--min-rows doit être un entier ≥ 1 (reçu « ${values['min-rows']} »)`);
	// Rules first: a bad scheme or --set fails before any data is read.
	let resolved;
	try {
		getScheme(values.scheme!);
		if (values.baseline) getScheme(values.baseline);
		resolved = resolveScenario({
			scheme: values.scheme!,
			changes: parseSets(values.set ?? []),
			baseline: values.baseline,
			communes,
			renewal_share: share('renewal-share', values['renewal-share']),
			take_up: share('take-up', values['take-up'])
		});
	} catch (e) {
		if (e instanceof UsageError) throw e;
		return fail((e as Error).message);
	}
	const db = await openConnector(values.engine);
	try {
		let loaded;
		try {
			loaded = await loadFolder(db, values.data!);
		} catch (e) {
			return fail((e as Error).message);
		}
		for (const r of loaded.files) {
			if (r.fatal) throw new UsageError(`${join(values.data!, r.file)} : ${r.fatal}`);
			if (r.rejected) process.stderr.write(`vigie simulate : ${join(values.data!, r.file)} : ${r.rejected} ligne(s) rejetée(s) sur ${r.read} (voir vigie validate)\n`);
		}
		let data;
		try {
			data = await fetchScenarioData(db, { year, communes });
		} catch (e) {
			return fail((e as Error).message);
		}
		const pop = populationFromColumns(data, data.year, data.flow);
		// Every figure under the secrecy threshold, or one a total would reveal, prints as null (publish.ts).
		print(publish(buildReport(pop, resolved, { minRows }), minRows));
		return 0;
	} finally {
		await db.close();
	}
}
