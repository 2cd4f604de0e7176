/**
 * Legal amounts and national series used to build synthetic resources. Each figure cites domain.md and its
 * source tag. Amounts are those of 2025, brought to other years with the income index (amountScale,
 * hypothèse), so that benefits keep the same place in the income distribution from year to year.
 */

/** RSA montant forfaitaire by household size, €/month, 1 Apr 2025 (domain.md §6 [S64]): 1 person;
 * couple or single + 1 child; 3 persons; 4 persons; + per additional child. */
const RSA_FORFAIT = [646.52, 969.78, 1163.74, 1357.7] as const;
const RSA_EXTRA_CHILD = 258.61;

/** RSA forfait for a household of `persons` persons (domain.md §6 [S64]); household = foyer RSA (hypothèse). */
export function rsaForfait(persons: number, year = 2025): number {
	const v = persons <= 4 ? RSA_FORFAIT[Math.max(1, persons) - 1] : RSA_FORFAIT[3] + RSA_EXTRA_CHILD * (persons - 4);
	return v * amountScale(year);
}

/** Prime d'activité montant forfaitaire, €/month, 1 Apr 2025 (domain.md §6 [S66]): single, couple,
 * couple + 1, couple + 2 (≈), + per extra child. Indexed by household size like the RSA. */
const PA_FORFAIT = [633.21, 949.83, 1139.79, 1329.76] as const;
const PA_EXTRA_CHILD = 253.28;
/** Share of professional income counted in the prime d'activité, from 1 Apr 2025 (domain.md §6 [S66]). */
export const PA_WORK_SHARE = 0.5985;

export function paForfait(persons: number, year = 2025): number {
	const v = persons <= 4 ? PA_FORFAIT[Math.max(1, persons) - 1] : PA_FORFAIT[3] + PA_EXTRA_CHILD * (persons - 4);
	return v * amountScale(year);
}

/**
 * Simplified prime d'activité (domain.md §6 [S66]; no bonification individuelle, hypothèse):
 * forfait + 59.85 % × work income − max(household resources, forfait), never negative, only with work.
 */
export function primeActivite(work: number, otherResources: number, persons: number, year = 2025): number {
	if (work <= 0) return 0;
	const f = paForfait(persons, year);
	return Math.max(0, f + PA_WORK_SHARE * work - Math.max(f, work + otherResources));
}

/**
 * Work income W such that W + primeActivite(W) = total: the inverse of a continuous increasing function
 * (slope ≥ 0.5985), solved piece by piece.
 */
export function workForTotal(total: number, otherResources: number, persons: number, year = 2025): number {
	if (total <= 0) return 0;
	const f = paForfait(persons, year);
	// No prime: W ≥ (f − other) / 0.4015 makes the prime zero.
	if (total >= (f - otherResources) / (1 - PA_WORK_SHARE)) return total;
	// Resources above the forfait: W + f − other − 0.4015 W = total.
	const wHigh = (total - f + otherResources) / PA_WORK_SHARE;
	if (wHigh + otherResources > f) return wHigh;
	// Resources under the forfait: prime = 0.5985 W.
	return total / (1 + PA_WORK_SHARE);
}

/** SMIC net, €/month full time, 1 Nov 2024 → 31 Dec 2025 (domain.md §6 [S69]). */
export const SMIC_NET = 1426.3;

/** AAH maximum, €/month, before 1 Apr 2026 (domain.md §6 [S71]). */
export const AAH_MAX = 1033.32;

/** ASPA ceiling, €/month: single 2025 (domain.md §6 [S70]); couple computed from the 2026 figure
 * 1 620,18 € / 1.009 (domain.md §6 [S70], computed). */
export const ASPA_SINGLE = 1034.28;
export const ASPA_COUPLE = 1605.73;

/** Allocations familiales, €/month: 2 children, first income band, 2025 (domain.md §6 [S107]). */
export const FAMILY_ALLOWANCE_2 = 151.05;
/** Per child from the third: hypothèse (CAF 2025 scale, not in domain.md). */
export const FAMILY_ALLOWANCE_EXTRA = 193.56;
/** Allocation de soutien familial per child for single parents: hypothèse (CAF 2025, not in domain.md). */
export const ASF_PER_CHILD = 199.19;

/** Allocations familiales for `children` children (halved above a high niveau de vie: modulation, hypothèse). */
export function familyAllowance(children: number, realLevel: number, year = 2025): number {
	if (children < 2) return 0;
	const base = (FAMILY_ALLOWANCE_2 + FAMILY_ALLOWANCE_EXTRA * (children - 2)) * amountScale(year);
	return realLevel > 55000 ? base / 4 : realLevel > 40000 ? base / 2 : base;
}

/**
 * Median niveau de vie of the national series, €/year (domain.md §3.2): 2021 23 160 (computed from the
 * seuil, [S20]), 2022 24 330 and 2023 25 760 (ERFS [S13][S16]). 2019 is computed from the 2019 seuil
 * 1 102 €/month ÷ 0.6 × 12 ([S12]); 2020 interpolated and years after 2023 at +2 %/year (hypothèses).
 */
const MEDIAN_SERIES: Record<number, number> = { 2019: 22040, 2020: 22600, 2021: 23160, 2022: 24330, 2023: 25760 };

/** Nominal growth factor of incomes (and, hypothèse, of charges) from 2021 to `year`. */
export function incomeIndex(year: number): number {
	const known = MEDIAN_SERIES[year];
	if (known) return known / MEDIAN_SERIES[2021];
	if (year > 2023) return (MEDIAN_SERIES[2023] / MEDIAN_SERIES[2021]) * 1.02 ** (year - 2023);
	return (MEDIAN_SERIES[2019] / MEDIAN_SERIES[2021]) * 1.02 ** (year - 2019);
}

/** Factor bringing a 2025 amount to `year` (hypothèse: amounts follow the income index; 2021 ≈ 0.86). */
export function amountScale(year: number): number {
	return incomeIndex(year) / incomeIndex(2025);
}

/**
 * Income tax as a share of disposable income, by real niveau de vie (€ 2021 per UC per year): a simplified
 * progressive schedule (hypothèse), zero under 16 000 € so that no poor household pays tax
 * (seuil Filosofi 2021: 12 × 1 150 € = 13 800 €, domain.md §3.2 [S28]).
 */
const TAX_POINTS: readonly (readonly [number, number])[] = [
	[16000, 0],
	[22000, 0.03],
	[30000, 0.07],
	[45000, 0.11],
	[70000, 0.16],
	[120000, 0.22]
];

export function taxRate(realLevel: number): number {
	if (realLevel <= TAX_POINTS[0][0]) return 0;
	for (let i = 1; i < TAX_POINTS.length; i++) {
		const [x1, y1] = TAX_POINTS[i];
		if (realLevel <= x1) {
			const [x0, y0] = TAX_POINTS[i - 1];
			return y0 + ((y1 - y0) * (realLevel - x0)) / (x1 - x0);
		}
	}
	return TAX_POINTS[TAX_POINTS.length - 1][1];
}
