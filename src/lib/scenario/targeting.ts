/**
 * Targeting of one side: does the aid reach poor households? (issue 6: the status-vs-RAV question of the
 * seeds). Poor = niveau de vie strictly under the threshold of the year (DESIGN.md §3, §4.1); households with a
 * negative disposable income are in neither group, as Filosofi leaves them out.
 */
import type { Population } from './population.ts';
import type { Side } from './side.ts';

export interface Targeting {
	/** Share of spending paid to poor households, %. */
	spending_to_poor: number | null;
	/** Served poor households / poor households, %. */
	coverage_poor: number | null;
	/** Served working-poor households / working-poor households, %. */
	coverage_working_poor: number | null;
	/** Exclusion error: poor households left without aid (weighted) and their share of poor households, %. */
	exclusion: { households: number; share: number | null };
	/** Inclusion error: served households at or above the poverty line, their share of beneficiaries (%), and the € they get. */
	inclusion: { households: number; share: number | null; amount: number };
	poor_households: number;
	working_poor_households: number;
	/** Unweighted rows behind the figures (secrecy base, DESIGN.md §4.1; publish.ts). */
	n: { poor: number; working_poor: number; served_poor: number; served_above: number; served_working_poor: number };
}

/** %, rounded to 0.01. */
const pct = (a: number, b: number) => (b > 0 ? Math.round((10000 * a) / b) / 100 : null);

/** Poor and working-poor households (weighted): data only, once per population. */
const POOR = new WeakMap<Population, { poor: number; wp: number; poorN: number; wpN: number }>();
function poorTotals(pop: Population) {
	let t = POOR.get(pop);
	if (!t) {
		const w = pop.cols.weight;
		t = { poor: 0, wp: 0, poorN: 0, wpN: 0 };
		for (let i = 0; i < pop.cols.n; i++) {
			if (pop.poor[i] === 1) (t.poor += w[i], t.poorN++);
			if (pop.working_poor[i]) (t.wp += w[i], t.wpN++);
		}
		POOR.set(pop, t);
	}
	return t;
}

export function targeting(pop: Population, side: Side): Targeting {
	const g = side.allocation.granted;
	const { poor, wp, poorN, wpN } = poorTotals(pop);
	const n = { poor: poorN, working_poor: wpN, served_poor: 0, served_above: 0, served_working_poor: 0 };
	let poorServed = 0;
	let wpServed = 0;
	let served = 0;
	let above = 0;
	let aboveCents = 0;
	let paid = 0;
	let paidPoor = 0;
	// Only eligible households can be served: the loop runs over them, in row order.
	const rows = side.eligible_rows;
	for (let j = 0; j < rows.length; j++) {
		const i = rows[j];
		const isPoor = pop.poor[i] === 1;
		if (!g[i]) continue;
		// Coverage counts households (served ones: take-up weight), spending counts €.
		const sw = side.weights[i];
		const cents = side.paid_cents[i] * sw;
		served += sw;
		paid += cents;
		if (isPoor) (poorServed += sw, (paidPoor += cents), n.served_poor++);
		if (pop.working_poor[i]) (wpServed += sw, n.served_working_poor++);
		if (pop.poor[i] === 0) (above += sw, (aboveCents += cents), n.served_above++);
	}
	return {
		spending_to_poor: pct(paidPoor, paid),
		coverage_poor: pct(poorServed, poor),
		coverage_working_poor: pct(wpServed, wp),
		exclusion: { households: poor - poorServed, share: pct(poor - poorServed, poor) },
		inclusion: { households: above, share: pct(above, served), amount: Math.round(aboveCents) / 100 },
		poor_households: poor,
		working_poor_households: wp,
		n
	};
}
