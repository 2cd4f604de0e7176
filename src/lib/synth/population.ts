/**
 * The sampled households of one commune (as published by Filosofi 2021) over the generated years.
 *
 * 2021, the calibrated year: round(sample × NBMENFISC) households whose compositions total exactly
 * round(sample × NBPERSMENFISC) persons; they are ranked by a latent rank u (which also drove their
 * composition), and each takes the niveau de vie of the quantile function at the middle of its persons'
 * cumulative share. The person-weighted distribution then has the published D1, median, D9 and poverty
 * rate by construction (DESIGN.md §7). About 0.5 % are self-employed with a loss (negative disposable
 * income), left out of the ranking as Filosofi leaves them out of its distributions (DESIGN.md §4.1).
 *
 * Other years: the same households, aged one year at a time, with a transient income shock around their
 * lasting level and ~8 % turnover (a new household moves into the same place of the distribution); nominal
 * incomes follow the national median (incomeIndex, domain.md §3.2).
 */
import type { Household } from '../data/schema.ts';
import type { CommuneTargets } from '../references/filosofi.ts';
import { adjustPersons, drawComposition, personsOf, solveTheta, type Composition } from './composition.ts';
import { buildHousehold, THRESHOLD_2021 } from './household.ts';
import { quantileFunction } from './living-standard-draw.ts';
import { drawProfile, evolveProfile, type Profile } from './profile.ts';
import { createRng, seedFrom, type Rng } from './random.ts';

export const CALIBRATED_YEAR = 2021;
/** Share of households with a self-employed loss (brief: rare, about 0.5 %). */
const LOSS_SHARE = 0.005;
/** Yearly chance that a self-employed household has a loss year, after 2021 (≈ 0.5 % of all households). */
const SELF_EMPLOYED_LOSS = 0.08;
/** Yearly chance that a household leaves (moves away, dies), higher for the young and the very old, ≈ 8 %
 * overall (hypothèse): slows the ageing of the panel. */
const turnover = (age: number) => (age >= 80 ? 0.16 : age < 30 ? 0.13 : 0.065);
/** Log-sd of the transient yearly change of a household's real income (hypothèse). */
const INCOME_NOISE = 0.06;

interface Unit {
	id: string;
	u: number;
	comp: Composition;
	profile: Profile;
	/** Lasting niveau de vie in 2021 euros; a year's level is this times a transient shock. */
	latent: number;
}

export interface CommuneRun {
	targets: CommuneTargets;
	/** Code written in the commune column (current geography). */
	commune: string;
	sample: number;
	seed: number;
	/** Sorted, distinct years to output. */
	years: readonly number[];
	/** Next pseudonymous id for a commune (unique within the commune, so within a year). */
	nextId: (commune: string) => string;
}

function lossLevel(rng: Rng): number {
	return -rng.uniform(500, 9000);
}

