/**
 * Household-level measures of DESIGN.md §3 ("Derived"), written once in JS (per household: explain,
 * generator, tests) and once in SQL (population: indicators). Tests check that the two agree.
 */
import { CHARGE_COLUMNS, RESOURCE_COLUMNS, type Household } from '../data/schema.ts';

/** OECD-modified scale (domain.md §3.1 [S22]): 1 + 0.5 per other person aged 14+ + 0.3 per child under 14. */
export function consumptionUnits(h: Pick<Household, 'persons_14_plus' | 'persons_under_14'>): number {
	return 1 + 0.5 * (h.persons_14_plus - 1) + 0.3 * h.persons_under_14;
}

export function persons(h: Pick<Household, 'persons_14_plus' | 'persons_under_14'>): number {
	return h.persons_14_plus + h.persons_under_14;
}

/** Monthly resources: work, replacement incomes and every benefit (housing aid included). */
export function monthlyResources(h: Pick<Household, (typeof RESOURCE_COLUMNS)[number]>): number {
	let s = 0;
	for (const c of RESOURCE_COLUMNS) s += h[c];
	return s;
}

export function monthlyCharges(h: Pick<Household, (typeof CHARGE_COLUMNS)[number]>): number {
	let s = 0;
	for (const c of CHARGE_COLUMNS) s += h[c];
	return s;
}

/** Disposable income, €/month: resources net of direct taxes (domain.md §3.1 "Revenu disponible"). */
export function disposableMonthly(h: Household): number {
	return monthlyResources(h) - h.charge_tax;
}

/** Niveau de vie, €/year per UC: 12 × disposable / UC (DESIGN.md §3). */
export function livingStandard(h: Household): number {
	return (12 * disposableMonthly(h)) / consumptionUnits(h);
}

/**
 * Monthly poverty thresholds (60 % of the median niveau de vie), €/month per UC, by income year.
 * 2021 is Filosofi's own (domain.md §3.2, [S28]); Filosofi 2022 does not exist and Filosofi 2023 is a new
 * series, so 2019, 2022 and 2023 take the ERFS threshold of the year (domain.md §3.2 [S12][S13][S17]);
 * 2020 is interpolated (hypothèse), and 2024+ carry 2023 forward (hypothèse) until INSEE publishes.
 */
export const POVERTY_THRESHOLD_MONTHLY: Record<number, { value: number; source: string }> = {
	2019: { value: 1102, source: 'ERFS 2019, domain.md §3.2 [S12]' },
	2020: { value: 1130, source: 'hypothèse : interpolation 2019–2021' },
	2021: { value: 1150, source: 'Filosofi 2021, France métropolitaine, domain.md §3.2 [S28]' },
	2022: { value: 1216, source: 'ERFS 2022 (pas de Filosofi 2022), domain.md §3.2 [S13]' },
	2023: { value: 1288, source: 'ERFS 2023, domain.md §3.2 [S17]' }
};

export function povertyThreshold(year: number): { monthly: number; yearly: number; source: string } {
	const years = Object.keys(POVERTY_THRESHOLD_MONTHLY).map(Number).sort((a, b) => a - b);
	const y = Math.min(Math.max(year, years[0]), years[years.length - 1]);
	const t = POVERTY_THRESHOLD_MONTHLY[y];
	const source = y === year ? t.source : `hypothèse : seuil ${y} (${t.source}) appliqué à ${year}`;
	return { monthly: t.value, yearly: 12 * t.value, source };
}

/** Poor: niveau de vie strictly under the threshold (DESIGN.md §4.1). */
export function isPoor(h: Household, yearlyThreshold = povertyThreshold(h.year).yearly): boolean {
	return livingStandard(h) < yearlyThreshold;
}

/**
 * Weighted quantile as DESIGN.md §4 defines it: the smallest value whose cumulative weight reaches q of
 * the total (no interpolation).
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
	const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
	let total = 0;
	for (const w of weights) total += w;
	const target = q * total;
	let cum = 0;
	for (const i of idx) {
		cum += weights[i];
		if (cum >= target - 1e-9 * total) return values[i];
	}
	return values[idx[idx.length - 1]];
}

// ---- SQL forms of the same measures, over a table with the households contract columns ----

export const SQL_PERSONS = '(persons_14_plus + persons_under_14)';
export const SQL_UC = '(1 + 0.5 * (persons_14_plus - 1) + 0.3 * persons_under_14)';
export const SQL_RESOURCES = `(${RESOURCE_COLUMNS.join(' + ')})`;
export const SQL_CHARGES = `(${CHARGE_COLUMNS.join(' + ')})`;
export const SQL_DISPOSABLE = `(${SQL_RESOURCES} - charge_tax)`;
export const SQL_LIVING_STANDARD = `(12 * ${SQL_DISPOSABLE} / ${SQL_UC})`;
