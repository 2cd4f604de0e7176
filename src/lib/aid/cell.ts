/**
 * A figure of the Aides page and its secrecy (DESIGN.md §4.1): a cell resting on fewer than 11
 * unweighted requests (or households) is `value: null, suppressed: true`, never 0, and its count is hidden too.
 * On synthetic data (`Secrecy.synthetic`) the same rule is computed but marks instead of hiding: the cell keeps
 * its value and count, `suppressed: false`, and `would_be_secret` says what real data would hide.
 */
import { applySecondarySecrecy, isSecret, isSmall, SECRECY_MIN_ROWS, type SecrecyCell } from '../indicators/secrecy.ts';
import { groupBy, type AidRow } from './rows.ts';

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
	/**
	 * A selection of several CCAS: whether some rows hold a commune's secret part (selectionSecrecy). A figure
	 * resting on such rows is secret from the start, before the partitions' secondary secrecy, so that one
	 * selection minus another never gives back what a commune hides on its own (DESIGN.md §4.1, « none »).
	 */
	small?: (rows: readonly AidRow[]) => boolean;
	/** Told of every figure's rows and whether it is hidden (selectionSecrecy reads each part's hidden figures). */
	record?: (rows: readonly AidRow[], hidden: boolean) => void;
}

/** A figure's rows: their count, or the rows themselves (then a selection's own rule applies too). */
export type Rows = number | readonly AidRow[];
const countOf = (r: Rows) => (typeof r === 'number' ? r : r.length);
const forcedBy = (r: Rows, s: Secrecy) => typeof r !== 'number' && !!s.small?.(r);
/** The cell, once decided, told to `s.record` with its rows. */
const noted = (c: Cell, r: Rows, s: Secrecy): Cell => {
	if (s.record && typeof r !== 'number') s.record(r, c.suppressed || !!c.would_be_secret);
	return c;
};

/** Rows of one part of a selection (a CCAS's year). */
const partOf = (r: AidRow) => `${r.commune}:${r.year}`;
/** Which rows: a sum of per-request hashes and a count, the same for the same rows in any order. */
function signature(rows: readonly AidRow[]): string {
	let h = 0;
	for (const r of rows) {
		let x = 0;
		const id = r.request_id;
		for (let i = 0; i < id.length; i++) x = (Math.imul(x, 31) + id.charCodeAt(i)) | 0;
		h = (h + (x >>> 0)) % 4503599627370496;
	}
	return `${rows.length}:${h}`;
}

/**
 * The rule of a selection of CCAS and years, whose parts are each CCAS's year (what the catalogue publishes per
 * commune and year). `hidden`: the figures each part hides on its own report (primary or secondary), as row
 * signatures (selectionHidden). Rows are forced secret where their share in one part is a figure that part hides,
 * or holds 1 to 10 rows; for the whole data, only where such parts are one, or hold 1 to 10 rows together (the
 * département's secondary secrecy). Then no selection minus another gives back what a part hides.
 */
export function selectionSecrecy(whole: boolean, hidden: ReadonlyMap<string, ReadonlySet<string>> = new Map(), minRows = SECRECY_MIN_ROWS): (rows: readonly AidRow[]) => boolean {
	return (rows) => {
		const by = groupBy(rows, partOf);
		// The parts that hide these rows' figure on their own, and their rows together.
		let hiders = 0;
		let mass = 0;
		for (const [k, part] of by)
			if (isSmall(part.length, minRows) || hidden.get(k)?.has(signature(part))) (hiders++, (mass += part.length));
		if (!hiders) return false;
		return whole ? hiders === 1 || isSmall(mass, minRows) : true;
	};
}

