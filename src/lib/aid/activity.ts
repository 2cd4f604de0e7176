/**
 * Activity of the CCAS: requests and grants month by month, by aid type, form and referrer, the grant
 * rate, the distribution of amounts granted and of delays from request to decision. Requests count by
 * month of date_request (DESIGN.md §4.1); grant rate = granted / (granted + refused).
 */
import { AID_FORMS, AID_TYPES, REFERRERS } from '../data/schema.ts';
import { cellOf, countCell, maskedCell, maskedCount, maskedShare, partitionMask, quantile, shareCell, type Cell, type Secrecy } from './cell.ts';
import { groupBy, type AidRow } from './rows.ts';
import { QUANTILE_STEP, roundTo } from '../indicators/secrecy.ts';

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

/** `rows` with their value (`valueOf`): quantiles, mean and bands, each band a part of the rows. */
export function distribution(rows: readonly AidRow[], valueOf: (r: AidRow) => number, bounds: readonly number[], unit: string, s: Secrecy = {}): DistributionResult {
	const sorted = rows.map(valueOf).sort((a, b) => a - b);
	const bands: AidRow[][] = bounds.map(() => []);
	for (const r of rows) bands[bandOf(bounds, valueOf(r))].push(r);
	const mask = partitionMask(bands, s);
	// Quantiles as INSEE publishes them (rounded to 10 €; delays to the day): never one request's exact amount.
	const rounded = (v: number | null) => (v === null ? null : unit === '€' ? roundTo(v, QUANTILE_STEP.amount_granted) : Math.round(v));
	return {
		quantiles: QUANTILES.map((q) => ({ q, value: cellOf(rounded(quantile(sorted, q)), rows, s) })),
		mean: cellOf(sorted.length ? sorted.reduce((t, v) => t + v, 0) / sorted.length : null, rows, s),
		bands: bounds.map((_, i) => ({ band: bandLabel(bounds, i, unit), count: maskedCount(bands[i], mask[i], s), share: maskedShare(bands[i], rows, mask[i], s) }))
	};
}

const isGranted = (r: AidRow) => r.decision === 'granted';

/** Counts per key with partition secrecy on requests and on grants; rate and amount follow the grants' mask. */
function breakdown(rows: readonly AidRow[], keys: readonly string[], keyOf: (r: AidRow) => string, s: Secrecy): BreakdownRow[] {
	const by = groupBy(rows, keyOf);
	const subs = keys.map((k) => by.get(k) ?? []);
	const grants = subs.map((sub) => sub.filter(isGranted));
	const mr = partitionMask(subs, s);
	const mg = partitionMask(grants, s);
	return keys.map((key, i) => {
		const sub = subs[i];
		const g = grants[i];
		const decided = sub.filter((r) => r.decision !== 'postponed');
		return {
			key,
			requests: maskedCount(sub, mr[i], s),
			granted: maskedCount(g, mg[i], s),
			grantRate: maskedShare(g, decided, mg[i], s),
			amount: maskedCell(g.reduce((t, r) => t + r.amount_granted, 0), g, mg[i], s)
		};
	});
}

export function activity(rows: readonly AidRow[], s: Secrecy = {}): ActivityResult {
	const granted = rows.filter(isGranted);
	const refused = rows.filter((r) => r.decision === 'refused');
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
	const postponed = rows.filter((r) => r.decision !== 'granted' && r.decision !== 'refused');
	const md = partitionMask([granted, refused, postponed], s);
	return {
		requests: countCell(rows, s),
		granted: maskedCount(granted, md[0], s),
		refused: maskedCount(refused, md[1], s),
		postponed: maskedCount(postponed, md[2], s),
		// The rate and the requests would give the granted back: masked with them.
		grantRate: maskedShare(granted, [...granted, ...refused], md[0], s),
		amountGranted: cellOf(granted.reduce((t, r) => t + r.amount_granted, 0), granted, s),
		monthly,
		byType: breakdown(rows, AID_TYPES, (r) => r.aid_type, s),
		byForm: breakdown(rows, AID_FORMS, (r) => r.form, s),
		byReferrer: breakdown(rows, REFERRERS, (r) => r.referrer, s),
		amounts: distribution(granted, (r) => r.amount_granted, AMOUNT_BANDS, '€', s),
		delays: distribution(rows.filter((r) => r.delay !== null), (r) => r.delay!, DELAY_BANDS, 'j', s)
	};
}
