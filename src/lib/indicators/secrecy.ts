/**
 * Statistical secrecy (DESIGN.md §4.1, domain.md §3.5).
 * Primary: a value resting on fewer than `minRows` unweighted rows (households, or requests for
 * request-based indicators) is never shown. 11 mirrors INSEE's 11-household rule for carroyage.
 * Secondary: a published total must not let a masked cell be derived by subtraction.
 */
export const SECRECY_MIN_ROWS = 11;

export function isSecret(unweightedRows: number, minRows = SECRECY_MIN_ROWS): boolean {
	return unweightedRows < minRows;
}

export interface SecrecyCell {
	n: number;
	/** Tie-break between cells of the same size (bigger denominator is kept). */
	denominator: number | null;
	suppressed: boolean;
}

/**
 * A published total and the cells that add up to it. Several totals mean a difference of totals
 * (e.g. département − group = the communes outside the group), published when all of them are.
 */
export interface Aggregate {
	totals: string[];
	members: string[];
}

/**
 * Masks cells until no aggregate has exactly one masked member: in each such aggregate, the smallest
 * other member (fewest rows, then smallest denominator, then code) is masked too (DESIGN.md §4.1).
 * When no member is left to mask, the last total is masked instead. Smaller aggregates go first: a cell
 * masked there often protects the larger ones too, so fewer cells are lost (an optimal choice is a hard
 * problem; this greedy order is enough at commune scale). Mutates `cells`; returns the keys masked. Only meaningful for additive cells (sums), where a subtraction reveals a value.
 */
export function applySecondarySecrecy(cells: Map<string, SecrecyCell>, aggregates: readonly Aggregate[]): string[] {
	const masked: string[] = [];
	const mask = (key: string) => {
		cells.get(key)!.suppressed = true;
		masked.push(key);
	};
	const ordered = [...aggregates].sort((a, b) => a.members.length - b.members.length);
	let changed = true;
	while (changed) {
		changed = false;
		for (const agg of ordered) {
			const totals = agg.totals.map((k) => cells.get(k));
			if (totals.some((t) => !t || t.suppressed)) continue;
			const members = agg.members.filter((k) => cells.has(k));
			const hidden = members.filter((k) => cells.get(k)!.suppressed);
			if (hidden.length !== 1) continue;
			const candidates = members
				.filter((k) => !cells.get(k)!.suppressed)
				.sort((a, b) => {
					const x = cells.get(a)!;
					const y = cells.get(b)!;
					return x.n - y.n || (x.denominator ?? 0) - (y.denominator ?? 0) || a.localeCompare(b);
				});
			mask(candidates[0] ?? agg.totals[agg.totals.length - 1]);
			changed = true;
		}
	}
	return masked;
}
