/**
 * Spending against each CCAS's yearly envelope (domain.md §10.2): the schemes of the registry that name
 * the commune and give an `envelope` parameter. Spending = amounts granted to the requests of that
 * scheme and commune, by month of date_request (the year of a request is that of date_request, DESIGN.md
 * §4.1). The month it would run out at the current pace: spending so far / months elapsed (up to the
 * last month with a request of the year), projected: the first month whose cumulative spending reaches the
 * envelope; the month it was reached if it already is.
 */
import { listSchemes } from '../rules/registry.ts';
import { paramValues } from '../rules/scheme-schema.ts';
import { cellOf, maskedCell, partitionMask, type Cell, type Secrecy } from './cell.ts';
import { groupBy, type AidRow } from './rows.ts';

export const NO_ENVELOPE = 'pas d’enveloppe connue';

export interface EnvelopeMonth {
	month: number;
	/** Granted in the month, secret when fewer than 11 grants. */
	spent: Cell;
	/** Granted since January, secret when fewer than 11 grants since January. */
	cumulative: Cell;
	/** Share of the envelope used by the end of the month, %, secret like cumulative. */
	used: Cell;
}

export interface EnvelopeYear {
	commune: string;
	scheme: string | null;
	year: number;
	/** Yearly envelope, €; null: pas d’enveloppe connue. */
	envelope: number | null;
	spent: Cell;
	months: EnvelopeMonth[];
	/** Months elapsed in the data for the year (1–12). */
	elapsed: number;
	/** 1–12: month the envelope runs (or ran) out at the current pace; null if it lasts the year or no envelope. */
	runOutMonth: number | null;
	/** True when spending already reached the envelope within the elapsed months. */
	exhausted: boolean;
}

/** Envelope of each commune named by a scheme: commune → { scheme id, € }. */
export function envelopes(): Map<string, { scheme: string; envelope: number }> {
	const out = new Map<string, { scheme: string; envelope: number }>();
	for (const s of listSchemes()) {
		if (!s.budget?.envelope) continue;
		const v = paramValues(s)[s.budget.envelope];
		if (typeof v !== 'number') continue;
		for (const c of s.communes.codes) out.set(c, { scheme: s.id, envelope: v });
	}
	return out;
}

/** Month (1–12) when `envelope` is reached at `spent / elapsed` per month; null if not within the year. */
export function runOutMonth(envelope: number, spent: number, elapsed: number): number | null {
	if (spent <= 0 || elapsed <= 0) return null;
	const m = Math.ceil((envelope * elapsed) / spent - 1e-9);
	return m <= 12 ? m : null;
}

export function envelopeYears(rows: readonly AidRow[], communes: readonly string[], known = envelopes(), s: Secrecy = {}): EnvelopeYear[] {
	const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
	const out: EnvelopeYear[] = [];
	const by = groupBy(rows, (r) => `${r.commune}:${r.year}`);
	for (const commune of communes) {
		const e = known.get(commune) ?? null;
		for (const year of years) {
			const mine = (by.get(`${commune}:${year}`) ?? []).filter((r) => !e || r.scheme === e.scheme);
			if (!mine.length) continue;
			const elapsed = Math.max(...mine.map((r) => Number(r.date_request.slice(5, 7))));
			const months: EnvelopeMonth[] = [];
			let cumulative = 0;
			let grants: AidRow[] = [];
			let reached: number | undefined;
			const byMonth = Array.from({ length: elapsed }, (_, k) => mine.filter((r) => r.decision === 'granted' && Number(r.date_request.slice(5, 7)) === k + 1));
			// Months ⊂ year: a month's spending is a part of the year's, masked with secondary secrecy; a running total
			// is shown before the first masked month or from the last one on, never between (two totals would
			// give a masked month back).
			const masked = partitionMask(byMonth, s);
			const first = masked.indexOf(true);
			const last = masked.lastIndexOf(true);
			for (let m = 1; m <= elapsed; m++) {
				const g = byMonth[m - 1];
				const spent = g.reduce((t, r) => t + r.amount_granted, 0);
				cumulative += spent;
				grants = [...grants, ...g];
				if (e && reached === undefined && cumulative >= e.envelope) reached = m;
				const between = first >= 0 && m - 1 >= first && m - 1 < last;
				months.push({
					month: m,
					spent: maskedCell(spent, g, masked[m - 1], s),
					cumulative: maskedCell(cumulative, grants, between, s),
					used: maskedCell(e ? (100 * cumulative) / e.envelope : null, grants, between, s)
				});
			}
			out.push({
				commune,
				scheme: e?.scheme ?? null,
				year,
				envelope: e?.envelope ?? null,
				spent: cellOf(cumulative, grants, s),
				months,
				elapsed,
				runOutMonth: !e ? null : (reached ?? runOutMonth(e.envelope, cumulative, elapsed)),
				exhausted: reached !== undefined
			});
		}
	}
	return out;
}
