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
	/** The scheme's divisor per household (persons, UC or parts). Shared with the memo: read-only. */
	units: Float64Array;
	/** One pass/fail column per condition id (groups included), in definition order. Leaves are shared with a memo: read-only. */
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
	const unitsKey = `units:${JSON.stringify(d)}`;
	const units = memo(cols, unitsKey, () => {
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
	const monthlyKey = `monthly:${spec.resources.join('+')}|${spec.charges.join('+')}|${spec.housing_aid}`;
	const monthly = memo(cols, monthlyKey, () => {
		const res = centsOfSum(cols, spec.resources, null);
		const ch = centsOfSum(cols, spec.charges, spec.housing_aid === 'residual_rent' ? cols.num.benefit_housing : null);
		const out = new Float64Array(n);
		for (let i = 0; i < n; i++) out[i] = res[i] - ch[i];
		return out;
	});
	// Per-unit RAV, rounded to the cent: data + the days-per-month parameter, memoised on both.
	const div = spec.period === 'day' ? days : 1;
	const perUnitKey = `perUnit:${unitsKey}|${monthlyKey}|${div}`;
	const perUnit = memo(cols, perUnitKey, () => {
		const out = new Float64Array(n);
		for (let i = 0; i < n; i++) out[i] = roundHalfAway(monthly[i] / (units[i] * div));
		return out;
	});
	/** Memo key of a numeric variable's column (what a leaf condition on it depends on). */
	const numericKey = (name: string) => (name === 'rav_per_unit' ? perUnitKey : name === 'rav_monthly' ? monthlyKey : `var:${name}`);

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
	/** Pass/fail column of a condition and the memo key saying what it depends on. */
	const visit = (c: Condition): { col: Uint8Array; key: string } => {
		ids.push(c.id);
		if (c.kind === 'all' || c.kind === 'any') {
			const kids = c.of.map(visit);
			if (!kids.length) return { col: (conditions[c.id] = new Uint8Array(n).fill(c.kind === 'all' ? 1 : 0)), key: `${c.kind}()` };
			// Folded left, each prefix memoised: moving the threshold of the last condition re-runs one pass.
			let acc = kids[0];
			for (let k = 1; k < kids.length; k++) {
				const prev = acc;
				const kid = kids[k];
				const key = `${c.kind}(${prev.key},${kid.key})`;
				acc = { key, col: leafMemo(cols, key, () => (c.kind === 'all' ? andOf : orOf)(prev.col, kid.col)) };
			}
			conditions[c.id] = acc.col;
			return acc;
		}
		// A leaf depends on the data and its threshold only: a slider moving another parameter reuses it.
		const threshold = c.kind === 'compare' ? (c.param !== undefined ? p[c.param] : c.value!) : null;
		const key = c.kind === 'compare' ? `${numericKey(c.variable)}${c.op}${threshold}` : `${c.kind}:${c.variable}:${JSON.stringify(c.kind === 'in' ? c.values : c.value)}`;
		return { key, col: (conditions[c.id] = leafMemo(cols, key, () => leaf(c, threshold))) };
	};
	const leaf = (c: Condition, raw: number | null): Uint8Array => {
		const out = new Uint8Array(n);
		if (c.kind === 'compare') {
			const v = numeric(c.variable);
			const t = VARIABLES[c.variable].money ? toCents(raw!) : raw!;
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
		} else if (c.kind === 'is') {
			const col = cols.bool[c.variable as keyof Columns['bool']];
			const want = c.value ? 1 : 0;
			for (let i = 0; i < n; i++) out[i] = col[i] === want ? 1 : 0;
		}
		return out;
	};
	const eligible = new Uint8Array(visit(scheme.conditions).col);

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
	return { scheme: scheme.id, n, eligible, amount_cents: amount, rav_monthly_cents: monthly, rav_per_unit_cents: perUnit, units, conditions, condition_ids: ids };
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

/**
 * Pass/fail columns of conditions per Columns, keyed by what they depend on (variable, operator, threshold;
 * for groups, their members' keys): the most recent LEAF_MEMO_SIZE are kept (a million households is 1 MB
 * each), so moving one slider re-runs one leaf and one pass per group above it. Shared by every result that
 * used them: read-only, as `conditions` says.
 */
const LEAF_MEMO_SIZE = 48;
const LEAVES = new WeakMap<Columns, Map<string, Uint8Array>>();
function leafMemo(cols: Columns, key: string, compute: () => Uint8Array): Uint8Array {
	let byKey = LEAVES.get(cols);
	if (!byKey) LEAVES.set(cols, (byKey = new Map()));
	let hit = byKey.get(key);
	if (hit) {
		// Most recently used last (Map keeps insertion order).
		byKey.delete(key);
		byKey.set(key, hit);
		return hit;
	}
	byKey.set(key, (hit = compute()));
	if (byKey.size > LEAF_MEMO_SIZE) byKey.delete(byKey.keys().next().value!);
	return hit;
}

function andOf(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length);
	for (let i = 0; i < out.length; i++) out[i] = a[i] & b[i];
	return out;
}
function orOf(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length);
	for (let i = 0; i < out.length; i++) out[i] = a[i] | b[i];
	return out;
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
	/** The envelope applied, € (with a split: the sum of the groups' envelopes; null when none has one). */
	envelope: number | null;
	/** The capacity applied, households (with a split: the sum of the groups'). */
	capacity: number | null;
	/** Position (in priority order) of the first eligible household left unserved, null if none. */
	exhausted_at: number | null;
	/** Eligible households in the order they were served. */
	order: Int32Array;
	/** Per group (one without a split): € paid, households served (weighted), eligible (weighted) and their cost, €. */
	by_group?: { spent: Float64Array; beneficiaries: Float64Array; eligible: Float64Array; eligible_cost: Float64Array };
}

