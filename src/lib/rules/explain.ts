/**
 * Reference evaluator, one household at a time (DESIGN.md §6 `vigie explain`): verdict, amount, RAV with its
 * formula, and every condition with its value, threshold and outcome, in French. The population evaluator
 * (population.ts) must agree with it on every household (tests/rules/parity.test.ts).
 */
import type { Household } from '../data/schema.ts';
import { consumptionUnits, persons } from '../measures/living-standard.ts';
import { amountCents, amountDetail, amountPlan, type AmountDetail } from './amount.ts';
import { formatAmount, formatNumber, toCents } from './cents.ts';
import { computeRav, livingStandardMonthlyCents, ravFormula, ravUnit } from './reste-a-vivre.ts';
import { rightsCheck, type RightsCheck } from './rights-check.ts';
import { isHypothesis, paramValues, type CompareOp, type Condition, type Scheme } from './scheme-schema.ts';
import { VALUE_LABELS, VARIABLES } from './variables.ts';

export interface ExplainOptions {
	/** The need, € (DESIGN.md §5); overrides the scheme's default need rule. */
	amount_requested?: number | null;
	/** 0 first grant, 1 first renewal… */
	renewal_rank?: number;
}

export interface ConditionOutcome {
	id: string;
	label: string;
	passed: boolean;
	value: number | string | boolean | null;
	threshold: number | string | boolean | string[] | null;
	kind: Condition['kind'] | 'renewal';
	op: string;
	unit: string;
	depth: number;
	parent: string | null;
	/** The threshold is a default of ours, not the seed's (domain.md §10.2). */
	hypothese: boolean;
	reason: string;
}

export interface Explanation {
	scheme: string;
	label: string;
	eligible: boolean;
	amount: number;
	rav: {
		monthly: number;
		per_unit_day: number;
		per_unit_month: number;
		per_unit: number;
		unit: string;
		divisor: string;
		units: number;
		days_per_month: number;
		resources: number;
		charges: number;
		formula: string;
	};
	conditions: ConditionOutcome[];
	amount_detail: AmountDetail;
	form: string;
	rights_check?: RightsCheck;
	hypotheses: { id: string; label: string; value: number; unit: string; source: string }[];
	/** Readings of the seed stated by the scheme file (e.g. which resources and charges are kept). */
	notes: string[];
}

/** The condition operators, on integers (cents) or plain numbers; null (unknown) never passes. */
export function compare(op: CompareOp, a: number | null, b: number): boolean {
	if (a === null || Number.isNaN(a)) return false;
	switch (op) {
		case '<':
			return a < b;
		case '<=':
			return a <= b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		case '==':
			return a === b;
		case '!=':
			return a !== b;
	}
}

export const OP_WORDS: Record<CompareOp, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '!=': '≠' };
const FORM_WORDS = { voucher: 'chèques', cash: 'espèces', direct_payment: 'paiement direct (facture)', in_kind: 'accompagnement en nature' };

