/**
 * A scenario as data: a baseline scheme, the scheme simulated with named parameter changes (an OpenFisca
 * parametric reform: parameter, old → new), a territory and the costing assumptions. Resolved into two
 * schemes the population evaluator runs.
 */
import { CPI_LAST_YEAR, CPI_SOURCE } from '../rules/cpi.ts';
import { indexScheme, type IndexedParameter } from '../rules/indexation.ts';
import { getScheme, withAmountRuleOf, withOverrides } from '../rules/registry.ts';
import type { EnvelopeRule } from './envelope-rule.ts';
import { isHypothesis, type Scheme } from '../rules/scheme-schema.ts';

export interface ScenarioSpec {
	/** Scheme simulated (its rules, with `changes`). */
	scheme: string;
	/**
	 * Parameter id → new value, applied to `scheme`. With `indexed`, applied on top of the indexed values: a value
	 * typed by the user is in euros of the data's year (12 means 12 € of that year, not of the seed's year).
	 */
	changes?: Record<string, number>;
	/** Baseline scheme (default: `scheme` unchanged). `statut-rsa` is paired with `scheme`'s amount rule (DESIGN.md §5). */
	baseline?: string;
	/** Territory: commune codes (default: every commune in the data, DESIGN.md §6). */
	communes?: string[];
	/**
	 * Share of beneficiaries whose grant is renewed within the year, for schemes that allow renewals; each renewal
	 * at the scheme's degressivity. Default 1 (hypothèse: Boulogne's 2009 budget, 17 265 € for 30 households, is
	 * 4.5 months-equivalent each, i.e. 3 months + one renewal at −50 %, domain.md §10.2).
	 */
	renewal_share?: number;
	/** Share of eligible households who apply (default 1: all apply; hypothèse, no take-up figure in the seeds). */
	take_up?: number;
	/**
	 * « Seuils indexés »: the euro parameters of both schemes in euros of the data's year (consumer price index,
	 * rules/indexation.ts) instead of euros of the seed's year. Default false.
	 */
	indexed?: boolean;
	/**
	 * How each commune's envelope is set (envelope-rule.ts): `same` (default: the scheme's envelope and capacity in
	 * each commune), `per_household` (scaled by the commune's households), or `custom` (typed per commune, €).
	 * Both sides are allocated commune by commune under the same rule.
	 */
	envelope_rule?: EnvelopeRule;
}

/** Which euros the scenario's parameters are in, and every euro parameter of `scheme` in both. */
export interface Indexation {
	indexed: boolean;
	/** The data's year (`resolveScenario`'s second argument), or the last year of the CPI table when not given. */
	to_year: number;
	/** The CPI series, in French, for the report. */
	source: string;
	/** The simulated scheme's euro parameters, before `changes`: value of their year and of `to_year`, indexed or not. */
	rows: IndexedParameter[];
}

export interface Change {
	parameter: string;
	label: string;
	unit: string;
	from: number;
	to: number;
	source: string;
	hypothese: boolean;
}

export interface Resolved {
	spec: ScenarioSpec;
	baseline: Scheme;
	scenario: Scheme;
	changes: Change[];
	/** Baseline's label, with the pairing spelled out. */
	baseline_label: string;
	/** Always set by resolveScenario; optional only so that a Resolved built by hand (tests) stays valid. */
	indexation?: Indexation;
}

export const DEFAULT_RENEWAL_SHARE = 1;

/** `year`: the data's year, target of the indexation (default: the last year of the CPI table). */
export function resolveScenario(spec: ScenarioSpec, year?: number): Resolved {
	const toYear = year ?? CPI_LAST_YEAR;
	const own = indexScheme(getScheme(spec.scheme), toYear);
	const indexed = spec.indexed === true;
	const pick = (s: Scheme): Scheme => (indexed ? indexScheme(s, toYear).scheme : s);
	const base = indexed ? own.scheme : getScheme(spec.scheme);
	const scenario = withOverrides(base, spec.changes ?? {});
	const changes: Change[] = Object.entries(spec.changes ?? {}).map(([id, to]) => {
		const p = base.parameters.find((q) => q.id === id)!;
		return { parameter: id, label: p.label, unit: p.unit, from: p.value, to, source: p.source, hypothese: isHypothesis(p) };
	});
	let baseline = base;
	let baseline_label = base.label;
	if (spec.baseline && spec.baseline !== spec.scheme) {
		const b = pick(getScheme(spec.baseline));
		// A status rule has no amount of its own worth comparing: it pays with the simulated scheme's rule.
		baseline = b.id === 'statut-rsa' ? withAmountRuleOf(b, base) : b;
		baseline_label = b.id === 'statut-rsa' ? `${b.label} (montant du dispositif « ${base.label.split(' — ')[0]} »)` : b.label;
	}
	const indexation: Indexation = { indexed, to_year: toYear, source: CPI_SOURCE, rows: own.rows };
	return { spec, baseline, scenario, changes, baseline_label, indexation };
}
