/**
 * Winners and losers in LexImpact's five classes (research/engines.md §2.1, §6(b)4), read for an aid rather
 * than a tax: a household's aid actually paid (after envelope and capacity) in the baseline vs the scenario.
 * LexImpact's `_zero` marks households at 0 in the tax they pay; for an aid, the zero that matters is receiving
 * nothing, so: neutre_zero = nothing in either; perdant_zero = loses all of it (a "sortant"); gagnant includes
 * households that had nothing (the "entrants", also counted apart).
 */
export const CLASSES = ['gagnant', 'perdant', 'neutre', 'neutre_zero', 'perdant_zero'] as const;
export type ClassId = (typeof CLASSES)[number];

export const CLASS_LABELS: Record<ClassId, string> = {
	gagnant: 'Gagnants (aide en hausse ou nouvelle)',
	perdant: 'Perdants (aide en baisse)',
	neutre: 'Inchangés (même aide)',
	neutre_zero: 'Sans aide dans les deux cas',
	perdant_zero: 'Perdent toute aide'
};

/**
 * Class code per household: index in CLASSES. Amounts in cents, compared exactly. `rows`: the only rows that
 * can be paid on either side (side.ts eligibleOnEitherSide); every other one is neutre_zero.
 */
export function classify(baseline: Float64Array, scenario: Float64Array, rows?: Int32Array): Uint8Array {
	const out = new Uint8Array(baseline.length);
	if (rows) {
		out.fill(3);
		for (let j = 0; j < rows.length; j++) {
			const i = rows[j];
			const b = baseline[i];
			const s = scenario[i];
			out[i] = s > b ? 0 : s < b ? (s === 0 ? 4 : 1) : b === 0 ? 3 : 2;
		}
		return out;
	}
	for (let i = 0; i < out.length; i++) {
		const b = baseline[i];
		const s = scenario[i];
		out[i] = s > b ? 0 : s < b ? (s === 0 ? 4 : 1) : b === 0 ? 3 : 2;
	}
	return out;
}

export interface ClassCell {
	/** Households, weighted. */
	households: number;
	/** Unweighted rows. */
	n: number;
	/** Σ (scenario − baseline) aid, €, weighted by take-up weights. */
	amount: number;
}

export function classTotals(cls: Uint8Array, baseline: Float64Array, scenario: Float64Array, weight: Float64Array, payWeight: Float64Array) {
	const hh = new Float64Array(CLASSES.length);
	const n = new Int32Array(CLASSES.length);
	const cents = new Float64Array(CLASSES.length);
	let entrants = 0;
	let entrants_n = 0;
	for (let i = 0; i < cls.length; i++) {
		const c = cls[i];
		hh[c] += weight[i];
		n[c]++;
		// neutre and neutre_zero change by 0 € (adding 0 changes no sum): only the others are summed.
		if (c === 2 || c === 3) continue;
		cents[c] += (scenario[i] - baseline[i]) * payWeight[i];
		if (c === 0 && baseline[i] === 0) (entrants += weight[i], entrants_n++);
	}
	const out = Object.fromEntries(CLASSES.map((c, k) => [c, { households: hh[k], n: n[k], amount: Math.round(cents[k]) / 100 }])) as Record<
		ClassId,
		ClassCell
	>;
	return { ...out, entrants, entrants_n };
}
