/**
 * Monthly charges of a household (all but charge_tax, which resources.ts sets with the income). Charges do
 * not change disposable income; they make the reste à vivre (resources − charges, domain.md §4.2), so rent
 * levels matter: with gross rent as a charge and housing aid as a resource (DESIGN.md §3), poor tenants
 * in private housing often keep under 5 € per person per day, some nothing at all.
 * Amounts are 2021 orders of magnitude for Seine-Saint-Denis (hypothèses), indexed like incomes.
 */
import type { ChargeColumn } from '../data/schema.ts';
import type { Composition } from './composition.ts';
import type { Profile } from './profile.ts';
import { cents } from './random.ts';

export type Charges = Record<Exclude<ChargeColumn, 'charge_tax'>, number>;

/** Gross rent, €/month at 2021 prices: social housing 450–650 €, private 700–1 100 € by size (hypothèse). */
export function grossRent(c: Composition, p: Profile, x: number): number {
	const extra = Math.min(c.persons_14_plus + c.persons_under_14 - 1, 4);
	switch (p.tenure) {
		case 'social_rent':
			return (450 + 50 * extra) * p.charges.rent;
		case 'private_rent':
			// Poorer tenants rent smaller, older flats; richer ones pay more than the base.
			return (700 + 100 * extra) * p.charges.rent * Math.min(1.4, Math.max(0.8, 0.7 + 0.25 * x));
		default:
			return 0;
	}
}

/**
 * @param x real niveau de vie / poverty threshold 2021.
 * @param disposable monthly disposable income of the year (mortgages are a share of it).
 * @param index nominal price factor since 2021 (incomeIndex: charges follow incomes, hypothèse).
 */
export function householdCharges(c: Composition, p: Profile, x: number, index: number, disposable: number): Charges {
	const n = c.persons_14_plus + c.persons_under_14;
	const adults = c.family_type === 'couple' || c.family_type === 'couple_children' ? 2 : c.family_type === 'other' ? c.persons_14_plus : 1;
	const t = p.charges;
	const housed = p.tenure !== 'no_home';
	const owner = p.tenure === 'owner';
	const k = (v: number) => cents(v * index);
	return {
		charge_rent: k(grossRent(c, p, x)),
		charge_energy: housed && p.tenure !== 'hosted' ? k((55 + 28 * n) * t.energy) : 0,
		charge_water: housed && p.tenure !== 'hosted' ? k((14 + 9 * n) * t.energy) : 0,
		charge_insurance: k(((owner ? 45 : housed ? 15 : 0) + 4 * n + (t.car ? 55 : 0)) * t.insurance),
		// Poorest households: complémentaire santé solidaire, nearly free (domain.md §6 [S106]).
		charge_health: k((x < 0.75 ? 6 * n : 40 * adults + 10 * (n - adults)) * t.health),
		charge_debt: cents(t.debt * index + t.mortgage * Math.max(0, disposable)),
		charge_childcare: k(t.childcare),
		charge_alimony: k(t.alimony),
		// Navigo pass half paid by the employer (hypothèse: 43 € per worker), a car for some.
		charge_transport: k(43 * p.workers + (p.activity === 'student' ? 25 : 0) + (t.car ? 95 : 0)),
		charge_other: k((35 + 18 * n + (x > 1.5 ? 40 * (x - 1.5) : 0)) * t.other)
	};
}
