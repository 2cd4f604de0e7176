/**
 * vigie simulate (DESIGN.md §6): a scheme with named parameter changes against a baseline over a territory of
 * the data → the scenario report of src/lib/scenario (contract fields first, extensions after).
 * `--envelope-rule same|per-household|FILE` sets each commune's envelope (envelope-rule.ts; FILE: a CSV
 * commune;enveloppe); `--indexed` puts the schemes' euro parameters in euros of the data's year. On data marked
 * synthetic (manifest.json of `vigie generate`) figures secrecy would hide are printed, listed in `secret` and
 * marked `would_be_secret`; one line on stderr says which rule applies.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFolder } from '../../lib/data/folder.ts';
import { getScheme, listSchemes, parseSets } from '../../lib/rules/registry.ts';
import { fetchScenarioData } from '../../lib/scenario/load.ts';
import { publishSelection } from '../../lib/scenario/selection.ts';
import { parseEnvelopeCsv, type EnvelopeRule } from '../../lib/scenario/envelope-rule.ts';
import { resolveScenario, type ScenarioSpec } from '../../lib/scenario/spec.ts';
import { SECRECY_MIN_ROWS } from '../../lib/indicators/secrecy.ts';
import { dataFolder, parseOptions, print, readInput, refusedFile, rejectedLine, toUsage, UsageError } from '../common.ts';
import { ENGINE_OPTION, openConnector } from '../engine.ts';
import { COMMANDS, ENGINE_HELP } from '../usage.ts';
import { cmdSchemes } from './explain.ts';

const USAGE = COMMANDS.simulate.usage;

const ENVELOPE_HELP =
	'  --envelope-rule : enveloppe de chaque commune — same (défaut : celle du dispositif dans chaque commune), per-household (enveloppe du dispositif × ménages de la commune / ménages de la commune du dispositif), ou un fichier CSV commune;enveloppe (en-tête facultatif, virgule décimale acceptée)\n  --indexed : seuils indexés, les montants en euros des dispositifs convertis en euros de l’année des données (indice des prix de l’INSEE) ; --set est alors en euros de cette année';

const fail = (m: string): never => {
	throw new UsageError(m);
};

function share(name: string, v: string | undefined): number | undefined {
	if (v === undefined) return undefined;
	const x = Number(v.replace(',', '.'));
	if (!(Number.isFinite(x) && x >= 0 && x <= 1)) fail(`--${name} doit être une part entre 0 et 1 (reçu « ${v} »)`);
	return x;
}

/** `same`, `per-household` or a CSV file of budgets per commune (read before any data). */
function envelopeRule(v: string | undefined): EnvelopeRule | undefined {
	if (v === undefined) return undefined;
	if (v === 'same') return { kind: 'same' };
	if (v === 'per-household' || v === 'per_household') return { kind: 'per_household' };
	let text: string;
	try {
		text = new TextDecoder().decode(readInput(v));
	} catch (e) {
		if (existsSync(v)) throw e;
		return fail(`${(e as Error).message} (--envelope-rule : same, per-household ou un fichier CSV commune;enveloppe)`);
	}
	try {
		return { kind: 'custom', budgets: parseEnvelopeCsv(text) };
	} catch (e) {
		return fail(`--envelope-rule ${v} : ${(e as Error).message}`);
	}
}

export async function cmdSimulate(args: string[]): Promise<number> {
	const { values } = parseOptions({
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
			'envelope-rule': { type: 'string' },
			indexed: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
			...ENGINE_OPTION
		}
	});
	if (values.help && values.scheme) return cmdSchemes([values.scheme]);
	if (values.help) {
		process.stdout.write(`usage : ${USAGE}\n  ${COMMANDS.simulate.summary}\n${ENVELOPE_HELP}\n${ENGINE_HELP}\n  dispositifs : ${listSchemes().map((s) => s.id).join(', ')}\n  paramètres (clés de --set) : vigie simulate --scheme ID --help\n`);
		return 0;
	}
	if (!values.data) fail(`--data DOSSIER est obligatoire (${USAGE})`);
	if (!values.scheme) fail(`--scheme ID est obligatoire (${USAGE})`);
	const communes = values.communes?.split(',').map((c) => c.trim()).filter(Boolean);
	for (const c of communes ?? []) if (!/^([0-9]{2}|2[AB])[0-9]{3}$/.test(c)) fail(`--communes : code commune invalide « ${c} »`);
	const year = values.year === undefined ? undefined : Number(values.year);
	if (year !== undefined && !Number.isInteger(year)) fail(`--year doit être une année (reçu « ${values.year} »)`);
	const minRows = values['min-rows'] === undefined ? undefined : Number(values['min-rows']);
	if (minRows !== undefined && !(Number.isInteger(minRows) && minRows >= 1)) fail(`--min-rows doit être un entier ≥ 1 (reçu « ${values['min-rows']} »)`);
	const envelope_rule = envelopeRule(values['envelope-rule']);
	// Rules first: a bad scheme or --set fails before any data is read.
	let spec: ScenarioSpec;
	try {
		getScheme(values.scheme!);
		if (values.baseline) getScheme(values.baseline);
		spec = {
			scheme: values.scheme!,
			// Checked against the scheme's own parameters, in the ranges of the simulator's sliders.
			changes: parseSets(values.set ?? [], getScheme(values.scheme!)),
			baseline: values.baseline,
			communes,
			renewal_share: share('renewal-share', values['renewal-share']),
			take_up: share('take-up', values['take-up']),
			...(values.indexed ? { indexed: true } : {}),
			...(envelope_rule ? { envelope_rule } : {})
		};
		resolveScenario(spec);
	} catch (e) {
		if (e instanceof UsageError) throw e;
		return fail((e as Error).message);
	}
	dataFolder(values.data!);
	const db = await openConnector(values.engine);
	try {
		let loaded;
		try {
			loaded = await loadFolder(db, values.data!);
		} catch (e) {
			throw toUsage(e);
		}
		for (const r of loaded.files) {
			if (r.fatal) throw refusedFile(values.data!, r.file, r.fatal);
			if (r.rejected) process.stderr.write(rejectedLine('simulate', values.data!, r));
		}
		let data;
		try {
			data = await fetchScenarioData(db, { year, communes });
		} catch (e) {
			return fail((e as Error).message);
		}
		const synthetic = loaded.synthetic === true;
		let published;
		try {
			// Resolved again with the data's year: the year the indexed parameters are expressed in. Several communes: each
			// one's own secrecy holds in the territory (selection.ts).
			published = publishSelection(data, communes, resolveScenario(spec, data.year), { minRows, synthetic });
		} catch (e) {
			return fail((e as Error).message);
		}
		const k = minRows ?? SECRECY_MIN_ROWS;
		process.stderr.write(
			synthetic
				? `vigie simulate : données synthétiques (manifest.json) : les chiffres reposant sur moins de ${k} ménages sont affichés, marqués (would_be_secret) et listés dans « secret »\n`
				: `vigie simulate : secret statistique : tout chiffre reposant sur moins de ${k} ménages, ou qu’un total révélerait, est masqué (null, listé dans « secret »)\n`
		);
		// Every figure under the secrecy threshold, or one a total would reveal, prints as null (publish.ts), unless
		// the data is synthetic: then it is printed and marked.
		print(published);
		return 0;
	} finally {
		await db.close();
	}
}