/**
 * Envelopes and capacities per group of households (each CCAS with its own, scenario/envelope-rule.ts):
 * `group[i]` indexes `envelopes` and `capacities` (null: none).
 */
export interface AllocationSplit {
	group: ArrayLike<number>;
	envelopes: readonly (number | null)[];
	capacities: readonly (number | null)[];
}

/**
 * Applies the yearly envelope and capacity with the scheme's priority rule (DESIGN.md §5). Households are
 * served in priority order until the next one no longer fits; the rest are left unserved, as a commission
 * closing the envelope would. `requestOrder` gives the arrival order for `request_order` (default: row order).
 * With a `split`, each group is served against its own envelope and capacity (the scheme's are not used): the
 * priority order restricted to a group is that group's own order, so one pass serves every group at once.
 */
export function allocate(scheme: Scheme, r: PopulationResult, weights: Float64Array, requestOrder?: ArrayLike<number>, split?: AllocationSplit): Allocation {
	const p = paramValues(scheme);
	const envelope = scheme.budget.envelope ? p[scheme.budget.envelope] : null;
	const capacity = scheme.budget.capacity ? p[scheme.budget.capacity] : null;
	let m = 0;
	for (let i = 0; i < r.n; i++) m += r.eligible[i];
	let idx: Int32Array = new Int32Array(m);
	if (requestOrder) {
		for (let k = 0, j = 0; k < requestOrder.length; k++) if (r.eligible[requestOrder[k]]) idx[j++] = requestOrder[k];
	} else for (let i = 0, j = 0; i < r.n; i++) if (r.eligible[i]) idx[j++] = i;
	if (scheme.budget.priority === 'lowest_rav') idx = byLowestRav(idx, r.rav_per_unit_cents);
	// Without a split, the scheme's own envelope and capacity: one group holding every household.
	return allocateSplit(r, weights, idx, split ?? { group: new Uint8Array(r.n), envelopes: [envelope], capacities: [capacity] });
}

/** The pass of allocate: one envelope and capacity per group, served in priority order; totals summed in that order. */
function allocateSplit(r: PopulationResult, weights: Float64Array, idx: Int32Array, split: AllocationSplit): Allocation {
	const g = split.group;
	const k = split.envelopes.length;
	// Limits as numbers (Infinity: none), so the loop tests no null.
	const envCents = Float64Array.from(split.envelopes, (e) => (e === null ? Infinity : e * 100 + 1e-6));
	const cap = Float64Array.from(split.capacities, (c) => (c === null ? Infinity : c + 1e-9));
	const spentG = new Float64Array(k);
	const countG = new Float64Array(k);
	const eligibleG = new Float64Array(k);
	const costG = new Float64Array(k);
	const closed = new Uint8Array(k);
	const granted = new Uint8Array(r.n);
	let spentCents = 0;
	let count = 0;
	let eligibleCost = 0;
	let eligible = 0;
	let exhausted: number | null = null;
	for (let j = 0; j < idx.length; j++) {
		const i = idx[j];
		const c = g[i];
		const w = weights[i];
		const cost = r.amount_cents[i] * w;
		eligibleCost += cost;
		eligible += w;
		eligibleG[c] += w;
		costG[c] += cost;
		if (closed[c]) continue;
		if (spentG[c] + cost > envCents[c] || countG[c] + w > cap[c]) {
			closed[c] = 1;
			if (exhausted === null) exhausted = j;
			continue;
		}
		granted[i] = 1;
		spentG[c] += cost;
		countG[c] += w;
		spentCents += cost;
		count += w;
	}
	const sum = (xs: readonly (number | null)[]) => (xs.every((x) => x === null) ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0));
	for (let c = 0; c < k; c++) (spentG[c] /= 100, costG[c] /= 100);
	return {
		granted,
		beneficiaries: count,
		spent: spentCents / 100,
		eligible_cost: eligibleCost / 100,
		eligible,
		envelope: sum(split.envelopes),
		capacity: sum(split.capacities),
		exhausted_at: exhausted,
		order: idx,
		by_group: { spent: spentG, beneficiaries: countG, eligible: eligibleG, eligible_cost: costG }
	};
}

const ARRIVAL_BITS = 2 ** 22;

/**
 * Eligible rows by lowest RAV, equal RAVs in arrival order (a stable sort). RAVs are whole cents, so the key
 * RAV × 2²² + arrival rank orders both at once and the typed array sorts numerically without a comparator.
 */
function byLowestRav(idx: Int32Array, rav: Float64Array): Int32Array {
	const m = idx.length;
	let fits = m < ARRIVAL_BITS;
	for (let k = 0; k < m && fits; k++) fits = Math.abs(rav[idx[k]]) < 2 ** 30 && Number.isInteger(rav[idx[k]]);
	if (!fits) return Int32Array.from(Array.from(idx).sort((x, y) => rav[x] - rav[y]));
	const keys = new Float64Array(m);
	for (let k = 0; k < m; k++) keys[k] = rav[idx[k]] * ARRIVAL_BITS + k;
	keys.sort();
	const out = new Int32Array(m);
	for (let k = 0; k < m; k++) {
		const rank = keys[k] - Math.floor(keys[k] / ARRIVAL_BITS) * ARRIVAL_BITS;
		out[k] = idx[rank];
	}
	return out;
}
