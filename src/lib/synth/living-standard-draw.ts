/**
 * Quantile function of the niveau de vie over PERSONS for one commune, through the published Filosofi
 * points (DESIGN.md §7): D1 at 0.10, the poverty threshold at TP60, the median at 0.50, D9 at 0.90, with a
 * lower tail to a small positive level and a Pareto upper tail. Assigning each household the value at the
 * middle of its persons' cumulative share reproduces those points by construction.
 */
import type { CommuneTargets } from '../references/filosofi.ts';

export type QuantileFunction = (q: number) => number;

/** Pareto index of the upper tail (hypothèse: gives D9 × ≈ 8 at the top 0.01 %). */
const UPPER_TAIL_ALPHA = 2.3;

/**
 * @param threshold yearly poverty threshold, € per UC (povertyThreshold(2021).yearly = 12 × 1 150 €,
 *   Filosofi 2021, domain.md §3.2 [S28]).
 */
export function quantileFunction(t: CommuneTargets, threshold: number): QuantileFunction {
	// Secret deciles (other départements): typical ratios to the median (hypothèse, 93's own ratios).
	const d1 = t.d1 ?? 0.5 * t.median;
	const d9 = t.d9 ?? 1.9 * t.median;
	const knots: [number, number][] = [
		[0, 0.15 * d1],
		[0.02, 0.5 * d1],
		[0.1, d1],
		[0.5, t.median],
		[0.9, d9]
	];
	if (t.poverty_rate != null) {
		const q = t.poverty_rate / 100;
		knots.push([q, threshold]);
		knots.sort((a, b) => a[0] - b[0]);
		// Keep the threshold point only where it is consistent with its neighbours (rounded rates).
		const i = knots.findIndex((k) => k[0] === q && k[1] === threshold);
		const ok = i > 0 && i < knots.length - 1 && knots[i - 1][0] < q && knots[i + 1][0] > q &&
			knots[i - 1][1] < threshold && knots[i + 1][1] > threshold;
		if (!ok) knots.splice(i, 1);
	}
	const top = knots[knots.length - 1];
	return (q: number) => {
		if (q >= top[0]) {
			const qq = Math.min(q, 0.9999);
			return top[1] * ((1 - top[0]) / (1 - qq)) ** (1 / UPPER_TAIL_ALPHA);
		}
		let i = 1;
		while (knots[i][0] < q) i++;
		const [q0, v0] = knots[i - 1];
		const [q1, v1] = knots[i];
		return v0 + ((v1 - v0) * (q - q0)) / (q1 - q0);
	};
}
