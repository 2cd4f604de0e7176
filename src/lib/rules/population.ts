/**
 * Population evaluator: the same scheme definition run over columns (columns.ts) for a million households.
 *
 * Why typed arrays in JS rather than SQL generated for DuckDB: the rounding to the cent, the need/cap/band
 * arithmetic and the operators are then written once in one language and shared with explain (cents.ts,
 * amount.ts, reste-a-vivre.ts expressions); the arrays are fetched from DuckDB once and every simulator move
 * re-runs in a few milliseconds in the browser without a round trip; and keeping one pass/fail Uint8Array per
 * condition is free, so reasons survive at population scale. Each condition is one tight loop over arrays.
 */
import { RESOURCE_COLUMNS } from '../data/schema.ts';
import { amountCents, amountPlan } from './amount.ts';
import { roundHalfAway, toCents } from './cents.ts';
import type { Columns } from './columns.ts';
import { paramValues, type Condition, type Scheme } from './scheme-schema.ts';
import { VARIABLES, type EnumColumn, type NumberColumn } from './variables.ts';

export interface PopulationResult {
	scheme: string;
	n: number;
	eligible: Uint8Array;
	/** Amount of the grant, cents (0 when not eligible). */
	amount_cents: Float64Array;
	/** Shared with the per-Columns memo: read it, do not write to it. */
	rav_monthly_cents: Float64Array;
	/** In the scheme's unit (€ per person/UC/part per day or month), cents. */
	rav_per_unit_cents: Float64Array;
	/** One pass/fail column per condition id (groups included), in definition order. */
	conditions: Record<string, Uint8Array>;
	condition_ids: string[];
}

export interface PopulationOptions {
	renewal_rank?: number;
}

