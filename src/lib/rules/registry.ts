/**
 * The schemes Vigie knows: every file of schemes/ validated once at load, looked up by id, and
 * parameter overrides (`--set key=value`, simulator sliders) applied with validation.
 */
import { formatNumber } from './cents.ts';
import { checkBounds, parseScheme, type Parameter, type Scheme } from './scheme-schema.ts';
import { SCHEME_FILES } from './schemes/index.ts';

export class SchemeError extends Error {}

const SCHEMES: Scheme[] = Object.entries(SCHEME_FILES).map(([file, data]) => parseScheme(data, `schemes/${file}`));

export function listSchemes(): readonly Scheme[] {
	return SCHEMES;
}

export function getScheme(id: string): Scheme {
	const s = SCHEMES.find((x) => x.id === id);
	if (!s) throw new SchemeError(`dispositif inconnu « ${id} » ; dispositifs : ${SCHEMES.map((x) => x.id).join(', ')}`);
	return s;
}

export { paramValues } from './scheme-schema.ts';

/**
 * The range a parameter may be set in: its declared min/max, otherwise the bounds of the simulator's slider
 * (src/routes/simulateur/ScenarioPanel.svelte, minOf/maxOf: from min(0, value) to 3 × value, 1 at least, 100 for a
 * parameter at 0 or below).
 */
export function parameterRange(p: Parameter): { min: number; max: number } {
	return { min: p.min ?? Math.min(0, p.value), max: p.max ?? (p.value > 0 ? Math.max(p.value * 3, 1) : 100) };
}

const PER: Record<string, string> = { personne: 'par personne', UC: 'par unité de consommation', jour: 'par jour', mois: 'par mois', an: 'par an' };
const PER_ORDER = Object.keys(PER);

/** A parameter's unit in words: « €/jour/personne » → « € par personne et par jour »; any other unit as declared. */
export function unitInWords(unit: string): string {
	const [head, ...per] = unit.split('/').map((x) => x.trim());
	if (!per.length || !per.every((x) => x in PER)) return unit;
	return `${head} ${per
		.sort((a, b) => PER_ORDER.indexOf(a) - PER_ORDER.indexOf(b))
		.map((x) => PER[x])
		.join(' et ')}`;
}

/** « 0 à 30 € par personne et par jour », in French number format. */
export function rangeInWords(p: Parameter): string {
	const { min, max } = parameterRange(p);
	const span = `${formatNumber(min)} à ${formatNumber(max)}`;
	return p.unit === 'part' ? `part de ${span}` : `${span} ${unitInWords(p.unit)}`;
}

/**
 * Parses `key=value` pairs (decimal comma accepted) into overrides. Given the scheme, each key must be one of its
 * parameters and each value a number in the parameter's range (parameterRange), an integer where the parameter
 * says so; the message names the pair and the range.
 */
export function parseSets(sets: readonly string[], scheme?: Scheme): Record<string, number> {
	const out: Record<string, number> = {};
	for (const s of sets) {
		const m = /^([a-z][a-z0-9_]*)=(.+)$/.exec(s.trim());
		if (!m) throw new SchemeError(`--set « ${s} » : forme attendue clé=valeur (ex. rav_max=7)`);
		const [pair, id, raw] = [m[0], m[1], m[2].trim()];
		const p = scheme?.parameters.find((x) => x.id === id);
		if (scheme && !p)
			throw new SchemeError(`--set ${pair} : paramètre inconnu « ${id} » pour ${scheme.id} ; paramètres : ${scheme.parameters.map((x) => x.id).join(', ')}`);
		const v = Number(raw.replace(',', '.'));
		const range = p ? ` (${rangeInWords(p)})` : '';
		if (!raw || !Number.isFinite(v)) throw new SchemeError(p ? `--set ${pair} : « ${raw} » n’est pas un nombre${range}` : `--set ${id} : « ${raw} » n’est pas un nombre`);
		if (p) {
			const { min, max } = parameterRange(p);
			if (v < min) throw new SchemeError(`--set ${pair} : sous le minimum, hors de l’intervalle autorisé${range}`);
			if (v > max) throw new SchemeError(`--set ${pair} : dépasse le maximum, hors de l’intervalle autorisé${range}`);
			if (p.integer && !Number.isInteger(v)) throw new SchemeError(`--set ${pair} : un nombre entier est attendu${range}`);
		}
		out[id] = v;
	}
	return out;
}

/** A copy of the scheme with some parameter values replaced; unknown ids and out-of-bounds values are refused. */
export function withOverrides(s: Scheme, overrides: Record<string, number>): Scheme {
	const ids = new Set(s.parameters.map((p) => p.id));
	for (const k of Object.keys(overrides)) {
		if (!ids.has(k)) throw new SchemeError(`paramètre inconnu « ${k} » pour ${s.id} ; paramètres : ${[...ids].join(', ')}`);
	}
	const parameters = s.parameters.map((p): Parameter => {
		if (!(p.id in overrides)) return p;
		const value = overrides[p.id];
		checkBounds(p, (message) => {
			throw new SchemeError(`--set ${message}`);
		}, value);
		return { ...p, value };
	});
	return { ...s, parameters };
}

/**
 * A scheme judged on its own conditions but paid with another's rules (DESIGN.md §5: statut-rsa "uses the
 * amount rule of pre-saint-gervais unless the simulator pairs it with another scheme"): the other scheme's RAV
 * definition, amount, form, duration and budget, and its parameters (which win on a shared id).
 */
export function withAmountRuleOf(s: Scheme, other: Scheme): Scheme {
	const theirs = new Set(other.parameters.map((p) => p.id));
	return parseScheme(
		{
			...s,
			parameters: [...s.parameters.filter((p) => !theirs.has(p.id)), ...other.parameters],
			rav: other.rav,
			amount: other.amount,
			form: other.form,
			duration: other.duration,
			budget: other.budget,
					...(other.rights_check ? { rights_check: true } : {})
		},
		`${s.id} (montant de ${other.id})`
	);
}
