/**
 * One households row (DESIGN.md §3) from a composition, a situation profile and a niveau de vie: resources
 * split so that resources − charge_tax = niveau de vie × UC / 12 to the cent, charges added on top.
 */
import type { Household } from '../data/schema.ts';
import { monthlyResources, povertyThreshold } from '../measures/living-standard.ts';
import { amountScale, incomeIndex, SMIC_NET } from './amounts.ts';
import { grossRent, householdCharges } from './charges.ts';
import type { Composition } from './composition.ts';
import type { Profile } from './profile.ts';
import { householdResources, type Resources } from './resources.ts';

/** Filosofi 2021 threshold, € per UC per year (12 × 1 150 €, domain.md §3.2 [S28]): the real scale of x. */
export const THRESHOLD_2021 = povertyThreshold(2021).yearly;

/** Part time: work income per worker under 55 % of a full-time SMIC net (domain.md §6 [S69], hypothèse). */
const PART_TIME_SHARE = 0.55;
/** SMIC net of the year: the 2025 value brought to the year like other amounts (≈ 1 233 € in 2021). */
const smicNet = (year: number) => SMIC_NET * amountScale(year);

export interface HouseholdDraw {
	household_id: string;
	year: number;
	commune: string;
	weight: number;
	comp: Composition;
	profile: Profile;
	/** Niveau de vie in 2021 euros (the calibrated scale); negative only for a loss year. */
	realLevel: number;
}

const disposableMonthly = (r: Resources) => monthlyResources(r) - r.charge_tax;

export function buildHousehold(d: HouseholdDraw): Household {
	const { comp: c, profile: p } = d;
	const index = incomeIndex(d.year);
	const x = d.realLevel / THRESHOLD_2021;
	const rent = grossRent(c, p, x) * index;
	const res = householdResources(c, p, d.realLevel, d.year, rent);
	const charges = householdCharges(c, p, x, index, disposableMonthly(res));
	const employed = p.activity === 'employed';
	const perWorker = p.workers > 0 ? res.income_work / p.workers : 0;
	return {
		household_id: d.household_id,
		year: d.year,
		commune: d.commune,
		iris: null,
		weight: d.weight,
		persons_14_plus: c.persons_14_plus,
		persons_under_14: c.persons_under_14,
		family_type: c.family_type,
		age_ref: p.age,
		activity_ref: p.activity,
		contract_ref: employed ? p.contract : 'none',
		part_time_ref: employed && (p.partTime || perWorker < PART_TIME_SHARE * smicNet(d.year)),
		workers: employed ? Math.max(1, p.workers) : p.workers,
		recent_job_loss: p.recentJobLoss,
		tenure: p.tenure,
		years_in_commune: p.yearsInCommune,
		social_followup: p.followup,
		overindebted: p.overindebted,
		income_work: res.income_work,
		income_unemployment: res.income_unemployment,
		income_pension: res.income_pension,
		income_other: res.income_other,
		benefit_rsa: res.benefit_rsa,
		benefit_activity: res.benefit_activity,
		benefit_family: res.benefit_family,
		benefit_housing: res.benefit_housing,
		benefit_disability: res.benefit_disability,
		benefit_old_age: res.benefit_old_age,
		charge_rent: charges.charge_rent,
		charge_energy: charges.charge_energy,
		charge_water: charges.charge_water,
		charge_insurance: charges.charge_insurance,
		charge_health: charges.charge_health,
		charge_debt: charges.charge_debt,
		charge_childcare: charges.charge_childcare,
		charge_alimony: charges.charge_alimony,
		charge_transport: charges.charge_transport,
		charge_tax: res.charge_tax,
		charge_other: charges.charge_other
	};
}
