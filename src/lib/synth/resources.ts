/**
 * Splits a household's disposable income (niveau de vie × UC / 12, DESIGN.md §3) into resource columns
 * coherent with its situation, plus the income tax: resources − charge_tax = disposable, to the cent.
 *
 * Order: family benefits and housing aid first (they depend on composition, rent and level), then the
 * rest is either "on a minimum income" (under the RSA / AAH / ASPA ceiling and taking it up: a share of
 * own income, the minimum tops it up) or primary incomes by situation (work with its prime d'activité,
 * unemployment benefits, pensions, other).
 */
import { RESOURCE_COLUMNS, type ResourceColumn } from '../data/schema.ts';
import { consumptionUnits } from '../measures/living-standard.ts';
import {
	AAH_MAX,
	amountScale,
	ASF_PER_CHILD,
	ASPA_COUPLE,
	ASPA_SINGLE,
	familyAllowance,
	incomeIndex,
	primeActivite,
	rsaForfait,
	taxRate,
	workForTotal
} from './amounts.ts';
import type { Composition } from './composition.ts';
import type { Profile } from './profile.ts';
import { cents } from './random.ts';

export type Resources = Record<ResourceColumn, number> & { charge_tax: number };

/** Housing aid is full up to this monthly income per UC and stops at HOUSING_AID_END (€ 2021, hypothèse). */
const HOUSING_AID_FULL = 700;
const HOUSING_AID_END = 1400;

/**
 * Housing aid (APL/AL) decreasing linearly with the household's own income `b` (€/month): full up to
 * HOUSING_AID_FULL × UC, zero from HOUSING_AID_END × UC (simplified schedule, hypothèse). We know
 * `withAid` = b + aid(b), so the schedule is inverted piece by piece (its slope is under 1).
 * @param scale UC × nominal index of the year.
 */
export function housingAid(withAid: number, max: number, scale: number): number {
	const b0 = HOUSING_AID_FULL * scale;
	const b1 = HOUSING_AID_END * scale;
	if (withAid <= b0 + max) return max;
	if (withAid >= b1) return 0;
	const m = max / (b1 - b0);
	const b = (withAid - m * b1) / (1 - m);
	return withAid - b;
}

export function childrenOf(c: Composition): number {
	const adults = c.family_type === 'couple_children' ? 2 : c.family_type === 'single_parent' ? 1 : c.persons_14_plus;
	return c.persons_14_plus + c.persons_under_14 - adults;
}

type MinimumKind = 'rsa' | 'aah' | 'aspa' | null;

/** Which minimum income the household can live on, and its ceiling in `year` (€/month, domain.md §6). */
export function minimumOf(c: Composition, p: Profile, year: number): { kind: MinimumKind; ceiling: number } {
	const n = c.persons_14_plus + c.persons_under_14;
	if (p.age >= 65 && (p.activity === 'retired' || p.activity === 'inactive')) {
		const couple = c.family_type === 'couple' || c.family_type === 'couple_children';
		return { kind: 'aspa', ceiling: (couple ? ASPA_COUPLE : ASPA_SINGLE) * amountScale(year) };
	}
	if (p.disabled) return { kind: 'aah', ceiling: AAH_MAX * amountScale(year) };
	// RSA: 25 or over, or with children; not students (domain.md §6 [S64], eligibility rule hypothèse).
	if (p.activity !== 'student' && (p.age >= 25 || childrenOf(c) > 0)) return { kind: 'rsa', ceiling: rsaForfait(n, year) };
	return { kind: null, ceiling: 0 };
}

/**
 * @param realLevel niveau de vie in 2021 euros, € per UC per year (negative only in a loss year); the
 *   nominal level of `year` is realLevel × incomeIndex(year).
 * @param rent gross monthly rent of the year (housing aid is capped by it).
 */
