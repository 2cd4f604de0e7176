/**
 * Baseline vs scenario by group of households (commune, family type, activity with the working poor apart,
 * tenure, decile of niveau de vie), weighted. Statistical secrecy as for indicators (DESIGN.md §4.1): a row
 * resting on fewer than SECRECY_MIN_ROWS unweighted households is null with `suppressed: true`, and the
 * smallest other row is masked too when the published total would reveal it.
 */
import { applySecondarySecrecy, SECRECY_MIN_ROWS, type SecrecyCell } from '../indicators/secrecy.ts';
import { VALUE_LABELS, VARIABLES } from '../rules/variables.ts';
import type { Population } from './population.ts';
import type { Side } from './side.ts';

export interface SideCell {
	eligible: number;
	beneficiaries: number;
	cost: number;
}

export interface BreakdownRow {
	key: string;
	label: string;
	/** Unweighted households (the secrecy base). */
	n: number;
	suppressed: boolean;
	households: number | null;
	baseline: SideCell | null;
	scenario: SideCell | null;
	/** Households, weighted, by class (classes.ts). */
	gagnant: number | null;
	perdant: number | null;
	perdant_zero: number | null;
	/** Decile rows: bounds of niveau de vie, €/year per UC (null = open). */
	lower?: number | null;
	upper?: number | null;
}

export interface Breakdowns {
	by_commune: BreakdownRow[];
	by_family_type: BreakdownRow[];
	by_activity: BreakdownRow[];
	by_tenure: BreakdownRow[];
	by_decile: BreakdownRow[];
}

interface Grouping {
	/** Memo key of the group codes and of the data-only counts. */
	id: string;
	group: Int32Array;
	keys: string[];
	labels: string[];
	additive: boolean;
}

const FIELDS = 10;

/** Households (weighted) and rows per group: data only, memoised per population. */
const COUNTS = new WeakMap<Population, Map<string, { hh: Float64Array; n: Int32Array }>>();
function counts(pop: Population, g: Grouping) {
	let m = COUNTS.get(pop);
	if (!m) COUNTS.set(pop, (m = new Map()));
	let c = m.get(g.id);
	if (!c) {
		c = { hh: new Float64Array(g.keys.length), n: new Int32Array(g.keys.length) };
		const w = pop.cols.weight;
		for (let i = 0; i < pop.cols.n; i++) {
			const k = g.group[i];
			if (k < 0) continue;
			c.hh[k] += w[i];
			c.n[k]++;
		}
		m.set(g.id, c);
	}
	return c;
}

/**
 * Weighted sums per group: households, eligible / served / € on each side, winners, losers, losers to zero.
 * Only households eligible on one side at least can be anything but "nothing either way", so the per-move
 * loops run over those (a slider move re-runs this on up to a million households).
 */
function sums(pop: Population, base: Side, scen: Side, cls: Uint8Array, groupings: Grouping[]) {
	const bEl = base.result.eligible;
	const sEl = scen.result.eligible;
	const N = pop.cols.n;
	let m = 0;
	const active = new Int32Array(N);
	for (let i = 0; i < N; i++) if (bEl[i] | sEl[i]) active[m++] = i;
	const w = pop.cols.weight;
	const bGr = base.allocation.granted;
	const bW = base.weights;
	const bPaid = base.paid_cents;
	const sGr = scen.allocation.granted;
	const sW = scen.weights;
	const sPaid = scen.paid_cents;
	const sides: SideArrays = { w: pop.cols.weight, bEl, bGr, bW, bPaid, sEl, sGr, sW, sPaid, cls };
	return groupings.map((gr) => {
		const c = counts(pop, gr);
		const f = new Float64Array(gr.keys.length * FIELDS);
		for (let k = 0; k < gr.keys.length; k++) f[k * FIELDS] = c.hh[k];
		accumulate(f, gr.group, active, m, sides);
		return { f, n: c.n };
	});
}

interface SideArrays {
	w: Float64Array;
	bEl: Uint8Array;
	bGr: Uint8Array;
	bW: Float64Array;
	bPaid: Float64Array;
	sEl: Uint8Array;
	sGr: Uint8Array;
	sW: Float64Array;
	sPaid: Float64Array;
	cls: Uint8Array;
}

/** The hot loop, a top-level function with every array in a local (no closure context loads per row). */
function accumulate(f: Float64Array, group: Int32Array, active: Int32Array, m: number, a: SideArrays): void {
	const { w, bEl, bGr, bW, bPaid, sEl, sGr, sW, sPaid, cls } = a;
	for (let j = 0; j < m; j++) {
		const i = active[j];
		const g = group[i];
		if (g < 0) continue;
		const o = g * FIELDS;
		const wi = w[i];
		if (bEl[i]) f[o + 1] += wi;
		if (bGr[i]) {
			f[o + 2] += bW[i];
			f[o + 3] += bPaid[i] * bW[i];
		}
		if (sEl[i]) f[o + 4] += wi;
		if (sGr[i]) {
			f[o + 5] += sW[i];
			f[o + 6] += sPaid[i] * sW[i];
		}
		const cl = cls[i];
		if (cl === 0) f[o + 7] += wi;
		else if (cl === 1) f[o + 8] += wi;
		else if (cl === 4) f[o + 9] += wi;
	}
}

