/**
 * vigie explain (DESIGN.md §6): one household, one scheme → verdict, amount, RAV with its formula and every
 * condition with value, threshold and outcome. vigie schemes: the schemes and their parameters (the keys of --set).
 * `--indexed [--year Y]`: the scheme's euro parameters in euros of Y (consumer price index, rules/indexation.ts),
 * `--set` values on top (in euros of Y), and an `indexation` block in the JSON; without it, the output is unchanged.
 */
import { CPI_FIRST_YEAR, CPI_LAST_YEAR, CPI_SOURCE } from '../../lib/rules/cpi.ts';
import { explain } from '../../lib/rules/explain.ts';
import { indexScheme } from '../../lib/rules/indexation.ts';
import { parseHousehold } from '../../lib/rules/household-input.ts';
import { getScheme, listSchemes, parseSets, withOverrides } from '../../lib/rules/registry.ts';
import { isHypothesis, type Scheme } from '../../lib/rules/scheme-schema.ts';
import { ArgError, parseOptions, print, readUtf8, UsageError } from '../common.ts';
import { COMMANDS } from '../usage.ts';

const USAGE = COMMANDS.explain.usage;
const INDEXED_HELP = `  --indexed : seuils indexés, les montants en euros du dispositif convertis en euros de --year (défaut ${CPI_LAST_YEAR}, dernière année de l’indice) sur l’indice des prix de l’INSEE ; les valeurs de --set sont alors en euros de cette année`;

/** Library errors (unknown scheme, bad --set, bad household) are the user's input: one line, exit 1. */
function asUsage<T>(f: () => T): T {
	try {
		return f();
	} catch (e) {
		if (e instanceof UsageError) throw e;
		throw new UsageError((e as Error).message);
	}
}

export async function cmdExplain(args: string[]): Promise<number> {
	const { values } = parseOptions({
		args,
		options: {
			scheme: { type: 'string' },
			household: { type: 'string' },
			set: { type: 'string', multiple: true },
			indexed: { type: 'boolean' },
			year: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help && values.scheme) return cmdSchemes([values.scheme]);
	if (values.help) {
		process.stdout.write(`usage : ${USAGE}\n  ${COMMANDS.explain.summary}\n  dispositifs : ${listSchemes().map((s) => s.id).join(', ')}\n  paramètres : vigie schemes ID\n${INDEXED_HELP}\n`);
		return 0;
	}
	if (!values.scheme) throw new UsageError(`--scheme manquant (${USAGE})`);
	if (!values.household) throw new UsageError(`--household manquant (${USAGE})`);
	if (values.year !== undefined && !values.indexed) throw new UsageError('--year ne s’emploie qu’avec --indexed');
	const toYear = values.year === undefined ? CPI_LAST_YEAR : Number(values.year);
	if (!/^[0-9]{4}$/.test(values.year ?? String(CPI_LAST_YEAR)) || toYear < CPI_FIRST_YEAR)
		throw new UsageError(`--year « ${values.year} » : une année de ${CPI_FIRST_YEAR} ou après est attendue (ex. 2024)`);
	const indexed = values.indexed ? asUsage(() => indexScheme(getScheme(values.scheme!), toYear)) : null;
	// --set is checked against the scheme's own parameters, in the ranges of the simulator's sliders.
	const scheme = asUsage(() => withOverrides(indexed?.scheme ?? getScheme(values.scheme!), parseSets(values.set ?? [], getScheme(values.scheme!))));
	const file = values.household;
	const text = readUtf8(file);
	const data = asUsage(() => {
		try {
			return JSON.parse(text) as unknown;
		} catch (e) {
			throw new Error(`${file} : JSON invalide (${(e as Error).message})`);
		}
	});
	const hc = asUsage(() => parseHousehold(data, file));
	const out = explain(hc.household, scheme, { amount_requested: hc.amount_requested, renewal_rank: hc.renewal_rank });
	print(indexed ? { ...out, indexation: { indexed: true, to_year: toYear, source: CPI_SOURCE, rows: indexed.rows } } : out);
	return 0;
}

const describeScheme = (s: Scheme) => ({
	id: s.id,
	label: s.label,
	communes: s.communes.codes,
	source: s.source,
	rav: { divisor: s.rav.divisor.kind, period: s.rav.period },
	parameters: s.parameters.map((p) => ({ id: p.id, label: p.label, value: p.value, unit: p.unit, year: p.year, hypothese: isHypothesis(p), source: p.source }))
});

export async function cmdSchemes(args: string[]): Promise<number> {
	const { positionals } = parseOptions({ args, allowPositionals: true, options: {} });
	if (positionals.length > 1) throw new ArgError(`argument inattendu « ${positionals[1]} » (un seul dispositif à la fois)`);
	const id = positionals[0];
	print(id ? describeScheme(asUsage(() => getScheme(id))) : listSchemes().map(describeScheme));
	return 0;
}
