/**
 * One side of a scenario (baseline or scenario): the scheme evaluated over the population, the yearly cost of
 * each eligible household (first grant + expected renewals), then the envelope and capacity applied in the
 * scheme's priority order (allocate), households arriving in their request month, each commune against its own
 * envelope and capacity (envelope-rule.ts).
 */
import { roundHalfAway } from '../rules/cents.ts';
import { allocate, evaluatePopulation, type Allocation, type PopulationResult } from '../rules/population.ts';
import { paramValues, type Scheme } from '../rules/scheme-schema.ts';
import { communeEnvelopes, type CommuneEnvelopes, type EnvelopeRule } from './envelope-rule.ts';
import type { Population } from './population.ts';

export interface Side {
	scheme: Scheme;
	result: PopulationResult;
	allocation: Allocation;
	/** Yearly cost of the household if served, cents (first grant + renewal_share × renewals). */
	cost_cents: Float64Array;
	/** What the household is actually paid, cents (0 when not eligible or left out by the envelope). */
	paid_cents: Float64Array;
	/** Weights used for the allocation (weight × take-up). */
	weights: Float64Array;
	/** Rows eligible on this side, ascending: the per-move loops run over these, summing in row order. */
	eligible_rows: Int32Array;
	/** Envelope and capacity of each commune (pop.communes order) and the rule that set them. */
	envelopes: CommuneEnvelopes;
}

export interface SideOptions {
	renewal_share?: number;
	take_up?: number;
	/** How each commune's envelope is set (default: the scheme's envelope in each commune). */
	envelope_rule?: EnvelopeRule;
	/** The communes the scheme's envelope was voted for (per-household rule; default: the scheme's own). */
	own_communes?: readonly string[];
}

/** Request order: by month, then row (population.ts spreads requests over months). Data-only, memoised. */
const ORDER = new WeakMap<Population, Int32Array>();
export function requestOrder(pop: Population): Int32Array {
	let o = ORDER.get(pop);
	if (!o) {
		const idx = Array.from({ length: pop.cols.n }, (_, i) => i);
		idx.sort((a, b) => pop.month[a] - pop.month[b] || a - b);
		ORDER.set(pop, (o = Int32Array.from(idx)));
	}
	return o;
}

export function evaluateSide(pop: Population, scheme: Scheme, opts: SideOptions = {}): Side {
	const first = evaluatePopulation(scheme, pop.cols);
	const p = paramValues(scheme);
	const renewals = scheme.duration.renewals ? p[scheme.duration.renewals] : 0;
	const share = opts.renewal_share ?? 1;
	let cost = first.amount_cents;
	if (renewals > 0 && share > 0) {
		// Renewal k costs the first grant × (1 − degressivity)^k (amount.ts); evaluated by the engine itself.
		cost = new Float64Array(first.amount_cents);
		for (let k = 1; k <= renewals; k++) {
			const rk = evaluatePopulation(scheme, pop.cols, { renewal_rank: k });
			for (let i = 0; i < cost.length; i++) if (first.eligible[i]) cost[i] += roundHalfAway(share * rk.amount_cents[i]);
		}
	}
	const takeUp = opts.take_up ?? 1;
	let weights = pop.cols.weight;
	if (takeUp !== 1) {
		weights = new Float64Array(pop.cols.n);
		for (let i = 0; i < weights.length; i++) weights[i] = pop.cols.weight[i] * takeUp;
	}
	const result: PopulationResult = cost === first.amount_cents ? first : { ...first, amount_cents: cost };
	const envelopes = communeEnvelopes(pop, scheme, opts.envelope_rule, opts.own_communes);
	const allocation = allocate(scheme, result, weights, requestOrder(pop), { group: pop.commune, envelopes: envelopes.budgets, capacities: envelopes.capacities });
	const eligible_rows = rowsOf(first.eligible);
	const paid = new Float64Array(pop.cols.n);
	for (let j = 0; j < eligible_rows.length; j++) {
		const i = eligible_rows[j];
		if (allocation.granted[i]) paid[i] = cost[i];
	}
	return { scheme, result, allocation, cost_cents: cost, paid_cents: paid, weights, eligible_rows, envelopes };
}

/** Indices where `flags` is set, ascending. */
function rowsOf(flags: Uint8Array): Int32Array {
	let m = 0;
	for (let i = 0; i < flags.length; i++) m += flags[i];
	const out = new Int32Array(m);
	for (let i = 0, j = 0; i < flags.length; i++) if (flags[i]) out[j++] = i;
	return out;
}

/**
 * Rows eligible on either side, ascending (merge of two ascending lists), memoised per pair of sides: only
 * these can be paid on a side, every other household is "nothing either way".
 */
const UNION = new WeakMap<Side, WeakMap<Side, Int32Array>>();
export function eligibleOnEitherSide(base: Side, scen: Side): Int32Array {
	let byScen = UNION.get(base);
	if (!byScen) UNION.set(base, (byScen = new WeakMap()));
	let u = byScen.get(scen);
	if (!u) byScen.set(scen, (u = union(base.eligible_rows, scen.eligible_rows)));
	return u;
}

function union(a: Int32Array, b: Int32Array): Int32Array {
	const rows = new Int32Array(a.length + b.length);
	let i = 0;
	let j = 0;
	let m = 0;
	while (i < a.length && j < b.length) {
		const x = a[i];
		const y = b[j];
		if (x === y) (rows[m++] = x, i++, j++);
		else if (x < y) (rows[m++] = x, i++);
		else (rows[m++] = y, j++);
	}
	while (i < a.length) rows[m++] = a[i++];
	while (j < b.length) rows[m++] = b[j++];
	return rows.subarray(0, m);
}