export function householdResources(c: Composition, p: Profile, realLevel: number, year: number, rent: number): Resources {
	const index = incomeIndex(year);
	const k = amountScale(year);
	const r: Resources = {
		income_work: 0,
		income_unemployment: 0,
		income_pension: 0,
		income_other: 0,
		benefit_rsa: 0,
		benefit_activity: 0,
		benefit_family: 0,
		benefit_housing: 0,
		benefit_disability: 0,
		benefit_old_age: 0,
		charge_tax: 0
	};
	const n = c.persons_14_plus + c.persons_under_14;
	const disposable = cents((realLevel * index * consumptionUnits(c)) / 12);
	if (disposable < 0) {
		// Self-employed loss: tax and contributions on last year's profit exceed this year's small income.
		r.income_work = cents(120 + 200 * p.charges.other);
		r.charge_tax = cents(r.income_work - disposable);
		return r;
	}
	r.charge_tax = cents(taxRate(realLevel) * disposable);
	const total = disposable + r.charge_tax;

	const children = childrenOf(c);
	// Family benefits cannot exceed what a household with almost no declared income has (partial rights).
	const family = Math.min(familyAllowance(children, realLevel, year) + (p.supportAllowance ? ASF_PER_CHILD * k * children : 0), 0.6 * total);
	r.benefit_family = cents(family);
	const afterFamily = total - r.benefit_family;
	let housing = 0;
	if ((p.tenure === 'social_rent' || p.tenure === 'private_rent') && p.takeUpHousing) {
		housing = Math.min(housingAid(afterFamily, Math.min(0.85 * rent, (290 + 80 * (n - 1)) * index), consumptionUnits(c) * index), 0.85 * afterFamily);
	}
	r.benefit_housing = cents(housing);
	const base = afterFamily - r.benefit_housing;

	const min = minimumOf(c, p, year);
	// Weights of the primary incomes present in the household. An unemployed member living above the RSA
	// ceiling is taken as insured (ARE): otherwise its income would have no source.
	const insured = p.unemploymentInsured || base >= rsaForfait(n, year);
	const wWork = p.workers;
	const wUnemp = (p.activity === 'unemployed' && insured ? 1 : 0) + (p.partner === 'unemployed' && insured ? 0.5 : 0);
	// Pensions: retirement, and for inactive people over 50 mostly invalidity pensions (Filosofi files
	// both under pensions et rentes).
	const wPension = p.activity === 'retired' || (p.activity === 'inactive' && p.age >= 50) ? 1 : p.partner === 'retired' ? 0.6 : 0;
	const wOther = wWork + wUnemp + wPension > 0 ? p.otherShare : 1;
	const wNonWork = wUnemp + wPension + wOther;
	const wTotal = wWork + wNonWork;

	if (min.kind && base < min.ceiling && p.takeUpMinimum) {
		// On a minimum income: own incomes are a share of the total, the minimum tops them up.
		const ownShare = min.kind === 'aspa' ? 0.45 + 0.5 * p.minimumOwnShare : p.minimumOwnShare;
		const own = ownShare * base;
		const work = (own * wWork) / wTotal;
		const nonWork = own - work;
		const activity = p.takeUpActivity ? primeActivite(work, nonWork, n, year) : 0;
		r.income_work = cents(work);
		r.income_unemployment = cents(part(nonWork, wUnemp, wNonWork));
		r.income_pension = cents(part(nonWork, wPension, wNonWork));
		r.income_other = cents(part(nonWork, wOther, wNonWork));
		r.benefit_activity = cents(Math.min(activity, base - own));
		const topUp = cents(base - own - r.benefit_activity);
		if (min.kind === 'rsa') r.benefit_rsa = topUp;
		else if (min.kind === 'aah') r.benefit_disability = topUp;
		else r.benefit_old_age = topUp;
	} else {
		// Disabled member above the ceiling: AAH reduced by the household's other income (hypothèse).
		const aah = min.kind === 'aah' && p.takeUpMinimum ? Math.min(AAH_MAX * k, 0.6 * base) : 0;
		const rest = base - aah;
		const nonWork = (rest * wNonWork) / wTotal;
		const workTotal = rest - nonWork;
		const work = p.takeUpActivity ? workForTotal(workTotal, nonWork + aah, n, year) : workTotal;
		r.benefit_disability = cents(aah);
		r.income_work = cents(work);
		r.benefit_activity = cents(workTotal - work);
		r.income_unemployment = cents(part(nonWork, wUnemp, wNonWork));
		r.income_pension = cents(part(nonWork, wPension, wNonWork));
		r.income_other = cents(part(nonWork, wOther, wNonWork));
	}

	// Cents lost in rounding go to the largest primary income (or the largest column), so that
	// resources − tax equals the disposable income exactly.
	let sum = 0;
	for (const k of RESOURCE_KEYS) sum += r[k];
	const diff = cents(total - sum);
	if (diff !== 0) {
		let best: (typeof RESOURCE_KEYS)[number] = 'income_other';
		let bestValue = -1;
		for (const k of PRIMARY_KEYS) if (r[k] > bestValue) [best, bestValue] = [k, r[k]];
		if (bestValue <= 0) for (const k of RESOURCE_KEYS) if (r[k] > bestValue) [best, bestValue] = [k, r[k]];
		r[best] = cents(r[best] + diff);
	}
	return r;
}

/** Share w / total of an amount (0 when there is nothing to share between). */
function part(amount: number, w: number, total: number): number {
	return total > 0 ? (amount * w) / total : 0;
}

const PRIMARY_KEYS = ['income_work', 'income_unemployment', 'income_pension', 'income_other'] as const;
const RESOURCE_KEYS = RESOURCE_COLUMNS;