export function evaluatePopulation(scheme: Scheme, cols: Columns, opts: PopulationOptions = {}): PopulationResult {
	const n = cols.n;
	const p = paramValues(scheme);
	const days = p[scheme.rav.days_per_month];
	const rank = opts.renewal_rank ?? 0;
	const spec = scheme.rav;
	const a14 = cols.num.persons_14_plus;
	const u14 = cols.num.persons_under_14;

	// Data-only columns (divisor units, kept sums, cents of a money column, niveau de vie) depend on the
	// households and the scheme's lists, never on a threshold: memoised per Columns (see memo()).
	const d = spec.divisor;
	const units = memo(cols, `units:${JSON.stringify(d)}`, () => {
		// Same expressions as reste-a-vivre.ts divisorUnits (and measures consumptionUnits).
		const out = new Float64Array(n);
		if (d.kind === 'persons') for (let i = 0; i < n; i++) out[i] = a14[i] + u14[i];
		else if (d.kind === 'uc') for (let i = 0; i < n; i++) out[i] = 1 + 0.5 * (a14[i] - 1) + 0.3 * u14[i];
		else {
			const sp = VARIABLES.family_type.values!.indexOf('single_parent');
			const ft = cols.enums.family_type;
			for (let i = 0; i < n; i++) out[i] = d.first + d.other_14_plus * (a14[i] - 1) + d.under_14 * u14[i] + (ft[i] === sp ? d.single_parent_bonus : 0);
		}
		return out;
	});
	// Kept resources and charges summed in the scheme's order as explain does, each rounded to the cent.
	const monthly = memo(cols, `monthly:${spec.resources.join('+')}|${spec.charges.join('+')}|${spec.housing_aid}`, () => {
		const res = centsOfSum(cols, spec.resources, null);
		const ch = centsOfSum(cols, spec.charges, spec.housing_aid === 'residual_rent' ? cols.num.benefit_housing : null);
		const out = new Float64Array(n);
		for (let i = 0; i < n; i++) out[i] = res[i] - ch[i];
		return out;
	});
	// Per-unit RAV, rounded to the cent: depends on the days-per-month parameter, so computed every time.
	const perUnit = new Float64Array(n);
	const div = spec.period === 'day' ? days : 1;
	for (let i = 0; i < n; i++) perUnit[i] = roundHalfAway(monthly[i] / (units[i] * div));

	/** A numeric variable as a column; money in cents. */
	const numeric = (name: string): Float64Array => {
		if (name === 'rav_per_unit') return perUnit;
		if (name === 'rav_monthly') return monthly;
		return memo(cols, `var:${name}`, () => {
			const out = new Float64Array(n);
			if (name === 'persons') for (let i = 0; i < n; i++) out[i] = a14[i] + u14[i];
			else if (name === 'uc') for (let i = 0; i < n; i++) out[i] = 1 + 0.5 * (a14[i] - 1) + 0.3 * u14[i];
			else if (name === 'living_standard_monthly') {
				// Same order and rounding as reste-a-vivre.ts livingStandardMonthlyCents.
				const all = centsOfSum(cols, RESOURCE_COLUMNS, null);
				const tax = cols.num.charge_tax;
				for (let i = 0; i < n; i++) out[i] = roundHalfAway((all[i] - toCents(tax[i])) / (1 + 0.5 * (a14[i] - 1) + 0.3 * u14[i]));
			} else {
				const col = cols.num[name as NumberColumn];
				if (!VARIABLES[name].money) return col;
				for (let i = 0; i < n; i++) out[i] = toCents(col[i]);
			}
			return out;
		});
	};

	const conditions: Record<string, Uint8Array> = {};
	const ids: string[] = [];
	const visit = (c: Condition): Uint8Array => {
		ids.push(c.id);
		const out = new Uint8Array(n);
		conditions[c.id] = out;
		if (c.kind === 'all' || c.kind === 'any') {
			const kids = c.of.map(visit);
			if (c.kind === 'all') {
				out.fill(1);
				for (const k of kids) for (let i = 0; i < n; i++) out[i] &= k[i];
			} else for (const k of kids) for (let i = 0; i < n; i++) out[i] |= k[i];
		} else if (c.kind === 'compare') {
			const v = numeric(c.variable);
			const raw = c.param !== undefined ? p[c.param] : c.value!;
			const t = VARIABLES[c.variable].money ? toCents(raw) : raw;
			// NaN (unknown) fails every operator, as in explain's compare().
			switch (c.op) {
				case '<':
					for (let i = 0; i < n; i++) out[i] = v[i] < t ? 1 : 0;
					break;
				case '<=':
					for (let i = 0; i < n; i++) out[i] = v[i] <= t ? 1 : 0;
					break;
				case '>':
					for (let i = 0; i < n; i++) out[i] = v[i] > t ? 1 : 0;
					break;
				case '>=':
					for (let i = 0; i < n; i++) out[i] = v[i] >= t ? 1 : 0;
					break;
				case '==':
					for (let i = 0; i < n; i++) out[i] = v[i] === t ? 1 : 0;
					break;
				case '!=':
					for (let i = 0; i < n; i++) out[i] = v[i] === v[i] && v[i] !== t ? 1 : 0;
					break;
			}
		} else if (c.kind === 'in') {
			const values = VARIABLES[c.variable].values!;
			const mask = new Uint8Array(values.length);
			for (const x of c.values) mask[values.indexOf(x)] = 1;
			const codes = cols.enums[c.variable as EnumColumn];
			for (let i = 0; i < n; i++) out[i] = mask[codes[i]];
		} else {
			const col = cols.bool[c.variable as keyof Columns['bool']];
			const want = c.value ? 1 : 0;
			for (let i = 0; i < n; i++) out[i] = col[i] === want ? 1 : 0;
		}
		return out;
	};
	const eligible = new Uint8Array(visit(scheme.conditions));

	// A renewal beyond those allowed is refused (same rule as explain).
	if (rank > 0 && scheme.duration.renewals) {
		const ok = rank <= p[scheme.duration.renewals] ? 1 : 0;
		conditions.renouvellement = new Uint8Array(n).fill(ok);
		ids.push('renouvellement');
		if (!ok) eligible.fill(0);
	}

	const plan = amountPlan(scheme, p);
	const amount = new Float64Array(n);
	const req = cols.amount_requested;
	for (let i = 0; i < n; i++) {
		if (!eligible[i]) continue;
		const r = req[i];
		amount[i] = amountCents(plan, perUnit[i], units[i], days, r === r ? toCents(r) : null, rank);
	}
	return { scheme: scheme.id, n, eligible, amount_cents: amount, rav_monthly_cents: monthly, rav_per_unit_cents: perUnit, conditions, condition_ids: ids };
}

/**
 * Columns derived from the data alone (no parameter), memoised per Columns object: a simulator moving a
 * threshold, or a second scheme with the same RAV lists, reuses them. Columns are immutable once built.
 */
