/**
 * Baseline vs scenario by group of households (commune, family type, activity with the working poor apart,
 * tenure, decile of niveau de vie), weighted. Statistical secrecy as for indicators (DESIGN.md §4.1) is decided
 * here, where the unweighted counts are, and applied by publish.ts: a row resting on fewer than
 * SECRECY_MIN_ROWS unweighted households is `suppressed`, and the smallest other row too when the published total
 * would reveal it. Within a shown row, each figure resting on 1 to SECRECY_MIN_ROWS − 1 households (its
 * beneficiaries, eligible, winners…) is listed in `secret_cells`, and secondary secrecy runs down each column,
 * whose total the report shows. The values themselves stay in the raw report: publish() nulls them on real data
 * and shows them, marked, on synthetic data.
 */
import { applySecondarySecrecy, QUANTILE_STEP, roundTo, SECRECY_MIN_ROWS, type SecrecyCell } from '../indicators/secrecy.ts';
import { VALUE_LABELS, VARIABLES } from '../rules/variables.ts';
import type { Population } from './population.ts';
import { eligibleOnEitherSide, type Side } from './side.ts';

export interface SideCell {
	eligible: number;
	beneficiaries: number;
	cost: number;
}

/** The cells of a row that secrecy may hide, as paths in the row. */
export const ROW_CELLS = ['baseline.eligible', 'baseline.beneficiaries', 'baseline.cost', 'scenario.eligible', 'scenario.beneficiaries', 'scenario.cost', 'gagnant', 'perdant', 'perdant_zero'] as const;
export type RowCell = (typeof ROW_CELLS)[number];