export function generateCommune(run: CommuneRun): Map<number, Household[]> {
	const t = run.targets;
	const rng = createRng(seedFrom(run.seed, t.code, 'households'));
	const n = Math.round(run.sample * t.households);
	const weight = 1 / run.sample;
	const theta = solveTheta(t.persons / t.households);

	const u = new Float64Array(n);
	const comps: Composition[] = [];
	const loss: boolean[] = [];
	for (let i = 0; i < n; i++) {
		u[i] = rng.next();
		comps.push(drawComposition(rng, u[i], theta));
		loss.push(rng.bernoulli(LOSS_SHARE));
	}
	adjustPersons(rng, comps, Math.round(run.sample * t.persons));

	// Levels: rank by u, cumulate persons, read the quantile function at each household's middle share.
	const q = quantileFunction(t, THRESHOLD_2021);
	const order = [...u.keys()].filter((i) => !loss[i]).sort((a, b) => u[a] - u[b]);
	let total = 0;
	for (const i of order) total += personsOf(comps[i]);
	const level = new Float64Array(n);
	let cum = 0;
	for (const i of order) {
		const p = personsOf(comps[i]);
		level[i] = q((cum + p / 2) / total);
		cum += p;
	}
	for (let i = 0; i < n; i++) if (loss[i]) level[i] = q(u[i]);

	// The situation follows the household's lasting level; 2021's level is that level times a transient
	// shock, as in later years, so the link between work and poverty is the same every year.
	let units: Unit[] = [];
	for (let i = 0; i < n; i++) {
		const latent = level[i] * Math.exp(-rng.normal(0, INCOME_NOISE));
		const profile = drawProfile(rng, comps[i], latent / THRESHOLD_2021, loss[i]);
		units.push({ id: run.nextId(run.commune), u: u[i], comp: comps[i], profile, latent });
	}

	const out = new Map<number, Household[]>();
	const emit = (year: number, levelOf: (x: Unit) => number) => {
		if (!run.years.includes(year)) return;
		out.set(
			year,
			units.map((x) =>
				buildHousehold({
					household_id: x.id,
					year,
					commune: run.commune,
					weight,
					comp: x.comp,
					profile: x.profile,
					realLevel: levelOf(x)
				})
			)
		);
	};
	const base = units;
	const levels2021 = new Map<Unit, number>();
	for (let i = 0; i < n; i++) levels2021.set(units[i], loss[i] ? lossLevel(rng) : level[i]);
	emit(CALIBRATED_YEAR, (x) => levels2021.get(x)!);

	// Walk forward from 2021, then backward, one year at a time.
	for (const direction of [1, -1] as const) {
		units = base;
		const last = direction === 1 ? Math.max(CALIBRATED_YEAR, ...run.years) : Math.min(CALIBRATED_YEAR, ...run.years);
		for (let year = CALIBRATED_YEAR + direction; direction * (last - year) >= 0; year += direction) {
			const yr = createRng(seedFrom(run.seed, t.code, 'year', year));
			// Level of the year: persistent latent level × a transient shock (no drift in dispersion).
			const levels = new Map<Unit, number>();
			units = units.map((x) => {
				if (yr.bernoulli(turnover(x.profile.age))) {
					const comp = drawComposition(yr, x.u, theta);
					const latentNew = x.latent * Math.exp(yr.normal(0, INCOME_NOISE));
					const profile = drawProfile(yr, comp, latentNew / THRESHOLD_2021, false);
					const unit = { id: run.nextId(run.commune), u: x.u, comp, profile, latent: latentNew };
					levels.set(unit, latentNew * Math.exp(yr.normal(0, INCOME_NOISE)));
					return unit;
				}
				let profile = evolveProfile(yr, x.profile, x.comp, x.latent / THRESHOLD_2021, direction);
				const comp = direction === 1 ? growFamily(yr, x.comp, profile) : x.comp;
				// A grown-up child who left may have been one of the workers.
				if (profile.workers > comp.persons_14_plus) profile = { ...profile, workers: comp.persons_14_plus };
				const next: Unit = { ...x, comp, profile };
				levels.set(next, next.latent * Math.exp(yr.normal(0, INCOME_NOISE)));
				if (profile.activity === 'employed' && profile.contract === 'self_employed' && yr.bernoulli(SELF_EMPLOYED_LOSS)) {
					next.profile = { ...profile, loss: true };
					levels.set(next, lossLevel(yr));
				} else if (profile.loss) next.profile = { ...profile, loss: false };
				return next;
			});
			emit(year, (x) => levels.get(x)!);
		}
	}
	return out;
}

/**
 * One year on: children turn 14, grown-up children leave home, couples have babies (hypothèses: 1/14 of
 * children under 14 turn 14; 12 % of children 14+ leave when the parent is 45+; 4 % births under 45).
 */
function growFamily(rng: Rng, c: Composition, p: Profile): Composition {
	let { family_type, persons_14_plus, persons_under_14 } = c;
	for (let k = 0, m = persons_under_14; k < m; k++) {
		if (rng.bernoulli(1 / 14)) {
			persons_under_14--;
			persons_14_plus++;
		}
	}
	const adults = family_type === 'couple_children' ? 2 : family_type === 'single_parent' ? 1 : 0;
	if (adults && p.age >= 45) {
		for (let k = 0, m = persons_14_plus - adults; k < m; k++) if (rng.bernoulli(0.12)) persons_14_plus--;
		if (persons_14_plus + persons_under_14 === adults) family_type = adults === 2 ? 'couple' : 'single';
	}
	if ((family_type === 'couple' || family_type === 'couple_children') && p.age < 45 && rng.bernoulli(0.04)) {
		family_type = 'couple_children';
		persons_under_14++;
	}
	if (family_type === c.family_type && persons_14_plus === c.persons_14_plus && persons_under_14 === c.persons_under_14) return c;
	return { family_type, persons_14_plus, persons_under_14 };
}
