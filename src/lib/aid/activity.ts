/**
 * Activity of the CCAS: requests and grants month by month, by aid type, form and referrer, the grant
 * rate, the distribution of amounts granted and of delays from request to decision. Requests count by
 * month of date_request (DESIGN.md §4.1); grant rate = granted / (granted + refused).
 */
import { AID_FORMS, AID_TYPES, REFERRERS } from '../data/schema.ts';
import { cellOf, countCell, maskedCell, maskedCount, maskedShare, partitionMask, quantile, shareCell, type Cell, type Secrecy } from './cell.ts';
import type { AidRow } from './rows.ts';

export interface MonthRow {
	month: string;
	requests: Cell;
	granted: Cell;
	amount: Cell;
}

export interface BreakdownRow {
	key: string;
	requests: Cell;
	granted: Cell;
	grantRate: Cell;
	amount: Cell;
}

export interface DistributionResult {
	/** Quantiles asked (q) and their values, secret when fewer than 11 rows. */
	quantiles: { q: number; value: Cell }[];
	mean: Cell;
	bands: { band: string; count: Cell; share: Cell }[];
}

export interface ActivityResult {
	requests: Cell;
	granted: Cell;
	refused: Cell;
	postponed: Cell;
	grantRate: Cell;
	amountGranted: Cell;
	monthly: MonthRow[];
	byType: BreakdownRow[];
	byForm: BreakdownRow[];
	byReferrer: BreakdownRow[];
	amounts: DistributionResult;
	delays: DistributionResult;
}

export const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9];
/** Bands of amounts granted, € (lower bound included). */
export const AMOUNT_BANDS = [0, 100, 200, 300, 400, 600];
/** Bands of delays, days (lower bound included). */
export const DELAY_BANDS = [0, 8, 16, 31, 61];

export function bandLabel(bounds: readonly number[], i: number, unit: string): string {
	const lo = bounds[i];
	const hi = bounds[i + 1];
	return hi === undefined ? `≥ ${lo} ${unit}` : `${lo}–${hi - 1} ${unit}`;
}

export function bandOf(bounds: readonly number[], v: number): number {
	let i = 0;
	while (i + 1 < bounds.length && v >= bounds[i + 1]) i++;
	return i;
}

export function distribution(values: readonly number[], bounds: readonly number[], unit: string, s: Secrecy = {}): DistributionResult {
	const sorted = [...values].sort((a, b) => a - b);
	const n = sorted.length;
	const counts = bounds.map(() => 0);
	for (const v of sorted) counts[bandOf(bounds, v)]++;
	const mask = partitionMask(counts);
	return {
		quantiles: QUANTILES.map((q) => ({ q, value: cellOf(quantile(sorted, q), n, s) })),
		mean: cellOf(n ? sorted.reduce((t, v) => t + v, 0) / n : null, n, s),
		bands: bounds.map((_, i) => ({ band: bandLabel(bounds, i, unit), count: maskedCount(counts[i], mask[i], s), share: maskedShare(counts[i], n, mask[i], s) }))
	};
}

const isGranted = (r: AidRow) => r.decision === 'granted';

function groupBy<K>(rows: readonly AidRow[], keyOf: (r: AidRow) => K): Map<K, AidRow[]> {
	const out = new Map<K, AidRow[]>();
	for (const r of rows) {
		const k = keyOf(r);
		const list = out.get(k);
		if (list) list.push(r);
		else out.set(k, [r]);
	}
	return out;
}

/** Counts per key with partition secrecy on requests and on grants; rate and amount follow the grants' mask. */
function breakdown(rows: readonly AidRow[], keys: readonly string[], keyOf: (r: AidRow) => string, s: Secrecy): BreakdownRow[] {
	const by = groupBy(rows, keyOf);
	const subs = keys.map((k) => by.get(k) ?? []);
	const grants = subs.map((sub) => sub.filter(isGranted));
	const mr = partitionMask(subs.map((s) => s.length));
	const mg = partitionMask(grants.map((g) => g.length));
	return keys.map((key, i) => {
		const sub = subs[i];
		const g = grants[i];
		const decided = sub.filter((r) => r.decision !== 'postponed').length;
		return {
			key,
			requests: maskedCount(sub.length, mr[i], s),
			granted: maskedCount(g.length, mg[i], s),
			grantRate: maskedShare(g.length, decided, mg[i], s),
			amount: maskedCell(g.reduce((t, r) => t + r.amount_granted, 0), g.length, mg[i], s)
		};
	});
}

export function activity(rows: readonly AidRow[], s: Secrecy = {}): ActivityResult {
	const granted = rows.filter(isGranted);
	const refused = rows.filter((r) => r.decision === 'refused').length;
	const months = groupBy(rows, (r) => r.date_request.slice(0, 7));
	// Every month between the first and the last request, so that an empty month shows (as secret).
	const keys = [...months.keys()].sort();
	const all: string[] = [];
	if (keys.length) {
		let [y, m] = keys[0].split('-').map(Number);
		for (;;) {
			const k = `${y}-${String(m).padStart(2, '0')}`;
			all.push(k);
			if (k >= keys[keys.length - 1]) break;
			if (++m > 12) [y, m] = [y + 1, 1];
		}
	}
	const monthly = breakdown(rows, all, (r) => r.date_request.slice(0, 7), s).map((b) => ({
		month: b.key,
		requests: b.requests,
		granted: b.granted,
		amount: b.amount
	}));
	const md = partitionMask([granted.length, refused, rows.length - granted.length - refused]);
	return {
		requests: countCell(rows.length, s),
		granted: maskedCount(granted.length, md[0], s),
		refused: maskedCount(refused, md[1], s),
		postponed: maskedCount(rows.length - granted.length - refused, md[2], s),
		// The rate and the requests would give the granted back: masked with them.
		grantRate: maskedShare(granted.length, granted.length + refused, md[0], s),
		amountGranted: cellOf(granted.reduce((t, r) => t + r.amount_granted, 0), granted.length, s),
		monthly,
		byType: breakdown(rows, AID_TYPES, (r) => r.aid_type, s),
		byForm: breakdown(rows, AID_FORMS, (r) => r.form, s),
		byReferrer: breakdown(rows, REFERRERS, (r) => r.referrer, s),
		amounts: distribution(granted.map((r) => r.amount_granted), AMOUNT_BANDS, '€', s),
		delays: distribution(rows.filter((r) => r.delay !== null).map((r) => r.delay!), DELAY_BANDS, 'j', s)
	};
}
