/**
 * A household's situation (age, activity, contract, tenure, follow-up…) and its stable traits (benefit
 * take-up, shares of each income, charge levels), drawn once from its composition and its real niveau de
 * vie, then aged year after year. Resources and charges are computed from it (resources.ts, charges.ts).
 * Probabilities are hypothèses giving Seine-Saint-Denis orders of magnitude; poverty-linked ones follow
 * domain.md §5 (working poor: part-time, temporary contracts) and DESIGN.md §7.
 */
import type { Activity, ContractType, Overindebted, Tenure } from '../data/schema.ts';
import type { Composition } from './composition.ts';
import { clamp, type Rng } from './random.ts';

export type PartnerStatus = 'none' | 'employed' | 'unemployed' | 'retired' | 'inactive';

export interface Profile {
	age: number;
	activity: Activity;
	contract: ContractType;
	partner: PartnerStatus;
	workers: number;
	recentJobLoss: boolean;
	tenure: Tenure;
	yearsInCommune: number;
	followup: boolean;
	overindebted: Overindebted;
	/** A member receives the AAH (disability). */
	disabled: boolean;
	/** The unemployed member is entitled to unemployment insurance (ARE). */
	unemploymentInsured: boolean;
	/** Takes up the minimum income it is entitled to (RSA, AAH, ASPA); non-take-up is frequent. */
	takeUpMinimum: boolean;
	takeUpActivity: boolean;
	takeUpHousing: boolean;
	/** Single parent receiving the allocation de soutien familial. */
	supportAllowance: boolean;
	/** Share of resources from the household's own incomes when it lives on a minimum income. */
	minimumOwnShare: number;
	/** Share of other income (patrimony, alimony received, family help) in primary income. */
	otherShare: number;
	/** Works part time by choice or constraint, whatever the pay (low pay also makes part time). */
	partTime: boolean;
	/** Self-employed loss: disposable income below zero this year (rare, left out of distributions). */
	loss: boolean;
	charges: ChargeTraits;
}

/** Stable multipliers and flags from which charges are computed each year (charges.ts). */
export interface ChargeTraits {
	rent: number;
	energy: number;
	insurance: number;
	health: number;
	/** Monthly consumer-credit repayment at 2021 prices, 0 if none. */
	debt: number;
	/** Mortgage repayment as a share of disposable income (owners; banks cap it near a third), 0 if none. */
	mortgage: number;
	childcare: number;
	alimony: number;
	car: boolean;
	other: number;
}

/** Probability that a working-age reference person is employed, by real niveau de vie / poverty threshold. */
function employmentProbability(x: number): number {
	return 0.1 + 0.85 / (1 + Math.exp(-(x - 1) / 0.2));
}

function drawAge(rng: Rng, c: Composition, x: number): number {
	const r = rng.next();
	switch (c.family_type) {
		case 'single': {
			const old = x < 0.6 ? 0.15 : x < 1.5 ? 0.33 : 0.25;
			if (r < old) return 62 + Math.floor(33 * rng.next() ** 1.4);
			if (r < old + 0.3) return rng.int(19, 34);
			return rng.int(35, 61);
		}
		case 'couple': {
			if (r < 0.45) return 60 + Math.floor(32 * rng.next() ** 1.3);
			if (r < 0.65) return rng.int(22, 34);
			return rng.int(35, 59);
		}
		case 'couple_children':
			return Math.round(clamp(rng.normal(41, 8), 21, 66));
		case 'single_parent':
			return Math.round(clamp(rng.normal(40, 9), 18, 66));
		default:
			return rng.int(20, 85);
	}
}

function drawActivity(rng: Rng, c: Composition, age: number, x: number): Activity {
	if (age >= 65) return rng.choice<Activity>(['retired', 'inactive', 'employed'], [0.93, 0.05, 0.02]);
	const pEmp = employmentProbability(x);
	if (age >= 60) return rng.choice<Activity>(['retired', 'employed', 'unemployed', 'inactive'], [0.5, pEmp * 0.5, 0.06, 0.1]);
	if (age < 26 && c.family_type === 'single' && rng.bernoulli(x < 0.7 ? 0.5 : 0.3)) return 'student';
	if (rng.bernoulli(pEmp)) return 'employed';
	// Out of work above the threshold: alone, mostly on unemployment benefits; in a couple, often inactive.
	const alone = c.family_type === 'single' || c.family_type === 'single_parent';
	return rng.bernoulli(x < 1 ? 0.58 : alone ? 0.8 : 0.4) ? 'unemployed' : 'inactive';
}

