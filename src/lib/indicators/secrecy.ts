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
	/** Unweighted rows counted by the numerator (rows where it is not 0), when it is a count of its own. */
	nNum?: number | null;
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

/** Rows below the threshold, 0 excepted (an empty cell reveals nothing): 1 to minRows − 1. */
export const isSmall = (n: number | null | undefined, minRows = SECRECY_MIN_ROWS): boolean => !!n && n > 0 && n < minRows;

/**
 * Masks cells until, in every aggregate whose totals are published, the masked members are not exactly one and
 * together rest on minRows rows or more (numerators too: 0 or ≥ minRows), so that a total minus its published
 * members never isolates fewer than minRows rows (DESIGN.md §4.1). In each aggregate that fails, the smallest
 * other member (fewest rows, then smallest denominator, then code) is masked too.
 * When no member is left to mask, the last total is masked instead. Smaller aggregates go first: a cell
 * masked there often protects the larger ones too, so fewer cells are lost (an optimal choice is a hard
 * problem; this greedy order is enough at commune scale). Mutates `cells`; returns the keys masked. Only
 * meaningful for additive cells (sums), where a subtraction reveals a value.
 */
export function applySecondarySecrecy(cells: Map<string, SecrecyCell>, aggregates: readonly Aggregate[], minRows = SECRECY_MIN_ROWS): string[] {
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
			if (!hidden.length) continue;
			const rows = hidden.reduce((a, k) => a + cells.get(k)!.n, 0);
			const counted = hidden.reduce((a, k) => a + (cells.get(k)!.nNum ?? 0), 0);
			if (hidden.length > 1 && !isSmall(rows, minRows) && !isSmall(counted, minRows)) continue;
			const candidates = members
				.filter((k) => !cells.get(k)!.suppressed)
				.sort((a, b) => {
					const x = cells.get(a)!;
					const y = cells.get(b)!;
					return x.n - y.n || (x.denominator ?? 0) - (y.denominator ?? 0) || a.localeCompare(b);
				});
			const next = candidates[0] ?? agg.totals[agg.totals.length - 1];
			// A relation without a total (a = b + c, all hidden) has nothing more to mask.
			if (next === undefined) continue;
			mask(next);
			changed = true;
		}
	}
	return masked;
}

/**
 * Rounding of a published quantile by the column it is taken from, so that no individual value is shown: INSEE
 * publishes Filosofi's medians and deciles rounded to 10 € (e.g. `cc_filosofi_2021_COM.csv`: 15 330, 7 490); a reste à
 * vivre per day is a smaller unit, rounded to 0.1 €; an aid amount to 10 € as a living standard.
 */
export const QUANTILE_STEP: Readonly<Record<string, number>> = {
	living_standard: 10,
	rav_person_day: 0.1,
	rav_uc_day: 0.1,
	amount_granted: 10
};

/** `v` rounded to `step` (10 € or 0.1 €), without binary noise (0.1 × 3 = 0.3, not 0.30000000000000004). */
export function roundTo(v: number, step: number): number {
	const inverse = 1 / step;
	return step >= 1 ? Math.round(v / step) * step : Math.round(v * inverse) / inverse;
}

/** Why a cell is secret: its own rows (primary), a total that would reveal another (secondary), a group that would. */
export type SecretReason = 'primary' | 'secondary' | 'group';

export function secretReason(r: SecretReason, minRows: number, rows: 'ménages' | 'demandes'): string {
	if (r === 'primary') return `moins de ${minRows} ${rows}`;
	if (r === 'secondary') return 'un total le révélerait (secret secondaire)';
	return 'contiendrait des communes sous le secret';
}
