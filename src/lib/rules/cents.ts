/**
 * Money arithmetic in integer cents: every threshold comparison is made on values rounded to the cent
 * (DESIGN.md §5, domain.md §10.2), so both evaluators compare the same integers and agree exactly.
 */

/** Rounds half away from zero; the tiny nudge absorbs binary noise such as 2.4999999999 for 2.5. */
export function roundHalfAway(x: number): number {
	return x < 0 ? -Math.floor(-x + 0.5 + 1e-7) : Math.floor(x + 0.5 + 1e-7);
}

export const toCents = (euros: number): number => roundHalfAway(euros * 100);
export const toEuros = (cents: number): number => cents / 100;

const eur = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "1 234,56 €" (narrow no-break spaces as Intl writes them). */
export const formatEuros = (euros: number): string => `${eur.format(euros)} €`;
/** "1 234,56" without the currency sign, for values followed by a unit such as €/jour/personne. */
export const formatAmount = (euros: number): string => eur.format(euros);

const plain = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
/** Counts and units: "2,1", "3". */
export const formatNumber = (x: number): string => plain.format(x);