export function explain(h: Household, scheme: Scheme, opts: ExplainOptions = {}): Explanation {
	const p = paramValues(scheme);
	const days = p[scheme.rav.days_per_month];
	const rav = computeRav(h, scheme.rav, days);
	const unit = ravUnit(scheme.rav);
	const rank = opts.renewal_rank ?? 0;
	const hypothetical = new Set(scheme.parameters.filter(isHypothesis).map((x) => x.id));

	/** Value of a variable; money in cents (compared as integers), null when unknown. */
	const valueOf = (name: string): number | string | boolean | null => {
		switch (name) {
			case 'persons':
				return persons(h);
			case 'uc':
				return consumptionUnits(h);
			case 'rav_monthly':
				return rav.monthly_cents;
			case 'rav_per_unit':
				return rav.per_unit_cents;
			case 'living_standard_monthly':
				return livingStandardMonthlyCents(h);
		}
		const v = h[name as keyof Household];
		if (v === null || v === undefined) return null;
		return VARIABLES[name].money ? toCents(v as number) : (v as number | string | boolean);
	};

	const out: ConditionOutcome[] = [];
	const visit = (c: Condition, depth: number, parent: string | null): boolean => {
		const slot = out.length;
		out.push(null as unknown as ConditionOutcome);
		let o: ConditionOutcome;
		if (c.kind === 'all' || c.kind === 'any') {
			const results = c.of.map((k) => visit(k, depth + 1, c.id));
			const n = results.filter(Boolean).length;
			const passed = c.kind === 'all' ? n === results.length : n > 0;
			const threshold = c.kind === 'all' ? `toutes (${results.length})` : 'au moins une';
			o = base(c, depth, parent, passed, n, threshold, c.kind === 'all' ? 'toutes' : 'au moins une', '', false);
			o.reason = `${n} sur ${results.length} remplie(s), il en faut ${threshold} → ${passed ? 'remplie' : 'non remplie'}`;
		} else if (c.kind === 'compare') {
			const v = VARIABLES[c.variable];
			const raw = valueOf(c.variable) as number | null;
			const t = c.param !== undefined ? p[c.param] : c.value!;
			const money = !!v.money;
			const passed = compare(c.op, raw, money ? toCents(t) : t);
			const u = v.unit === 'rav' ? unit : v.unit;
			const value = raw === null ? null : money ? raw / 100 : raw;
			const threshold = money ? toCents(t) / 100 : t;
			o = base(c, depth, parent, passed, value, threshold, c.op, u, c.param !== undefined && hypothetical.has(c.param));
			const show = (x: number | null) => (x === null ? 'inconnu' : money ? `${formatAmount(x)} ${u}` : `${formatNumber(x)} ${u}`.trim());
			o.reason = `${v.label} : ${show(value)} ; condition ${OP_WORDS[c.op]} ${show(threshold)}${o.hypothese ? ' (hypothèse)' : ''} → ${passed ? 'remplie' : 'non remplie'}`;
		} else if (c.kind === 'in') {
			const value = valueOf(c.variable) as string;
			const passed = c.values.includes(value);
			o = base(c, depth, parent, passed, value, c.values, 'parmi', '', false);
			o.reason = `${VARIABLES[c.variable].label} : ${VALUE_LABELS[value] ?? value} ; attendu : ${c.values.map((x) => VALUE_LABELS[x] ?? x).join(', ')} → ${passed ? 'remplie' : 'non remplie'}`;
		} else {
			const value = valueOf(c.variable) as boolean;
			const passed = value === c.value;
			o = base(c, depth, parent, passed, value, c.value, '=', '', false);
			o.reason = `${VARIABLES[c.variable].label} : ${value ? 'oui' : 'non'} ; attendu : ${c.value ? 'oui' : 'non'} → ${passed ? 'remplie' : 'non remplie'}`;
		}
		out[slot] = o;
		return o.passed;
	};
	let eligible = visit(scheme.conditions, 0, null);

	// A renewal beyond those the scheme allows is refused (Boulogne: one renewal, 003_9f28952484faa80e.txt).
	if (rank > 0 && scheme.duration.renewals) {
		const max = p[scheme.duration.renewals];
		const passed = rank <= max;
		out.push({
			id: 'renouvellement',
			label: 'Renouvellement encore possible',
			passed,
			value: rank,
			threshold: max,
			kind: 'renewal',
			op: '<=',
			unit: 'renouvellements',
			depth: 0,
			parent: null,
			hypothese: hypothetical.has(scheme.duration.renewals),
			reason: `Renouvellement n° ${rank} ; ${max} renouvellement(s) possible(s) → ${passed ? 'rempli' : 'non rempli'}`
		});
		eligible &&= passed;
	}

	const plan = amountPlan(scheme, p);
	const requested = opts.amount_requested == null ? null : toCents(opts.amount_requested);
	const detail = amountDetail(plan, rav.per_unit_cents, rav.units, days, requested, rank, scheme.form);
	const amount = eligible ? amountCents(plan, rav.per_unit_cents, rav.units, days, requested, rank) / 100 : 0;
	if (!eligible) detail.steps.unshift('Non éligible : aucun montant accordé (montant indicatif ci-dessous).');

	return {
		scheme: scheme.id,
		label: scheme.label,
		eligible,
		amount,
		rav: {
			monthly: rav.monthly_cents / 100,
			per_unit_day: rav.per_unit_day_cents / 100,
			per_unit_month: rav.per_unit_month_cents / 100,
			per_unit: rav.per_unit_cents / 100,
			unit,
			divisor: rav.divisor,
			units: rav.units,
			days_per_month: days,
			resources: rav.resources_cents / 100,
			charges: rav.charges_cents / 100,
			formula: ravFormula(scheme.rav, rav)
		},
		conditions: out,
		amount_detail: detail,
		form: scheme.form.kind === 'split' ? `${Math.round(plan.voucher_share * 100)} % en chèques, le reste en espèces` : FORM_WORDS[scheme.form.form],
		...(scheme.rights_check ? { rights_check: rightsCheck(h) } : {}),
		hypotheses: scheme.parameters.filter(isHypothesis).map(({ id, label, value, unit, source }) => ({ id, label, value, unit, source })),
		notes: [...(scheme.communes.source.startsWith('hypothèse') ? [`Commune : ${scheme.communes.source}`] : []), ...(scheme.notes ?? [])]
	};
}

function base(
	c: Condition,
	depth: number,
	parent: string | null,
	passed: boolean,
	value: ConditionOutcome['value'],
	threshold: ConditionOutcome['threshold'],
	op: string,
	unit: string,
	hypothese: boolean
): ConditionOutcome {
	return { id: c.id, label: c.label, passed, value, threshold, kind: c.kind, op, unit, depth, parent, hypothese, reason: '' };
}