/** Rows of one grouping from its sums, secrecy applied. */
function rows(pop: Population, g: Grouping, f: Float64Array, n: Int32Array, minRows: number): BreakdownRow[] {
	const { keys, labels, additive } = g;
	const cells = new Map<string, SecrecyCell>();
	keys.forEach((k, i) => cells.set(k, { n: n[i], denominator: f[i * FIELDS], suppressed: n[i] < minRows }));
	if (additive) {
		cells.set('__total', { n: pop.cols.n, denominator: pop.households, suppressed: false });
		// An empty group reveals nothing by subtraction: it is left out of the aggregate.
		applySecondarySecrecy(cells, [{ totals: ['__total'], members: keys.filter((_, i) => n[i] > 0) }]);
	}
	return keys.map((key, k) => {
		const o = k * FIELDS;
		const hidden = cells.get(key)!.suppressed;
		const v = (x: number) => (hidden ? null : x);
		return {
			key,
			label: labels[k],
			n: n[k],
			suppressed: hidden,
			households: v(f[o]),
			baseline: hidden ? null : { eligible: f[o + 1], beneficiaries: f[o + 2], cost: Math.round(f[o + 3]) / 100 },
			scenario: hidden ? null : { eligible: f[o + 4], beneficiaries: f[o + 5], cost: Math.round(f[o + 6]) / 100 },
			gagnant: v(f[o + 7]),
			perdant: v(f[o + 8]),
			perdant_zero: v(f[o + 9])
		};
	});
}

/** Group codes per household depend on the data only: built once per population. */
const GROUPS = new WeakMap<Population, Map<string, Int32Array>>();
function groupOf(pop: Population, key: string, make: () => Int32Array): Int32Array {
	let m = GROUPS.get(pop);
	if (!m) GROUPS.set(pop, (m = new Map()));
	let g = m.get(key);
	if (!g) m.set(key, (g = make()));
	return g;
}

function codes(src: ArrayLike<number>, map: (x: number) => number): Int32Array {
	const out = new Int32Array(src.length);
	for (let i = 0; i < out.length; i++) out[i] = map(src[i]);
	return out;
}

const byEnum = (pop: Population, column: 'family_type' | 'activity_ref' | 'tenure') => {
	const values = VARIABLES[column].values!;
	return { id: column, group: groupOf(pop, column, () => codes(pop.cols.enums[column], (x) => x)), keys: [...values], labels: values.map((x) => VALUE_LABELS[x] ?? x) };
};

export function breakdowns(pop: Population, base: Side, scen: Side, cls: Uint8Array, minRows = SECRECY_MIN_ROWS, communeNames: Record<string, string> = {}): Breakdowns {
	const decKeys = [...Array.from({ length: 10 }, (_, k) => `D${k + 1}`), 'negatif'];
	const decLabels = [...Array.from({ length: 10 }, (_, k) => `${k + 1}e dixième`), 'revenu disponible négatif (hors distribution)'];
	const groupings: Grouping[] = [
		{ id: 'commune', group: groupOf(pop, 'commune', () => codes(pop.commune, (x) => x)), keys: pop.communes, labels: pop.communes.map((c) => communeNames[c] ?? c), additive: true },
		{ ...byEnum(pop, 'family_type'), additive: true },
		{ ...byEnum(pop, 'activity_ref'), additive: true },
		// The working poor overlap the activity rows: their own row, outside the additive set.
		{
			id: 'working_poor',
			group: groupOf(pop, 'working_poor', () => codes(pop.working_poor, (x) => (x ? 0 : -1))),
			keys: ['working_poor'],
			labels: ['dont travailleurs pauvres (ménage pauvre, au moins un actif occupé)'],
			additive: false
		},
		{ ...byEnum(pop, 'tenure'), additive: true },
		{ id: 'decile', group: groupOf(pop, 'decile', () => codes(pop.decile, (d) => (d === 255 ? 10 : d))), keys: decKeys, labels: decLabels, additive: true }
	];
	const t = sums(pop, base, scen, cls, groupings);
	const out = groupings.map((g, k) => rows(pop, g, t[k].f, t[k].n, minRows));
	const b = pop.decile_bounds;
	const byDecile = out[5].map((r, k) => ({ ...r, lower: k === 0 || k === 10 ? null : (b[k - 1] ?? null), upper: k >= 9 ? null : (b[k] ?? null) }));
	return {
		by_commune: out[0],
		by_family_type: out[1],
		by_activity: [...out[2], ...out[3]],
		by_tenure: out[4],
		by_decile: byDecile.filter((r) => r.key !== 'negatif' || r.n > 0)
	};
}
