/**
 * The scenario report (issue 6; research/engines.md §6(b)): baseline and scenario side by side over one
 * territory, the named parameter changes, winners and losers in five classes, breakdowns, targeting and the
 * envelope through the year. Its top level is the `vigie simulate` contract of DESIGN.md §6; the rest extends it.
 * Raw figures (breakdowns and reasons aside): only publish() of it is ever shown (publish.ts, secrecy).
 */
import { classify, classTotals } from './classes.ts';
import { breakdowns, type Breakdowns, type ForcedCells } from './breakdowns.ts';
import { envelopeReport, type EnvelopeReport } from './envelope.ts';
import type { Population } from './population.ts';
import { DEFAULT_ENVELOPE_RULE } from './envelope-rule.ts';
import { needReport, type NeedReport } from './need.ts';
import { leavingReasons, type LeavingReasons } from './reasons.ts';
import { eligibleOnEitherSide, evaluateSide, type Side } from './side.ts';
import { DEFAULT_RENEWAL_SHARE, resolveScenario, type Change, type Indexation, type Resolved, type ScenarioSpec } from './spec.ts';
import { targeting, type Targeting } from './targeting.ts';

export interface Totals {
	scheme: string;
	label: string;
	/** Eligible households (weighted). */
	eligible: number;
	/** Households served after envelope and capacity (weighted, × take-up). */
	beneficiaries: number;
	/** Unweighted rows behind `eligible` and `beneficiaries` (secrecy base, DESIGN.md §4.1). */
	eligible_n: number;
	beneficiaries_n: number;
	/** € paid after envelope and capacity (DESIGN.md §6). */
	cost: number;
	/** € the eligible households would cost before envelope and capacity. */
	eligible_cost: number;
	mean_aid: number | null;
	/** cost / persons living in the territory's households, €. */
	cost_per_inhabitant: number | null;
	targeting: Targeting;
}

export interface Report {
	territory: { communes: string[]; households: number; persons: number; rows: number; year: number };
	assumptions: {
		renewal_share: number;
		take_up: number;
		poverty_threshold: { yearly: number; source: string };
		/** Euros of the parameters (spec.ts indexed); null when the scenario was resolved without it. */
		indexation: Indexation | null;
	};
	changes: Change[];
	baseline: Totals;
	scenario: Totals;
	winners_losers: ReturnType<typeof classTotals>;
	/** Why the losers lose: condition no longer met, envelope, lower amount (reasons.ts). */
	leaving_reasons: LeavingReasons;
	by_commune: Breakdowns['by_commune'];
	by_family_type: Breakdowns['by_family_type'];
	by_activity: Breakdowns['by_activity'];
	by_tenure: Breakdowns['by_tenure'];
	by_decile: Breakdowns['by_decile'];
	envelope: EnvelopeReport;
	baseline_envelope: EnvelopeReport;
	/** Effect on need of each side: RAV gap below the side's threshold and poverty gap, before and after aid (need.ts). */
	need: { baseline: NeedReport; scenario: NeedReport };
	sources: string[];
}

/** Targeting, envelope and need of a side, memoised per side object: the cached baseline side pays for them once. */
const PER_SIDE = new WeakMap<Side, { targeting: Targeting; envelope: EnvelopeReport; need: NeedReport }>();
function sideFigures(pop: Population, side: Side) {
	let x = PER_SIDE.get(side);
	if (!x) PER_SIDE.set(side, (x = { targeting: targeting(pop, side), envelope: envelopeReport(pop, side), need: needReport(pop, side) }));
	return x;
}

/** The envelope of a side with the communes' names (the memoised report keeps codes). */
function named(env: EnvelopeReport, names: Record<string, string> = {}): EnvelopeReport {
	return { ...env, by_commune: env.by_commune.map((c) => (names[c.commune] ? { ...c, label: names[c.commune] } : c)) };
}

/**
 * The communes a side's envelope was voted for (the per-household rule's reference): its scheme's own, or, for
 * a scheme with none (statut-rsa, paid with the simulated scheme's budget, DESIGN.md §5), the simulated scheme's.
 */
function ownCommunes(r: Resolved, side: 'baseline' | 'scenario'): string[] {
	const own = r[side].communes.codes;
	return own.length ? own : r.scenario.communes.codes;
}

function sideOptions(r: Resolved, side: 'baseline' | 'scenario') {
	return {
		renewal_share: r.spec.renewal_share ?? DEFAULT_RENEWAL_SHARE,
		take_up: r.spec.take_up,
		envelope_rule: r.spec.envelope_rule ?? DEFAULT_ENVELOPE_RULE,
		own_communes: ownCommunes(r, side)
	};
}