/** Runs `report` on each part of `rows` (a CCAS's year) and returns, per part, the signatures of what it hides. */
export function selectionHidden(rows: readonly AidRow[], report: (rows: readonly AidRow[], s: Secrecy) => unknown): Map<string, Set<string>> {
	const parts = groupBy(rows, partOf);
	const out = new Map<string, Set<string>>();
	if (parts.size < 2) return out;
	for (const [k, part] of parts) {
		const set = new Set<string>();
		report(part, { synthetic: true, record: (r, h) => void (h && r.length && set.add(signature(r))) });
		out.set(k, set);
	}
	return out;
}

export const SECRET: Cell = { value: null, n: null, suppressed: true };

/** The one place a figure meets the rule: `secret` decided by the caller (primary, or a partition's mask). */
function cell(value: number | null, n: number, secret: boolean, s: Secrecy): Cell {
	// Real data: exactly the shapes they always had (no would_be_secret key).
	if (!s.synthetic) return secret ? { ...SECRET } : { value, n, suppressed: false };
	return { value, n, suppressed: false, would_be_secret: secret };
}

/** A count: the figure is its own population. */
export function countCell(rows: Rows, s: Secrecy = {}): Cell {
	const n = countOf(rows);
	return noted(cell(n, n, isSecret(n, SECRECY_MIN_ROWS) || forcedBy(rows, s), s), rows, s);
}

/** A figure resting on `rows` (share, mean, quantile…). */
export function cellOf(value: number | null, rows: Rows, s: Secrecy = {}): Cell {
	const n = countOf(rows);
	return noted(cell(value, n, isSecret(n, SECRECY_MIN_ROWS) || forcedBy(rows, s), s), rows, s);
}

/** part / whole in %, secret when `whole` rests on fewer than 11 rows or `part` on 1 to 10 (DESIGN.md §4.1). */
export function shareCell(part: Rows, whole: Rows, s: Secrecy = {}): Cell {
	const [p, w] = [countOf(part), countOf(whole)];
	const secret = isSecret(w, SECRECY_MIN_ROWS) || isSmall(p, SECRECY_MIN_ROWS) || forcedBy(part, s) || forcedBy(whole, s);
	return noted(cell(w ? (100 * p) / w : null, w, secret, s), part, s);
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
export function partitionMask(parts: readonly Rows[], s: Secrecy = {}, minRows = SECRECY_MIN_ROWS): boolean[] {
	const cells = new Map<string, SecrecyCell>();
	const counts = parts.map(countOf);
	const total = counts.reduce((t, c) => t + c, 0);
	cells.set('total', { n: total, denominator: total, suppressed: isSecret(total, minRows) });
	// An empty category rests on 0 rows: secret too, as in runIndicators (never 0). A part a selection's rule
	// forces is secret before the secondary secrecy, which then hides enough others beside it.
	counts.forEach((c, i) => cells.set(String(i), { n: c, denominator: c, suppressed: isSecret(c, minRows) || forcedBy(parts[i], s) }));
	applySecondarySecrecy(cells, [{ totals: ['total'], members: counts.map((_, i) => String(i)) }], minRows);
	return counts.map((c, i) => isSecret(total, minRows) || cells.get(String(i))!.suppressed);
}

/** A count under a partition mask (the mask already holds its primary secrecy). */
export function maskedCount(rows: Rows, masked: boolean, s: Secrecy = {}): Cell {
	const n = countOf(rows);
	return noted(cell(n, n, masked, s), rows, s);
}

/** A figure that follows a partition's mask (a rate or an amount of a masked part reveals it), secret also on its own rows. */
export function maskedCell(value: number | null, rows: Rows, masked: boolean, s: Secrecy = {}): Cell {
	return masked ? noted(cell(value, countOf(rows), true, s), rows, s) : cellOf(value, rows, s);
}

/** part / whole in %, masked with the part (a share and its total reveal the count) or if whole is small. */
export function maskedShare(part: Rows, whole: Rows, masked: boolean, s: Secrecy = {}): Cell {
	const [p, w] = [countOf(part), countOf(whole)];
	return masked ? noted(cell(w ? (100 * p) / w : null, w, true, s), part, s) : shareCell(part, whole, s);
}
