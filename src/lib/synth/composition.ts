/**
 * Household composition (family type, persons aged 14+ and under 14), drawn from the household's latent
 * rank u (0 = poorest, 1 = richest): poorer households are more often single parents and larger families
 * (DESIGN.md §7). A commune parameter θ shifts the mix towards families until the expected size matches
 * the commune's NBPERSMENFISC / NBMENFISC; a final pass adds or removes children to hit the total exactly.
 */
import type { FamilyType } from '../data/schema.ts';
import type { Rng } from './random.ts';

export interface Composition {
	family_type: FamilyType;
	persons_14_plus: number;
	persons_under_14: number;
}

const TYPES: readonly FamilyType[] = ['single', 'couple', 'couple_children', 'single_parent', 'other'];
/** Share of a family's children who are under 14 (hypothèse). */
const UNDER_14_SHARE = 0.62;
const MAX_CHILDREN = 8;

/** Weights of the five family types for rank u (hypothèse, orders of magnitude of Seine-Saint-Denis). */
function typeWeights(u: number, theta: number): number[] {
	const poor = 1 - u;
	const e = Math.exp(theta);
	return [
		(0.34 / e) * (0.85 + 0.3 * u), // single: somewhat more at the top (young professionals, widowed owners)
		0.22 * (0.7 + 0.6 * u), // couple without children: pensioners and dual earners
		0.27 * e,
		0.1 * e * (0.4 + 1.6 * poor), // single parent: about 3× more at the bottom than at the top
		0.07 * Math.sqrt(e)
	];
}

/** Mean number of children beyond the first, for families (poorer: larger). */
function extraChildren(type: FamilyType, u: number, theta: number): number {
	const poor = 1 - u;
	const base = type === 'couple_children' ? 0.75 + 0.8 * poor : 0.45 + 0.6 * poor;
	return base * Math.exp(theta / 3);
}

export function drawComposition(rng: Rng, u: number, theta: number): Composition {
	const family_type = TYPES[rng.choiceIndex(typeWeights(u, theta))];
	switch (family_type) {
		case 'single':
			return { family_type, persons_14_plus: 1, persons_under_14: 0 };
		case 'couple':
			return { family_type, persons_14_plus: 2, persons_under_14: 0 };
		case 'couple_children':
		case 'single_parent': {
			const adults = family_type === 'couple_children' ? 2 : 1;
			const children = Math.min(MAX_CHILDREN, 1 + rng.poisson(extraChildren(family_type, u, theta)));
			let under = 0;
			for (let k = 0; k < children; k++) if (rng.next() < UNDER_14_SHARE) under++;
			return { family_type, persons_14_plus: adults + children - under, persons_under_14: under };
		}
		default: {
			// Several adults (relatives, flatmates), sometimes with young children.
			const adults = 2 + (rng.next() < 0.35 ? 1 : 0) + (rng.next() < 0.1 ? 1 : 0);
			const under = rng.next() < 0.2 ? 1 + (rng.next() < 0.4 ? 1 : 0) : 0;
			return { family_type, persons_14_plus: adults, persons_under_14: under };
		}
	}
}

/** Expected household size for θ, averaged over ranks u. */
function expectedSize(theta: number): number {
	const steps = 40;
	let sum = 0;
	for (let s = 0; s < steps; s++) {
		const u = (s + 0.5) / steps;
		const w = typeWeights(u, theta);
		const total = w.reduce((a, b) => a + b, 0);
		const sizes = [
			1,
			2,
			3 + extraChildren('couple_children', u, theta),
			2 + extraChildren('single_parent', u, theta),
			2 + 0.35 + 0.1 + 0.2 * 1.4
		];
		let m = 0;
		for (let i = 0; i < 5; i++) m += (w[i] / total) * sizes[i];
		sum += m;
	}
	return sum / steps;
}

/** θ such that the expected size is `meanSize` (bisection; the size grows with θ). */
export function solveTheta(meanSize: number): number {
	let lo = -4;
	let hi = 4;
	for (let k = 0; k < 50; k++) {
		const mid = (lo + hi) / 2;
		if (expectedSize(mid) < meanSize) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

export function personsOf(c: Composition): number {
	return c.persons_14_plus + c.persons_under_14;
}

/**
 * Add or remove children (random households, deterministic order) until the total number of persons is
 * `target`: NBPERSMENFISC × sample exactly, so the persons count does not depend on sampling luck.
 */
export function adjustPersons(rng: Rng, comps: Composition[], target: number): void {
	let total = 0;
	for (const c of comps) total += personsOf(c);
	if (!comps.length) return;
	let guard = 0;
	while (total !== target && guard++ < 100 * comps.length) {
		const c = comps[rng.int(0, comps.length - 1)];
		if (total < target) {
			if (c.family_type === 'couple_children' || c.family_type === 'single_parent') {
				if (c.persons_14_plus + c.persons_under_14 < 12) {
					c.persons_under_14++;
					total++;
				}
			} else if (c.family_type === 'couple' && rng.next() < 0.3) {
				c.family_type = 'couple_children';
				c.persons_under_14 = 1;
				total++;
			}
		} else {
			const adults = c.family_type === 'couple_children' ? 2 : c.family_type === 'single_parent' ? 1 : 0;
			const children = c.persons_14_plus + c.persons_under_14 - adults;
			if (adults > 0 && children >= 2) {
				if (c.persons_under_14 > 0) c.persons_under_14--;
				else c.persons_14_plus--;
				total--;
			} else if (c.family_type === 'couple_children' && children === 1 && rng.next() < 0.3) {
				c.family_type = 'couple';
				c.persons_14_plus = 2;
				c.persons_under_14 = 0;
				total--;
			} else if (c.family_type === 'other' && c.persons_under_14 > 0) {
				c.persons_under_14--;
				total--;
			}
		}
	}
}
