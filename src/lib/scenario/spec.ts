/**
 * A scenario as data: a baseline scheme, the scheme simulated with named parameter changes (an OpenFisca
 * parametric reform: parameter, old → new), a territory and the costing assumptions. Resolved into two
 * schemes the population evaluator runs.
 */
import { getScheme, withAmountRuleOf, withOverrides } from '../rules/registry.ts';
import { isHypothesis, type Scheme } from '../rules/scheme-schema.ts';

export interface ScenarioSpec {
	/** Scheme simulated (its rules, with `changes`). */
	scheme: string;
	/** Parameter id → new value, applied to `scheme`. */
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
}

export const DEFAULT_RENEWAL_SHARE = 1;

export function resolveScenario(spec: ScenarioSpec): Resolved {
	const base = getScheme(spec.scheme);
	const scenario = withOverrides(base, spec.changes ?? {});
	const changes: Change[] = Object.entries(spec.changes ?? {}).map(([id, to]) => {
		const p = base.parameters.find((q) => q.id === id)!;
		return { parameter: id, label: p.label, unit: p.unit, from: p.value, to, source: p.source, hypothese: isHypothesis(p) };
	});
	let baseline = base;
	let baseline_label = base.label;
	if (spec.baseline && spec.baseline !== spec.scheme) {
		const b = getScheme(spec.baseline);
		// A status rule has no amount of its own worth comparing: it pays with the simulated scheme's rule.
		baseline = b.id === 'statut-rsa' ? withAmountRuleOf(b, base) : b;
		baseline_label = b.id === 'statut-rsa' ? `${b.label} (montant de ${base.id})` : b.label;
	}
	return { spec, baseline, scenario, changes, baseline_label };
}