const MEMO = new WeakMap<Columns, Map<string, Float64Array>>();
function memo(cols: Columns, key: string, compute: () => Float64Array): Float64Array {
	let byKey = MEMO.get(cols);
	if (!byKey) MEMO.set(cols, (byKey = new Map()));
	let hit = byKey.get(key);
	if (!hit) byKey.set(key, (hit = compute()));
	return hit;
}

/** Σ of the named columns (− minus), rounded to the cent, memoised. */
function centsOfSum(cols: Columns, names: readonly NumberColumn[], minus: Float64Array | null): Float64Array {
	return memo(cols, `sum:${names.join('+')}${minus ? '-benefit_housing' : ''}`, () => {
		const acc = sumColumns(names.map((c) => cols.num[c]), cols.n);
		if (minus) for (let i = 0; i < cols.n; i++) acc[i] -= minus[i];
		for (let i = 0; i < cols.n; i++) acc[i] = toCents(acc[i]);
		return acc;
	});
}

/**
 * Row sums of columns, left to right (the order explain adds them in, so the floats are identical), four
 * columns per pass: the sums are memory-bound and this halves the passes over the accumulator.
 */
function sumColumns(columns: Float64Array[], n: number): Float64Array {
	const acc = new Float64Array(n);
	let k = 0;
	for (; k + 3 < columns.length; k += 4) {
		const a = columns[k];
		const b = columns[k + 1];
		const c = columns[k + 2];
		const d = columns[k + 3];
		for (let i = 0; i < n; i++) acc[i] = acc[i] + a[i] + b[i] + c[i] + d[i];
	}
	for (; k < columns.length; k++) {
		const a = columns[k];
		for (let i = 0; i < n; i++) acc[i] += a[i];
	}
	return acc;
}

export interface Allocation {
	granted: Uint8Array;
	/** Weighted. */
	beneficiaries: number;
	/** € actually paid (weighted), after envelope and capacity. */
	spent: number;
	/** € the eligible households would cost (weighted), before envelope and capacity. */
	eligible_cost: number;
	eligible: number;
	envelope: number | null;
	capacity: number | null;
	/** Position (in priority order) of the first eligible household left unserved, null if none. */
	exhausted_at: number | null;
	/** Eligible households in the order they were served. */
	order: Int32Array;
}

/**
 * Applies the yearly envelope and capacity with the scheme's priority rule (DESIGN.md §5). Households are
 * served in priority order until the next one no longer fits; the rest are left unserved, as a commission
 * closing the envelope would. `requestOrder` gives the arrival order for `request_order` (default: row order).
 */
export function allocate(scheme: Scheme, r: PopulationResult, weights: Float64Array, requestOrder?: ArrayLike<number>): Allocation {
	const p = paramValues(scheme);
	const envelope = scheme.budget.envelope ? p[scheme.budget.envelope] : null;
	const capacity = scheme.budget.capacity ? p[scheme.budget.capacity] : null;
	const idx: number[] = [];
	if (requestOrder) {
		for (let k = 0; k < requestOrder.length; k++) if (r.eligible[requestOrder[k]]) idx.push(requestOrder[k]);
	} else for (let i = 0; i < r.n; i++) if (r.eligible[i]) idx.push(i);
	if (scheme.budget.priority === 'lowest_rav') {
		// Array.prototype.sort is stable: equal RAVs keep the arrival order.
		const rav = r.rav_per_unit_cents;
		idx.sort((x, y) => rav[x] - rav[y]);
	}
	const granted = new Uint8Array(r.n);
	let spentCents = 0;
	let count = 0;
	let eligibleCost = 0;
	let eligible = 0;
	let exhausted: number | null = null;
	for (let k = 0; k < idx.length; k++) {
		const i = idx[k];
		const w = weights[i];
		const cost = r.amount_cents[i] * w;
		eligibleCost += cost;
		eligible += w;
		if (exhausted !== null) continue;
		if ((envelope !== null && spentCents + cost > envelope * 100 + 1e-6) || (capacity !== null && count + w > capacity + 1e-9)) {
			exhausted = k;
			continue;
		}
		granted[i] = 1;
		spentCents += cost;
		count += w;
	}
	return {
		granted,
		beneficiaries: count,
		spent: spentCents / 100,
		eligible_cost: eligibleCost / 100,
		eligible,
		envelope,
		capacity,
		exhausted_at: exhausted,
		order: Int32Array.from(idx)
	};
}
