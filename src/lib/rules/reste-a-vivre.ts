/**
 * Reste à vivre (domain.md §4.2): kept resources − kept charges, per household and month, then per unit
 * (person, UC or part) and per day or month. Everything in cents, rounded before any comparison; a negative
 * RAV is a valid value, never clamped.
 */
import { CHARGE_COLUMNS, RESOURCE_COLUMNS, type Household } from '../data/schema.ts';
import { consumptionUnits, persons } from '../measures/living-standard.ts';
import { formatAmount, formatEuros, formatNumber, roundHalfAway, toCents } from './cents.ts';
import type { Divisor, RavSpec } from './scheme-schema.ts';

export interface Rav {
	resources_cents: number;
	charges_cents: number;
	monthly_cents: number;
	divisor: Divisor['kind'];
	units: number;
	days_per_month: number;
	period: 'day' | 'month';
	/** In the scheme's period: € per unit per day, or per unit per month. */
	per_unit_cents: number;
	per_unit_day_cents: number;
	per_unit_month_cents: number;
}

type Money = Pick<Household, (typeof RESOURCE_COLUMNS)[number] | (typeof CHARGE_COLUMNS)[number]>;
type Composition = Pick<Household, 'persons_14_plus' | 'persons_under_14' | 'family_type'>;

export function divisorUnits(d: Divisor, h: Composition): number {
	switch (d.kind) {
		case 'persons':
			return persons(h);
		case 'uc':
			return consumptionUnits(h);
		case 'parts':
			return (
				d.first +
				d.other_14_plus * (h.persons_14_plus - 1) +
				d.under_14 * h.persons_under_14 +
				(h.family_type === 'single_parent' ? d.single_parent_bonus : 0)
			);
	}
}

/** Kept resources, cents. Summed in the scheme's order: the population evaluator sums in the same order. */
export function resourcesCents(h: Money, spec: RavSpec): number {
	let s = 0;
	for (const c of spec.resources) s += h[c];
	return toCents(s);
}

/** Kept charges, cents; in `residual_rent` mode the housing aid comes off the rent instead. */
export function chargesCents(h: Money, spec: RavSpec): number {
	let s = 0;
	for (const c of spec.charges) s += h[c];
	if (spec.housing_aid === 'residual_rent') s -= h.benefit_housing;
	return toCents(s);
}

/** Per-unit RAV, cents: monthly / units (/ days), rounded to the cent (DESIGN.md §5 "Precise rules"). */
export function perUnitCents(monthlyCents: number, units: number, days: number): number {
	return roundHalfAway(monthlyCents / (units * days));
}

export function computeRav(h: Money & Composition, spec: RavSpec, daysPerMonth: number): Rav {
	const resources_cents = resourcesCents(h, spec);
	const charges_cents = chargesCents(h, spec);
	const monthly_cents = resources_cents - charges_cents;
	const units = divisorUnits(spec.divisor, h);
	const per_unit_day_cents = perUnitCents(monthly_cents, units, daysPerMonth);
	const per_unit_month_cents = perUnitCents(monthly_cents, units, 1);
	return {
		resources_cents,
		charges_cents,
		monthly_cents,
		divisor: spec.divisor.kind,
		units,
		days_per_month: daysPerMonth,
		period: spec.period,
		per_unit_cents: spec.period === 'day' ? per_unit_day_cents : per_unit_month_cents,
		per_unit_day_cents,
		per_unit_month_cents
	};
}

export const UNIT_WORD: Record<Divisor['kind'], [string, string]> = {
	persons: ['personne', 'personnes'],
	uc: ['UC', 'UC'],
	parts: ['part', 'parts']
};

/** "€/jour/personne", "€/mois/UC"… */
export function ravUnit(spec: Pick<RavSpec, 'divisor' | 'period'>): string {
	return `€/${spec.period === 'day' ? 'jour' : 'mois'}/${UNIT_WORD[spec.divisor.kind][0]}`;
}


/** The computation spelled out in French, with this household's figures. */
export function ravFormula(spec: RavSpec, r: Rav): string {
	const rent = spec.housing_aid === 'residual_rent' ? ' (loyer résiduel : loyer − aide au logement)' : ' (aide au logement en ressource, loyer brut en charge)';
	const unitWord = UNIT_WORD[r.divisor][r.units > 1 ? 1 : 0];
	const perDay = r.period === 'day' ? ` / ${formatNumber(r.days_per_month)} jours` : '';
	return (
		`(${formatEuros(r.resources_cents / 100)} de ressources retenues − ${formatEuros(r.charges_cents / 100)} de charges retenues${rent})` +
		` = ${formatEuros(r.monthly_cents / 100)} par mois ; / ${formatNumber(r.units)} ${unitWord}${perDay}` +
		` = ${formatAmount(r.per_unit_cents / 100)} ${ravUnit(spec)}, arrondi au centime`
	);
}

/** Niveau de vie per month and UC, cents: (all resources − taxes) / UC (DESIGN.md §3). */
export function livingStandardMonthlyCents(h: Money & Composition): number {
	let s = 0;
	for (const c of RESOURCE_COLUMNS) s += h[c];
	return roundHalfAway((toCents(s) - toCents(h.charge_tax)) / consumptionUnits(h));
}

/** RAV per person and per UC, per day and per month, with one scheme's resources and charges (Cas type page). */
export function ravViews(h: Money & Composition, spec: RavSpec, daysPerMonth: number) {
	const views = (divisor: Divisor) => {
		const r = computeRav(h, { ...spec, divisor }, daysPerMonth);
		return { units: r.units, day: r.per_unit_day_cents / 100, month: r.per_unit_month_cents / 100 };
	};
	const base = computeRav(h, spec, daysPerMonth);
	return {
		resources: base.resources_cents / 100,
		charges: base.charges_cents / 100,
		monthly: base.monthly_cents / 100,
		person: views({ kind: 'persons' }),
		uc: views({ kind: 'uc' })
	};
}
