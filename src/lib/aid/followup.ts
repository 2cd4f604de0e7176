/**
 * Follow-up of granted aids: renewal ranks (first grant, renewals and their amounts: some schemes renew
 * at −50 %), households helped several times, situation six months later by profile, aid type and amount
 * band, and cohorts by quarter of first grant (renewal_rank 0). Outcome shares rest on the granted
 * requests whose outcome is known (`unknown` left out), secret under 11. Counts of one breakdown
 * (ranks, households helped n times) get secondary secrecy (cell.ts partitionMask).
 */
import { AID_TYPES, FAMILY_TYPES } from '../data/schema.ts';
import { AMOUNT_BANDS, bandLabel, bandOf } from './activity.ts';
import { countCell, maskedCell, maskedCount, partitionMask, shareCell, type Cell, type Secrecy } from './cell.ts';
import type { AidRow } from './rows.ts';

export const KNOWN_OUTCOMES = ['stabilised', 'unchanged', 'degraded'] as const;

export interface OutcomeRow {
	group: string;
	category: string;
	granted: Cell;
	/** Granted requests with a known outcome: the shares' denominator. */
	known: Cell;
	stabilised: Cell;
	unchanged: Cell;
	degraded: Cell;
}

export interface RankRow {
	rank: string;
	granted: Cell;
	meanAmount: Cell;
}

export interface FollowupResult {
	ranks: RankRow[];
	/** Households (linked by household_id and commune) by number of aids granted over the period. */
	helped: { times: string; households: Cell }[];
	outcomes: OutcomeRow[];
	cohorts: OutcomeRow[];
}

function outcomeRow(group: string, category: string, rows: readonly AidRow[], s: Secrecy): OutcomeRow {
	const known = rows.filter((r) => r.outcome_6m !== 'unknown');
	// Shares rest on their denominator (DESIGN.md §4.1): secret when fewer than 11 known outcomes.
	const [stabilised, unchanged, degraded] = KNOWN_OUTCOMES.map((o) => shareCell(known.filter((r) => r.outcome_6m === o), known, s));
	return { group, category, granted: countCell(rows, s), known: countCell(known, s), stabilised, unchanged, degraded };
}

export function quarterOf(date: string): string {
	return `${date.slice(0, 4)}-T${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function followup(rows: readonly AidRow[], s: Secrecy = {}): FollowupResult {
	const granted = rows.filter((r) => r.decision === 'granted');
	const rankSubs = [0, 1, 2, 3].map((k) => granted.filter((r) => (k === 3 ? r.renewal_rank >= 3 : r.renewal_rank === k)));
	const rankMask = partitionMask(rankSubs, s);
	const ranks = rankSubs.map((sub, k) => ({
		rank: ['premier accord', '1er renouvellement', '2e renouvellement', '3e renouvellement et plus'][k],
		granted: maskedCount(sub, rankMask[k], s),
		meanAmount: maskedCell(sub.length ? sub.reduce((t, r) => t + r.amount_granted, 0) / sub.length : null, sub, rankMask[k], s)
	}));
	const perHousehold = new Map<string, AidRow[]>();
	for (const r of granted) {
		if (!r.household_id) continue;
		const k = `${r.commune}:${r.household_id}`;
		perHousehold.set(k, [...(perHousehold.get(k) ?? []), r]);
	}
	// Households helped 1, 2, 3+ times: counted in households, each represented (for a selection's rule) by one
	// of its requests, so that a commune's part is its households.
	const times = [...perHousehold.values()];
	const helpedParts = [times.filter((t) => t.length === 1), times.filter((t) => t.length === 2), times.filter((t) => t.length >= 3)].map((hs) => hs.map((h) => h[0]));
	const helpedMask = partitionMask(helpedParts, s);
	const helped = ['1 fois', '2 fois', '3 fois ou plus'].map((label, i) => ({ times: label, households: maskedCount(helpedParts[i], helpedMask[i], s) }));
	const linked = granted.filter((r) => r.profile);
	const row = (group: string, category: string, sub: readonly AidRow[]) => outcomeRow(group, category, sub, s);
	const outcomes: OutcomeRow[] = [
		row('ensemble', 'toutes les aides accordées', granted),
		row('travailleur pauvre', 'oui', linked.filter((r) => r.profile!.working_poor === true)),
		row('travailleur pauvre', 'non', linked.filter((r) => r.profile!.working_poor === false)),
		...FAMILY_TYPES.map((t) => row('type de ménage', t, linked.filter((r) => r.profile!.family_type === t))),
		...AID_TYPES.map((t) => row('type d’aide', t, granted.filter((r) => r.aid_type === t))),
		...AMOUNT_BANDS.map((_, i) =>
			row('montant accordé', bandLabel(AMOUNT_BANDS, i, '€'), granted.filter((r) => bandOf(AMOUNT_BANDS, r.amount_granted) === i))
		)
	];
	const firsts = granted.filter((r) => r.renewal_rank === 0);
	const quarters = [...new Set(firsts.map((r) => quarterOf(r.date_request)))].sort();
	const byQuarter = new Map<string, AidRow[]>(quarters.map((q) => [q, []]));
	for (const r of firsts) byQuarter.get(quarterOf(r.date_request))!.push(r);
	const cohorts = quarters.map((q) => row('cohorte du premier accord', q, byQuarter.get(q)!));
	return { ranks, helped, outcomes, cohorts };
}
