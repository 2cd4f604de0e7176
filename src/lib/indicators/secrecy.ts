/**
 * Statistical secrecy (DESIGN.md §4.1, domain.md §3.5): a value resting on fewer than 11 unweighted rows
 * is never shown. Mirrors INSEE's 11-household rule for carroyage.
 */
export const SECRECY_MIN_ROWS = 11;

export function isSecret(unweightedRows: number): boolean {
	return unweightedRows < SECRECY_MIN_ROWS;
}
