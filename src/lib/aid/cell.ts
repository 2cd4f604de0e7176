/**
 * A figure of the Aides page and its secrecy (DESIGN.md §4.1): a cell resting on fewer than 11
 * unweighted requests (or households) is `value: null, suppressed: true`, never 0, and its count is hidden too.
 */
import { applySecondarySecrecy, isSecret, SECRECY_MIN_ROWS, type SecrecyCell } from '../indicators/secrecy.ts';

export interface Cell {
	/** The figure (count, %, €, days); null when secret or undefined (no denominator). */
	value: number | null;
	/** Unweighted rows the figure rests on; null when secret. */
	n: number | null;
	suppressed: boolean;
}

/** A count: the figure is its own population. */
export function countCell(n: number, minRows = SECRECY_MIN_ROWS): Cell {
	return isSecret(n, minRows) ? { value: null, n: null, suppressed: true } : { value: n, n, suppressed: false };
}

/** A figure resting on `n` rows (share, mean, quantile…). */
export function cellOf(value: number | null, n: number, minRows = SECRECY_MIN_ROWS): Cell {
	return isSecret(n, minRows) ? { value: null, n: null, suppressed: true } : { value, n, suppressed: false };
}

/** part / whole in %, secret when `whole` rests on fewer than minRows rows. */
export function shareCell(part: number, whole: number, minRows = SECRECY_MIN_ROWS): Cell {
	return cellOf(whole ? (100 * part) / whole : null, whole, minRows);
}

/** DESIGN.md §4 quantile: the smallest value whose cumulative count reaches q of the total (no interpolation). */
export function quantile(sorted: readonly number[], q: number): number | null {
	if (!sorted.length) return null;
	const k = Math.max(1, Math.ceil(q * sorted.length - 1e-9 * sorted.length));
	return sorted[Math.min(k, sorted.length) - 1];
}

/**
 * Primary and secondary secrecy over a partition of a shown total (categories of one breakdown): a part
 * under minRows is masked, and when a single part is masked the smallest other one is masked too, so that
 * the total minus the others cannot reveal it (applySecondarySecrecy of the indicators). Returns the mask.
 */
export function partitionMask(counts: readonly number[], minRows = SECRECY_MIN_ROWS): boolean[] {
	const cells = new Map<string, SecrecyCell>();
	const total = counts.reduce((s, c) => s + c, 0);
	cells.set('total', { n: total, denominator: total, suppressed: isSecret(total, minRows) });
	// An empty category rests on 0 rows: secret too, as in runIndicators (never 0).
	counts.forEach((c, i) => cells.set(String(i), { n: c, denominator: c, suppressed: isSecret(c, minRows) }));
	applySecondarySecrecy(cells, [{ totals: ['total'], members: counts.map((_, i) => String(i)) }]);
	return counts.map((c, i) => isSecret(total, minRows) || cells.get(String(i))!.suppressed);
}

export const SECRET: Cell = { value: null, n: null, suppressed: true };

/** A count under a partition mask. */
export function maskedCount(n: number, masked: boolean): Cell {
	return masked ? SECRET : { value: n, n, suppressed: false };
}

/** part / whole in %, masked with the part (a share and its total reveal the count) or if whole is small. */
export function maskedShare(part: number, whole: number, masked: boolean, minRows = SECRECY_MIN_ROWS): Cell {
	return masked ? SECRET : shareCell(part, whole, minRows);
}