function totals(pop: Population, side: Side, label: string): Totals {
	const a = side.allocation;
	return {
		scheme: side.scheme.id,
		label,
		eligible: a.eligible,
		beneficiaries: a.beneficiaries,
		eligible_n: side.eligible_rows.length,
		beneficiaries_n: grantedRows(side),
		cost: Math.round(a.spent * 100) / 100,
		eligible_cost: Math.round(a.eligible_cost * 100) / 100,
		mean_aid: a.beneficiaries > 0 ? Math.round((100 * a.spent) / a.beneficiaries) / 100 : null,
		cost_per_inhabitant: pop.persons > 0 ? Math.round((10000 * a.spent) / pop.persons) / 10000 : null,
		targeting: sideFigures(pop, side).targeting
	};
}

function grantedRows(side: Side): number {
	let n = 0;
	for (const i of side.eligible_rows) n += side.allocation.granted[i];
	return n;
}

export interface ReportOptions {
	minRows?: number;
	communeNames?: Record<string, string>;
	/** A baseline side already evaluated (the page keeps it while only the scenario moves). */
	baselineSide?: Side;
	/** Breakdown rows and cells secret from the start: what the territory's communes hide on their own (selection.ts). */
	forced?: ForcedCells;
}

/** Baseline side of a resolved scenario (cacheable: it does not move with the scenario's parameters). */
export function baselineSide(pop: Population, r: Resolved): Side {
	return evaluateSide(pop, r.baseline, sideOptions(r, 'baseline'));
}

export function buildReport(pop: Population, r: Resolved, opts: ReportOptions = {}): Report {
	const renewal_share = r.spec.renewal_share ?? DEFAULT_RENEWAL_SHARE;
	const take_up = r.spec.take_up ?? 1;
	const base = opts.baselineSide ?? baselineSide(pop, r);
	const scen = evaluateSide(pop, r.scenario, sideOptions(r, 'scenario'));
	const cls = classify(base.paid_cents, scen.paid_cents, eligibleOnEitherSide(base, scen));
	const b = breakdowns(pop, base, scen, cls, opts.minRows, opts.communeNames, opts.forced);
	return {
		territory: { communes: pop.communes, households: pop.households, persons: pop.persons, rows: pop.cols.n, year: pop.year },
		assumptions: { renewal_share, take_up, poverty_threshold: pop.threshold, indexation: r.indexation ?? null },
		changes: r.changes,
		baseline: totals(pop, base, r.baseline_label),
		scenario: totals(pop, scen, r.scenario.label + (r.changes.length ? ' (modifié)' : '')),
		winners_losers: classTotals(cls, base.paid_cents, scen.paid_cents, pop.cols.weight, scen.weights),
		leaving_reasons: leavingReasons(base, scen, cls, pop.cols.weight, opts.minRows),
		...b,
		envelope: named(sideFigures(pop, scen).envelope, opts.communeNames),
		baseline_envelope: named(sideFigures(pop, base).envelope, opts.communeNames),
		need: { baseline: sideFigures(pop, base).need, scenario: sideFigures(pop, scen).need },
		sources: [
			`Ménages : fichier households, année ${pop.year}, ${pop.cols.n} lignes pondérées (poids de sondage).`,
			`Règles : dispositifs ${r.baseline.id} et ${r.scenario.id} (src/lib/rules/schemes, DESIGN.md §5, domain.md §10.2).`,
			`Seuil de pauvreté : ${pop.threshold.yearly} €/an/UC (${pop.threshold.source}).`,
			'Calendrier des demandes : flux mensuel des aid_requests de l’année par commune, uniforme à défaut (hypothèse).',
			'Simulation statique : pas de changement de comportement des ménages (OpenFisca, research/engines.md §6(b)8).',
			`Enveloppes : chaque commune est servie sur la sienne. ${scen.envelopes.rule_label}.`
		]
	};
}

/** Everything at once: spec → report. */
export function simulate(pop: Population, spec: ScenarioSpec, opts: ReportOptions = {}): Report {
	return buildReport(pop, resolveScenario(spec), opts);
}

/**
 * Baseline sides kept per population and baseline definition: moving a slider of the scenario re-runs only
 * the scenario (LexImpact keeps its `base_results` the same way, research/engines.md §2.1).
 */
const BASELINES = new WeakMap<Population, Map<string, Side>>();
export function cachedBaselineSide(pop: Population, r: Resolved): Side {
	let m = BASELINES.get(pop);
	if (!m) BASELINES.set(pop, (m = new Map()));
	// Everything the baseline side depends on: its scheme (and the pairing), the assumptions, the euros of its
	// parameters and the envelope rule (the scenario's parameter changes never reach it).
	const key = JSON.stringify([
		r.spec.baseline ?? r.spec.scheme,
		r.spec.scheme,
		r.spec.renewal_share,
		r.spec.take_up,
		r.spec.indexed === true ? (r.indexation?.to_year ?? null) : null,
		r.spec.envelope_rule ?? DEFAULT_ENVELOPE_RULE
	]);
	let s = m.get(key);
	if (!s) m.set(key, (s = baselineSide(pop, r)));
	return s;
}