function drawContract(rng: Rng, x: number): ContractType {
	// Poor workers: fewer permanent contracts, more fixed-term and temping (domain.md §5).
	const p = clamp((x - 0.6) / 0.9, 0, 1);
	return rng.choice<ContractType>(
		['permanent', 'fixed_term', 'temp_agency', 'self_employed'],
		[0.5 + 0.32 * p, 0.22 - 0.15 * p, 0.16 - 0.13 * p, 0.12 - 0.04 * p]
	);
}

function drawTenure(rng: Rng, age: number, x: number): Tenure {
	const old = age >= 60 ? 0.15 : 0;
	// The poorest are often hosted by relatives (no rent), a few have no home at all.
	if (x < 0.5) return rng.choice<Tenure>(['social_rent', 'private_rent', 'owner', 'hosted', 'no_home'], [0.32, 0.12, 0.05 + old, 0.48, 0.03]);
	if (x < 0.7) return rng.choice<Tenure>(['social_rent', 'private_rent', 'owner', 'hosted', 'no_home'], [0.54, 0.22, 0.05 + old, 0.18, 0.01]);
	if (x < 1) return rng.choice<Tenure>(['social_rent', 'private_rent', 'owner', 'hosted'], [0.5, 0.25, 0.14 + old, 0.11]);
	if (x < 1.5) return rng.choice<Tenure>(['social_rent', 'private_rent', 'owner', 'hosted'], [0.42, 0.25, 0.28 + old, 0.05]);
	if (x < 2.5) return rng.choice<Tenure>(['social_rent', 'private_rent', 'owner', 'hosted'], [0.24, 0.26, 0.48 + old, 0.02]);
	return rng.choice<Tenure>(['social_rent', 'private_rent', 'owner'], [0.05, 0.25, 0.7 + old]);
}

function drawChargeTraits(rng: Rng, c: Composition, p: { tenure: Tenure; workers: number; age: number; overindebted: Overindebted }, x: number): ChargeTraits {
	const children = c.persons_under_14;
	let debt = 0;
	const mortgage = p.tenure === 'owner' && p.age < 65 && x >= 0.8 && rng.bernoulli(0.6) ? rng.uniform(0.12, 0.33) : 0;
	if (p.overindebted !== 'none') debt += rng.uniform(150, 500);
	else if (rng.bernoulli(0.22)) debt += rng.uniform(60, 350) * Math.min(1, 0.4 + 0.4 * x);
	const singleAdult = c.family_type === 'single' || c.family_type === 'single_parent';
	const allAdultsWork = p.workers >= (singleAdult ? 1 : 2);
	return {
		rent: rng.uniform(0.93, 1.07),
		energy: rng.uniform(0.75, 1.35),
		insurance: rng.uniform(0.8, 1.25),
		health: rng.uniform(0.8, 1.2),
		debt,
		mortgage,
		childcare: children > 0 && allAdultsWork && rng.bernoulli(0.55) ? rng.uniform(80, 420) : 0,
		alimony: c.family_type === 'single' && p.age >= 28 && p.age < 62 && rng.bernoulli(0.08) ? rng.uniform(150, 400) : 0,
		car: rng.bernoulli(clamp(0.05 + 0.35 * x, 0.1, 0.85)),
		other: rng.uniform(0.8, 1.3)
	};
}

/**
 * @param x real niveau de vie / poverty threshold 2021 (12 × 1 150 €, domain.md §3.2 [S28]).
 * @param loss self-employed household with a negative disposable income this year.
 */
