/**
 * The schemes Vigie knows: every file of schemes/ validated once at load, looked up by id, and
 * parameter overrides (`--set key=value`, simulator sliders) applied with validation.
 */
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

/** Parses `key=value` pairs (decimal comma accepted) into overrides. */
export function parseSets(sets: readonly string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const s of sets) {
		const m = /^([a-z][a-z0-9_]*)=(.+)$/.exec(s.trim());
		if (!m) throw new SchemeError(`--set « ${s} » : forme attendue clé=valeur (ex. rav_max=7)`);
		const v = Number(m[2].trim().replace(',', '.'));
		if (!Number.isFinite(v)) throw new SchemeError(`--set ${m[1]} : « ${m[2]} » n’est pas un nombre`);
		out[m[1]] = v;
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
