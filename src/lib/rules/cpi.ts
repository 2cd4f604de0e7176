/**
 * INSEE's consumer price index, annual averages, to express a dated euro amount in euros of another year
 * (issue 17, item 5: « 5 € de 2008 ≠ 5 € de 2026 », domain.md §4.2–4.3).
 *
 * Series: « Indice annuel des prix à la consommation – Base 2015 – Ensemble des ménages – France – Ensemble »,
 * INSEE BDM identifier 001764363 (the annual average of the monthly index 001759970, same title without
 * « annuel »; base 2015 = 100, France = metropole and DOM, tobacco included). Values are INSEE's definitive
 * annual averages, two decimals as published.
 *
 * Where they were read: the transcription of series 001764363 in the `ipc_annuel` column of
 * github.com/knhd/Salaires, data/indices_1963-2024.csv (filled up to 2023; its monthly column gives
 * 99,08 for January 2016, the « ensemble des ménages » figure of the Journal officiel notice of February 2017,
 * not the « hors tabac » 99,07). Checks: 1990 = 67,40 and 2015 = 100 as read directly from the BDM by another
 * public project; every year-on-year ratio below rounds to INSEE's published annual inflation
 * (2006 +1,6 … 2009 +0,1, 2011 +2,1, 2013 +0,9, 2014 +0,5, 2015 0,0, 2016 +0,2, 2017 +1,0, 2018 +1,8,
 * 2019 +1,1, 2020 +0,5, 2021 +1,6, 2022 +5,2, 2023 +4,9 %).
 *
 * Last year: 2023. The 2024 annual average could not be sourced to the hundredth (only its +2,0 % rate, and
 * the monthly indices to October 2024), and 2025 without 2024 would leave a hole, so the table stops at 2023.
 * Rule: a year after the last known year uses the last known index (2024, 2025, 2026 → 2023); a year before
 * 2005 is refused (no parameter of Vigie is older).
 */
import { toCents, toEuros } from './cents.ts';

/** Annual average index, base 2015 = 100 (series 001764363). */
export const CPI_ANNUAL: Readonly<Record<number, number>> = {
	2005: 87.9,
	2006: 89.33,
	2007: 90.66,
	2008: 93.21,
	2009: 93.29,
	2010: 94.71,
	2011: 96.71,
	2012: 98.6,
	2013: 99.46,
	2014: 99.96,
	2015: 100,
	2016: 100.18,
	2017: 101.22,
	2018: 103.09,
	2019: 104.23,
	2020: 104.73,
	2021: 106.45,
	2022: 112.01,
	2023: 117.47
};

export const CPI_FIRST_YEAR = 2005;
/** The last complete year of the table; later years use its index. */
export const CPI_LAST_YEAR = 2023;
export const CPI_SERIES_ID = '001764363';

/** Shown to users wherever an indexed amount appears. */
export const CPI_SOURCE =
	'INSEE, indice des prix à la consommation, base 2015, ensemble des ménages, France, moyenne annuelle (série 001764363), valeurs 2005 à 2023 ; au-delà de 2023, l’indice de 2023';

/** The index of a year; years after 2023 use 2023's. Throws (French) before 2005 or on a non-integer year. */
export function cpiIndex(year: number): number {
	if (!Number.isInteger(year)) throw new RangeError(`IPC : année invalide « ${year} »`);
	if (year < CPI_FIRST_YEAR) throw new RangeError(`IPC : pas d’indice avant ${CPI_FIRST_YEAR} (année ${year})`);
	return CPI_ANNUAL[Math.min(year, CPI_LAST_YEAR)];
}

/** CPI(to) / CPI(from): what one euro of `fromYear` is worth in euros of `toYear`. */
export function cpiRatio(fromYear: number, toYear: number): number {
	return cpiIndex(toYear) / cpiIndex(fromYear);
}

/**
 * `value` euros of `fromYear` in euros of `toYear`: value × CPI(to) / CPI(from), rounded to the cent (half away
 * from zero). Every indexable unit is a euro amount (€, €/an, €/mois, €/jour/personne…), so the cent is the
 * natural precision of all of them, as for the threshold comparisons (DESIGN.md §5).
 */
export function indexAmount(value: number, fromYear: number, toYear: number): number {
	return toEuros(toCents((value * cpiIndex(toYear)) / cpiIndex(fromYear)));
}