export interface BreakdownRow {
	key: string;
	label: string;
	/** Unweighted households (the secrecy base). */
	n: number;
	/** The whole row is secret (publish.ts nulls it on real data). */
	suppressed: boolean;
	households: number;
	baseline: SideCell;
	scenario: SideCell;
	/** Households, weighted, by class (classes.ts). */
	gagnant: number;
	perdant: number;
	perdant_zero: number;
	/** Cells of a shown row resting on too few households, or masked by their column's total (publish.ts nulls them). */
	secret_cells: RowCell[];
	/** Unweighted rows of each cell of ROW_CELLS, in order (what a territory of communes sums: selection.ts). */
	cells_n: number[];
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
/** Unweighted counts per group, one per secret-able column (COLUMNS), for the secrecy of each cell. */
const COLUMNS = ['baseline_eligible', 'baseline_beneficiaries', 'scenario_eligible', 'scenario_beneficiaries', 'gagnant', 'perdant', 'perdant_zero'] as const;
type ColumnId = (typeof COLUMNS)[number];
const NC = COLUMNS.length;

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
	const active = eligibleOnEitherSide(base, scen);
	const m = active.length;
	const vals = gather(active, m, { w: pop.cols.weight, bEl: base.result.eligible, bGr: base.allocation.granted, bW: base.weights, bPaid: base.paid_cents, sEl: scen.result.eligible, sGr: scen.allocation.granted, sW: scen.weights, sPaid: scen.paid_cents, cls });
	const flags = flagsOf(active, m, base, scen, cls);
	return groupings.map((gr) => {
		const c = counts(pop, gr);
		const f = new Float64Array(gr.keys.length * FIELDS);
		for (let k = 0; k < gr.keys.length; k++) f[k * FIELDS] = c.hh[k];
		accumulate(f, gr.group, active, m, vals);
		const cn = new Int32Array(gr.keys.length * NC);
		for (let j = 0; j < m; j++) {
			const g = gr.group[active[j]];
			if (g < 0) continue;
			const b = flags[j];
			for (let k = 0; k < NC; k++) cn[g * NC + k] += (b >> k) & 1;
		}
		return { f, n: c.n, cn };
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

/** Values per active row, fields 1–9 of a group, gathered once: rows are scattered over a million, so
 * reading the ten side arrays once instead of once per grouping is what makes this fast (memory-bound). */
const PER_ROW = FIELDS - 1;
function gather(active: Int32Array, m: number, a: SideArrays): Float64Array {
	const { w, bEl, bGr, bW, bPaid, sEl, sGr, sW, sPaid, cls } = a;
	const v = new Float64Array(m * PER_ROW);
	for (let j = 0; j < m; j++) {
		const i = active[j];
		const o = j * PER_ROW;
		const wi = w[i];
		if (bEl[i]) v[o] = wi;
		if (bGr[i]) {
			v[o + 1] = bW[i];
			v[o + 2] = bPaid[i] * bW[i];
		}
		if (sEl[i]) v[o + 3] = wi;
		if (sGr[i]) {
			v[o + 4] = sW[i];
			v[o + 5] = sPaid[i] * sW[i];
		}
		const cl = cls[i];
		if (cl === 0) v[o + 6] = wi;
		else if (cl === 1) v[o + 7] = wi;
		else if (cl === 4) v[o + 8] = wi;
	}
	return v;
}

/** Per active row, one bit per column of COLUMNS (eligible / served on each side, class). */
function flagsOf(active: Int32Array, m: number, base: Side, scen: Side, cls: Uint8Array): Uint8Array {
	const out = new Uint8Array(m);
	const { eligible: bEl } = base.result;
	const { eligible: sEl } = scen.result;
	const bGr = base.allocation.granted;
	const sGr = scen.allocation.granted;
	for (let j = 0; j < m; j++) {
		const i = active[j];
		const cl = cls[i];
		out[j] = bEl[i] | (bGr[i] << 1) | (sEl[i] << 2) | (sGr[i] << 3) | (cl === 0 ? 16 : cl === 1 ? 32 : cl === 4 ? 64 : 0);
	}
	return out;
}

/** Adds the gathered values into each row's group (adding the zeros of absent fields changes no sum). */
function accumulate(f: Float64Array, group: Int32Array, active: Int32Array, m: number, v: Float64Array): void {
	for (let j = 0; j < m; j++) {
		const g = group[active[j]];
		if (g < 0) continue;
		const o = g * FIELDS;
		const p = j * PER_ROW;
		f[o + 1] += v[p];
		f[o + 2] += v[p + 1];
		f[o + 3] += v[p + 2];
		f[o + 4] += v[p + 3];
		f[o + 5] += v[p + 4];
		f[o + 6] += v[p + 5];
		f[o + 7] += v[p + 6];
		f[o + 8] += v[p + 7];
		f[o + 9] += v[p + 8];
	}
}

/** Rows of one grouping from its sums, secrecy applied to rows, then to each cell of the shown rows. */
function rows(pop: Population, g: Grouping, f: Float64Array, n: Int32Array, cn: Int32Array, minRows: number, forced?: ForcedCells & { at: string }): BreakdownRow[] {
	const { keys, labels, additive } = g;
	const cells = new Map<string, SecrecyCell>();
	const forcedRow = (k: string) => !!forced?.rows.has(`${forced.at}:${k}`);
	keys.forEach((k, i) => cells.set(k, { n: n[i], denominator: f[i * FIELDS], suppressed: n[i] < minRows || forcedRow(k) }));
	if (additive) {
		cells.set('__total', { n: pop.cols.n, denominator: pop.households, suppressed: false });
		// An empty group reveals nothing by subtraction: it is left out of the aggregate.
		applySecondarySecrecy(cells, [{ totals: ['__total'], members: keys.filter((_, i) => n[i] > 0) }], minRows);
	}
	const hiddenRow = keys.map((k) => cells.get(k)!.suppressed);
	const forcedCell = (k: string, c: number) => {
		const set = forced?.cells.get(`${forced.at}:${k}`);
		return !!set && [...set].some((cell) => columnOf(cell) === COLUMNS[c]);
	};
	const hidden = COLUMNS.map((_, c) => cellSecrecy(keys, n, keys.map((k, i) => hiddenRow[i] || forcedCell(k, c)), cn, c, additive, minRows));
	return keys.map((key, k) => {
		const o = k * FIELDS;
		const row = hiddenRow[k];
		const hid = (c: ColumnId) => !row && hidden[COLUMNS.indexOf(c)][k];
		const secret_cells = ROW_CELLS.filter((cell) => {
			const [side, what] = cell.split('.');
			return what === undefined ? hid(cell as ColumnId) : hid(`${side}_${what === 'cost' ? 'beneficiaries' : what}` as ColumnId);
		});
		const side = (at: number): SideCell => ({ eligible: f[o + at], beneficiaries: f[o + at + 1], cost: Math.round(f[o + at + 2]) / 100 });
		return {
			key,
			label: labels[k],
			n: n[k],
			suppressed: row,
			households: f[o],
			baseline: side(1),
			scenario: side(4),
			gagnant: f[o + 7],
			perdant: f[o + 8],
			perdant_zero: f[o + 9],
			secret_cells,
			cells_n: ROW_CELLS.map((cell) => cn[k * NC + COLUMNS.indexOf(columnOf(cell))])
		};
	});
}

/**
 * Which cells of column `c` are secret: those of a secret row, those resting on 1 to minRows − 1 households, and
 * in an additive grouping, one more where a single one would be revealed by the column's total (taken as shown).
 */
function cellSecrecy(keys: string[], n: Int32Array, hiddenRow: boolean[], cn: Int32Array, c: number, additive: boolean, minRows: number): boolean[] {
	const cells = new Map<string, SecrecyCell>();
	keys.forEach((k, i) => {
		const x = cn[i * NC + c];
		cells.set(k, { n: x, denominator: null, suppressed: hiddenRow[i] || (x > 0 && x < minRows) });
	});
	if (additive) {
		cells.set('__total', { n: 0, denominator: null, suppressed: false });
		// A secret row with households may hide some of the column; an empty group hides nothing.
		applySecondarySecrecy(cells, [{ totals: ['__total'], members: keys.filter((k, i) => cn[i * NC + c] > 0 || (hiddenRow[i] && n[i] > 0)) }], minRows);
	}
	return keys.map((k) => cells.get(k)!.suppressed);
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

/**
 * Rows and cells secret from the start, by breakdown (`by_family_type`…) and row key: what the communes of a
 * territory hide on their own (publish.ts partMasks), decided before this territory's own secondary secrecy.
 */
export interface ForcedCells {
	rows: ReadonlySet<string>;
	cells: ReadonlyMap<string, ReadonlySet<string>>;
}
const OUTPUT = ['by_commune', 'by_family_type', 'by_activity', 'by_activity', 'by_tenure', 'by_decile'] as const;
/** Cell of a row → the column whose secrecy it follows (cost follows the beneficiaries, as in rows()). */
const columnOf = (cell: string): ColumnId => {
	const [side, what] = cell.split('.');
	return (what === undefined ? cell : `${side}_${what === 'cost' ? 'beneficiaries' : what}`) as ColumnId;
};

export function breakdowns(
	pop: Population,
	base: Side,
	scen: Side,
	cls: Uint8Array,
	minRows = SECRECY_MIN_ROWS,
	communeNames: Record<string, string> = {},
	forced?: ForcedCells
): Breakdowns {
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
	const out = groupings.map((g, k) => rows(pop, g, t[k].f, t[k].n, t[k].cn, minRows, forced && { at: OUTPUT[k], ...forced }));
	// Bounds as INSEE publishes deciles: rounded to 10 €, never an individual's living standard, and only where a
	// tenth of the households is minRows rows or more (DESIGN.md §4.1).
	const b = pop.cols.n >= 10 * minRows ? pop.decile_bounds.map((x) => roundTo(x, QUANTILE_STEP.living_standard)) : [];
	const byDecile = out[5].map((r, k) => ({ ...r, lower: k === 0 || k === 10 ? null : (b[k - 1] ?? null), upper: k >= 9 ? null : (b[k] ?? null) }));
	return {
		by_commune: out[0],
		by_family_type: out[1],
		by_activity: [...out[2], ...out[3]],
		by_tenure: out[4],
		by_decile: byDecile.filter((r) => r.key !== 'negatif' || r.n > 0)
	};
}
