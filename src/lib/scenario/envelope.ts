/**
 * The envelope through the year (research/engines.md §6(b)3): eligible demand arriving each month (request
 * months of population.ts), what is paid each month under the allocation, the month demand first exceeds the
 * envelope or the capacity, and who is left out; for the territory and for each commune, each with its own
 * envelope (envelope-rule.ts). The territory's budget and capacity are the sums of the communes', and its
 * exhausted month is the first month the territory's cumulative demand exceeds that sum: a commune may run out
 * earlier (its own exhausted_month in by_commune), the total says when the territory's money as a whole would.
 */
import type { EnvelopeRuleKind } from './envelope-rule.ts';
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

/** One commune of the territory against its own envelope. */
export interface CommuneEnvelopeRow {
	commune: string;
	/** The commune's name (its code when no name is known). */
	label: string;
	/** Weighted households of the commune (what `per_household` scales by). */
	households: number;
	/** €, set by the rule; null without envelope. */
	budget: number | null;
	capacity: number | null;
	/** Paid, €; served households (weighted, × take-up); eligible households (weighted) and their cost, €. */
	spent: number;
	beneficiaries: number;
	eligible: number;
	eligible_cost: number;
	/** Paid / budget, %. */
	consumed: number | null;
	/** Budget − paid, €. */
	remaining: number | null;
	/** 1–12: first month whose cumulative eligible demand of the commune exceeds its envelope or capacity. */
	exhausted_month: number | null;
	exhausted_month_label: string | null;
	/** Eligible households of the commune left unserved (weighted) and their cost, €. */
	left_out_households: number;
	left_out_cost: number;
	/** Unweighted rows (secrecy base, DESIGN.md §4.1): households, eligible, served, left out. */
	n: { households: number; eligible: number; beneficiaries: number; left_out: number };
}

export interface EnvelopeReport {
	/** Σ of the communes' budgets. */
	budget: number | null;
	/** Σ of the communes' capacities. */
	capacity: number | null;
	spent: number;
	/** Paid / budget, %. */
	consumed: number | null;
	/**
	 * 1–12: first month whose cumulative eligible demand of the territory exceeds the sum of the communes'
	 * envelopes, or whose demand in households exceeds the sum of their capacities; null if never.
	 */
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
	/** How each commune's envelope was set (envelope-rule.ts), in French, and what was used. */
	rule: EnvelopeRuleKind;
	rule_label: string;
	rule_note: string | null;
	/** per_household: the households the scheme's envelope is for, and where that figure comes from. */
	reference: { communes: string[]; households: number; source: string } | null;
	by_commune: CommuneEnvelopeRow[];
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
	// Per commune: demand (cents, households) by month, and rows eligible / served / left out, left-out cents.
	const G = pop.communes.length;
	const demandG = new Float64Array(G * 12);
	const demandHhG = new Float64Array(G * 12);
	const eligibleNG = new Int32Array(G);
	const servedNG = new Int32Array(G);
	const leftHhG = new Float64Array(G);
	const leftCentsG = new Float64Array(G);
	const eligibleRows = side.eligible_rows;
	for (let j = 0; j < eligibleRows.length; j++) {
		const i = eligibleRows[j];
		const m = pop.month[i];
		const g = pop.commune[i];
		demand[m] += cost[i] * w[i];
		demandHh[m] += w[i];
		demandN[m]++;
		demandG[g * 12 + m] += cost[i] * w[i];
		demandHhG[g * 12 + m] += w[i];
		eligibleNG[g]++;
		if (a.granted[i]) (spent[m] += cost[i] * w[i], spentN[m]++, servedNG[g]++);
		else {
			left.households += w[i];
			leftN.households++;
			left.cents += cost[i] * w[i];
			leftHhG[g] += w[i];
			leftCentsG[g] += cost[i] * w[i];
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
	const env = side.envelopes;
	const byGroup = a.by_group!;
	const by_commune = pop.communes.map((commune, g): CommuneEnvelopeRow => {
		const budget = env.budgets[g];
		const capacity = env.capacities[g];
		let exhaustedG: number | null = null;
		for (let m = 0, cdg = 0, chg = 0; m < 12 && exhaustedG === null; m++) {
			cdg += demandG[g * 12 + m];
			chg += demandHhG[g * 12 + m];
			if ((budget !== null && cdg > budget * 100 + 1e-6) || (capacity !== null && chg > capacity + 1e-9)) exhaustedG = m + 1;
		}
		const paid = Math.round(byGroup.spent[g] * 100) / 100;
		return {
			commune,
			label: commune,
			households: pop.commune_households[g],
			budget,
			capacity,
			spent: paid,
			beneficiaries: byGroup.beneficiaries[g],
			eligible: byGroup.eligible[g],
			eligible_cost: Math.round(byGroup.eligible_cost[g] * 100) / 100,
			consumed: budget ? Math.round((10000 * byGroup.spent[g]) / budget) / 100 : null,
			remaining: budget === null ? null : Math.round(budget * 100 - byGroup.spent[g] * 100) / 100,
			exhausted_month: exhaustedG,
			exhausted_month_label: exhaustedG === null ? null : MONTHS[exhaustedG - 1],
			left_out_households: leftHhG[g],
			left_out_cost: Math.round(leftCentsG[g]) / 100,
			n: { households: pop.commune_rows[g], eligible: eligibleNG[g], beneficiaries: servedNG[g], left_out: eligibleNG[g] - servedNG[g] }
		};
	});
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
		flow,
		rule: env.rule,
		rule_label: env.rule_label,
		rule_note: env.rule_note,
		reference: env.reference,
		by_commune
	};
}