export function drawProfile(rng: Rng, c: Composition, x: number, loss: boolean): Profile {
	const age = drawAge(rng, c, x);
	const activity: Activity = loss ? 'employed' : drawActivity(rng, c, age, x);
	const contract: ContractType = loss ? 'self_employed' : activity === 'employed' ? drawContract(rng, x) : 'none';
	const pEmp = employmentProbability(x);

	let partner: PartnerStatus = 'none';
	if (c.family_type === 'couple' || c.family_type === 'couple_children') {
		if (activity === 'retired') partner = rng.bernoulli(0.8) ? 'retired' : 'inactive';
		// A reference person out of work in a household above the threshold usually has a working partner.
		else if (rng.bernoulli(activity !== 'employed' && x >= 0.9 ? Math.max(pEmp, 0.85) : pEmp * 0.92)) partner = 'employed';
		else partner = rng.bernoulli(0.4) ? 'unemployed' : 'inactive';
	}
	let workers = (activity === 'employed' ? 1 : 0) + (partner === 'employed' ? 1 : 0);
	if (c.family_type === 'other') {
		for (let k = 1; k < c.persons_14_plus; k++) if (rng.bernoulli(0.5 * pEmp)) workers++;
	} else {
		// Older children at home with a job.
		const adults = c.family_type === 'couple_children' ? 2 : c.family_type === 'single_parent' ? 1 : c.persons_14_plus;
		for (let k = adults; k < c.persons_14_plus; k++) if (x > 1 && rng.bernoulli(0.06)) workers++;
	}
	workers = Math.min(workers, c.persons_14_plus);

	const temp = contract === 'fixed_term' || contract === 'temp_agency';
	const recentJobLoss = rng.bernoulli(
		activity === 'unemployed' ? 0.45 : temp ? 0.15 : activity === 'employed' ? 0.03 : activity === 'inactive' ? 0.05 : 0.01
	);
	const tenure = drawTenure(rng, age, x);
	const yearsInCommune = Math.round(Math.min(60, Math.max(0, age - 16)) * rng.next() ** 1.4 * 10) / 10;
	const followup = rng.bernoulli(x < 0.7 ? 0.45 : x < 1 ? 0.3 : x < 1.3 ? 0.1 : 0.03);
	const overindebted: Overindebted =
		x < 1
			? rng.choice<Overindebted>(['none', 'observed', 'file'], [0.89, 0.07, 0.04])
			: x < 1.6
				? rng.choice<Overindebted>(['none', 'observed', 'file'], [0.97, 0.02, 0.01])
				: rng.bernoulli(0.005) ? 'observed' : 'none';
	const disabled = age >= 20 && age < 65 && rng.bernoulli(activity === 'inactive' ? 0.22 : 0.015);
	const unemploymentInsured = rng.bernoulli(x < 0.8 ? 0.5 : 0.85);
	// Non-take-up: about a quarter for the RSA, half for the ASPA (hypothèses; not in domain.md).
	const takeUpMinimum = rng.bernoulli(age >= 65 ? 0.5 : 0.75);
	const charges = drawChargeTraits(rng, c, { tenure, workers, age, overindebted }, x);
	return {
		age,
		activity,
		contract,
		partner,
		workers: loss ? Math.max(1, workers) : workers,
		recentJobLoss,
		tenure,
		yearsInCommune,
		followup,
		overindebted,
		disabled,
		unemploymentInsured,
		takeUpMinimum,
		takeUpActivity: rng.bernoulli(0.7),
		takeUpHousing: rng.bernoulli(0.9),
		supportAllowance: c.family_type === 'single_parent' && rng.bernoulli(0.4),
		minimumOwnShare: activity === 'employed' || partner === 'employed' ? rng.uniform(0.25, 0.6) : rng.uniform(0, 0.35),
		otherShare: rng.next() < 0.3 ? rng.uniform(0.02, 0.15) : 0,
		// Part time is much more frequent among working poor (domain.md §5 [S35]: ≈ 20 %).
		partTime: rng.bernoulli(x < 1 ? 0.2 : 0.07),
		loss,
		charges
	};
}

/** Yearly chance that the reference person's activity is drawn again (hypothèse: ≈ 5 % change activity). */
const ACTIVITY_REDRAW = 0.12;

/**
 * One year later (or earlier, direction −1): ageing, and now and then a new activity drawn from the same
 * model as the first one given the household's lasting level, so that the link between level and work
 * does not drift from year to year. Losing a job sets recent_job_loss.
 * @param x lasting real niveau de vie / poverty threshold 2021.
 */
export function evolveProfile(rng: Rng, p: Profile, c: Composition, x: number, direction: 1 | -1): Profile {
	const q: Profile = { ...p, age: clamp(p.age + direction, 18, 95), yearsInCommune: clamp(Math.round((p.yearsInCommune + direction) * 10) / 10, 0, 60) };
	q.recentJobLoss = p.activity === 'unemployed' && rng.bernoulli(0.2);
	if (p.loss || !rng.bernoulli(ACTIVITY_REDRAW)) return q;
	const activity = drawActivity(rng, c, q.age, x);
	if (activity === p.activity) return q;
	const was = p.activity === 'employed' ? 1 : 0;
	const now = activity === 'employed' ? 1 : 0;
	q.activity = activity;
	q.contract = now ? drawContract(rng, x) : 'none';
	q.workers = clamp(p.workers - was + now, 0, c.persons_14_plus);
	if (was && activity === 'unemployed') q.recentJobLoss = true;
	return q;
}
