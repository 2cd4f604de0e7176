/**
 * The envelope through the year (research/engines.md §6(b)3): eligible demand arriving each month (request
 * months of population.ts), what is paid each month under the allocation, the month demand first exceeds the
 * envelope or the capacity, and who is left out.
 */
import type { Population } from './population.ts';
import type { Side } from './side.ts';

export const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export interface MonthRow {
	/** 1–12. */
	month: number;
	label: string;
	/** Eligible households whose request arrives this month (weighted by take-up). */
	demand_households: number;
	/** Their unweighted rows (secrecy base, DESIGN.md §4.1). */
	demand_n: number;
	/** Their cost, €. */
	demand: number;
	/** Paid for requests of this month, €. */
	spent: number;
	/** Unweighted rows paid this month (secrecy base). */
	spent_n: number;
	cumulative_demand: number;
	cumulative_spent: number;
	/** Budget left at the end of the month, € (null without envelope). */
	remaining: number | null;
}

export interface EnvelopeReport {
	budget: number | null;
	capacity: number | null;
	spent: number;
	/** Paid / budget, %. */
	consumed: number | null;
	/** 1–12: first month whose cumulative eligible demand exceeds the envelope or the capacity; null if never. */
	exhausted_month: number | null;
	exhausted_month_label: string | null;
	priority: string;
	priority_source: string;
	by_month: MonthRow[];
	/** Eligible households left unserved by the envelope or capacity. */
	left_out: {
		households: number;
		cost: number;
		poor: number;
		working_poor: number;
		mean_rav_per_unit: number | null;
		/** Unweighted rows behind households, poor and working_poor (secrecy base, DESIGN.md §4.1). */
		n: { households: number; poor: number; working_poor: number };
	};
	/** How request months were obtained. */
	flow: { aid_requests: string[]; uniforme: string[] };
}

export function envelopeReport(pop: Population, side: Side): EnvelopeReport {
	const { allocation: a, result: r, cost_cents: cost, weights: w } = side;
	const demand = new Float64Array(12);
	const demandHh = new Float64Array(12);
	const demandN = new Int32Array(12);
	const spent = new Float64Array(12);
	const spentN = new Int32Array(12);
	const left = { households: 0, cents: 0, poor: 0, working_poor: 0, rav: 0 };
	const leftN = { households: 0, poor: 0, working_poor: 0 };
	const eligibleRows = side.eligible_rows;
	for (let j = 0; j < eligibleRows.length; j++) {
		const i = eligibleRows[j];
		const m = pop.month[i];
		demand[m] += cost[i] * w[i];
		demandHh[m] += w[i];
		demandN[m]++;
		if (a.granted[i]) (spent[m] += cost[i] * w[i], spentN[m]++);
		else {
			left.households += w[i];
			leftN.households++;
			left.cents += cost[i] * w[i];
			if (pop.poor[i] === 1) (left.poor += w[i], leftN.poor++);
			if (pop.working_poor[i]) (left.working_poor += w[i], leftN.working_poor++);
			left.rav += r.rav_per_unit_cents[i] * w[i];
		}
	}
	const rows: MonthRow[] = [];
	let cd = 0;
	let cs = 0;
	let ch = 0;
	let exhausted: number | null = null;
	for (let m = 0; m < 12; m++) {
		cd += demand[m];
		cs += spent[m];
		ch += demandHh[m];
		if (exhausted === null && ((a.envelope !== null && cd > a.envelope * 100 + 1e-6) || (a.capacity !== null && ch > a.capacity + 1e-9))) exhausted = m + 1;
		rows.push({
			month: m + 1,
			label: MONTHS[m],
			demand_households: demandHh[m],
			demand_n: demandN[m],
			demand: Math.round(demand[m]) / 100,
			spent: Math.round(spent[m]) / 100,
			spent_n: spentN[m],
			cumulative_demand: Math.round(cd) / 100,
			cumulative_spent: Math.round(cs) / 100,
			remaining: a.envelope === null ? null : Math.round(a.envelope * 100 - cs) / 100
		});
	}
	const flow = { aid_requests: [] as string[], uniforme: [] as string[] };
	for (const c of pop.communes) flow[pop.flow_source[c]].push(c);
	return {
		budget: a.envelope,
		capacity: a.capacity,
		spent: a.spent,
		consumed: a.envelope ? Math.round((10000 * a.spent) / a.envelope) / 100 : null,
		exhausted_month: exhausted,
		exhausted_month_label: exhausted === null ? null : MONTHS[exhausted - 1],
		priority: side.scheme.budget.priority,
		priority_source: side.scheme.budget.priority_source,
		by_month: rows,
		left_out: {
			households: left.households,
			cost: Math.round(left.cents) / 100,
			poor: left.poor,
			working_poor: left.working_poor,
			mean_rav_per_unit: left.households > 0 ? Math.round(left.rav / left.households) / 100 : null,
			n: leftN
		},
		flow
	};
}
