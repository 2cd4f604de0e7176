/**
 * A figure of the Aides page and its secrecy (DESIGN.md §4.1): a cell resting on fewer than 11
 * unweighted requests (or households) is `value: null, suppressed: true`, never 0, and its count is hidden too.
 * On synthetic data (`Secrecy.synthetic`) the same rule is computed but marks instead of hiding: the cell keeps
 * its value and count, `suppressed: false`, and `would_be_secret` says what real data would hide.
 */
import { applySecondarySecrecy, isSecret, isSmall, SECRECY_MIN_ROWS, type SecrecyCell } from '../indicators/secrecy.ts';

export interface Cell {
	/** The figure (count, %, €, days); null when secret or undefined (no denominator). */
	value: number | null;
	/** Unweighted rows the figure rests on; null when secret. */
	n: number | null;
	suppressed: boolean;
	/** Only on synthetic data: real data would hide this figure (present on every cell then, true or false). */
	would_be_secret?: boolean;
}

/** How secret cells read: hidden (real data, the default) or shown and marked (synthetic data). */
export interface Secrecy {
	synthetic?: boolean;
}

export const SECRET: Cell = { value: null, n: null, suppressed: true };

/** The one place a figure meets the rule: `secret` decided by the caller (primary, or a partition's mask). */
function cell(value: number | null, n: number, secret: boolean, s: Secrecy): Cell {
	// Real data: exactly the shapes they always had (no would_be_secret key).
	if (!s.synthetic) return secret ? { ...SECRET } : { value, n, suppressed: false };
	return { value, n, suppressed: false, would_be_secret: secret };
}

/** A count: the figure is its own population. */
export function countCell(n: number, s: Secrecy = {}): Cell {
	return cell(n, n, isSecret(n, SECRECY_MIN_ROWS), s);
}

/** A figure resting on `n` rows (share, mean, quantile…). */
export function cellOf(value: number | null, n: number, s: Secrecy = {}): Cell {
	return cell(value, n, isSecret(n, SECRECY_MIN_ROWS), s);
}

/** part / whole in %, secret when `whole` rests on fewer than 11 rows or `part` on 1 to 10 (DESIGN.md §4.1). */
export function shareCell(part: number, whole: number, s: Secrecy = {}): Cell {
	return cell(whole ? (100 * part) / whole : null, whole, isSecret(whole, SECRECY_MIN_ROWS) || isSmall(part, SECRECY_MIN_ROWS), s);
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
	applySecondarySecrecy(cells, [{ totals: ['total'], members: counts.map((_, i) => String(i)) }], minRows);
	return counts.map((c, i) => isSecret(total, minRows) || cells.get(String(i))!.suppressed);
}

/** A count under a partition mask (the mask already holds its primary secrecy). */
export function maskedCount(n: number, masked: boolean, s: Secrecy = {}): Cell {
	return cell(n, n, masked, s);
}

/** A figure that follows a partition's mask (a rate or an amount of a masked part reveals it), secret also on its own rows. */
export function maskedCell(value: number | null, n: number, masked: boolean, s: Secrecy = {}): Cell {
	return masked ? cell(value, n, true, s) : cellOf(value, n, s);
}

/** part / whole in %, masked with the part (a share and its total reveal the count) or if whole is small. */
export function maskedShare(part: number, whole: number, masked: boolean, s: Secrecy = {}): Cell {
	return masked ? cell(whole ? (100 * part) / whole : null, whole, true, s) : shareCell(part, whole, s);
}
