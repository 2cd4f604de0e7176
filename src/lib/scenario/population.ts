/**
 * The households a scenario runs over, with every column that depends on the data alone (niveau de vie,
 * poverty, deciles, commune, month of request) computed once: a simulator move then only re-runs the rules.
 */
import { toColumns, type Columns } from '../rules/columns.ts';
import type { HouseholdColumns } from './load.ts';
import { RESOURCE_COLUMNS } from '../data/schema.ts';
import { povertyThreshold } from '../measures/living-standard.ts';

export interface Population {
	cols: Columns;
	year: number;
	/** Distinct commune codes, sorted; `commune[i]` indexes this list. */
	communes: string[];
	commune: Uint16Array;
	/** Niveau de vie, €/year per UC (DESIGN.md §3); NaN when disposable income is negative (left out, as Filosofi does). */
	living_standard: Float64Array;
	/** 1 poor (niveau de vie strictly under the threshold), 0 not poor, 2 unknown (negative disposable income). */
	poor: Uint8Array;
	/** Poor household with at least one member employed (DESIGN.md §5 "working": workers ≥ 1; domain.md §5: a household concept). */
	working_poor: Uint8Array;
	/** Household-weighted decile of niveau de vie, 0–9; 255 when unknown. */
	decile: Uint8Array;
	/** Upper bounds D1…D9, €/year per UC (weighted quantile rule of DESIGN.md §4). */
	decile_bounds: number[];
	threshold: { yearly: number; source: string };
	/** Month of the household's request, 0–11, spread by the flow of aid requests (envelope.ts). */
	month: Uint8Array;
	/** Per commune: 'aid_requests' when its monthly flow of the year was used, else 'uniforme'. */
	flow_source: Record<string, 'aid_requests' | 'uniforme'>;
	persons: number;
	households: number;
	/** Weighted households and unweighted rows per commune (pop.communes order). */
	commune_households: Float64Array;
	commune_rows: Int32Array;
	/**
	 * Weighted households and rows of every commune of the data's year, the territory's and the others (the
	 * reference of the per-household envelope rule, envelope-rule.ts); the territory's alone when not given.
	 */
	data_households: Record<string, { households: number; n: number }>;
}

/** Requests of the year per commune and month (0–11): the arrival profile. */
export type MonthlyFlow = Record<string, number[]>;

type Row = Record<string, unknown>;

/** Rows with the households contract columns (+ commune), all of one year (hand-made tests). */
export function buildPopulation(rows: readonly Row[], year: number, flow: MonthlyFlow = {}): Population {
	const codes = [...new Set(rows.map((r) => String(r.commune)))].sort();
	const index = new Map(codes.map((c, i) => [c, i]));
	return populationFromColumns({ cols: toColumns(rows), codes, commune: Uint16Array.from(rows, (r) => index.get(String(r.commune))!) }, year, flow);
}

/** The households of some communes only, same row order (the page fetches every commune once). */
export function restrictColumns(h: HouseholdColumns, communes: readonly string[] | undefined): HouseholdColumns {
	if (!communes?.length) return h;
	const keep = new Uint8Array(h.codes.length);
	for (const c of communes) if (h.codes.includes(c)) keep[h.codes.indexOf(c)] = 1;
	const codes = h.codes.filter((_, k) => keep[k]);
	const recode = Int32Array.from(h.codes, (c) => codes.indexOf(c));
	let m = 0;
	for (let i = 0; i < h.cols.n; i++) m += keep[h.commune[i]];
	const rows = new Int32Array(m);
	for (let i = 0, j = 0; i < h.cols.n; i++) if (keep[h.commune[i]]) rows[j++] = i;
	const pick = <T extends Float64Array | Uint8Array>(a: T): T => {
		const out = new (a.constructor as new (n: number) => T)(m);
		for (let j = 0; j < m; j++) out[j] = a[rows[j]];
		return out;
	};
	const map = <K extends string, T extends Float64Array | Uint8Array>(r: Record<K, T>) => Object.fromEntries(Object.entries<T>(r).map(([k, a]) => [k, pick(a)])) as Record<K, T>;
	const { cols } = h;
	return {
		cols: { n: m, num: map(cols.num), bool: map(cols.bool), enums: map(cols.enums), weight: pick(cols.weight), amount_requested: pick(cols.amount_requested) },
		codes,
		commune: Uint16Array.from(rows, (i) => recode[h.commune[i]])
	};
}

/**
 * Households as columns → the population: niveau de vie, poverty, deciles and request months, once.
 * `dataHouseholds`: households per commune of the whole data year (ScenarioData.households_by_commune), for a
 * territory that leaves out the scheme's own commune.
 */
export function populationFromColumns(
	{ cols, codes: communes, commune }: HouseholdColumns,
	year: number,
	flow: MonthlyFlow = {},
	dataHouseholds: Record<string, { households: number; n: number }> = {}
): Population {
	const n = cols.n;

	const threshold = povertyThreshold(year);
	const a14 = cols.num.persons_14_plus;
	const u14 = cols.num.persons_under_14;
	const ls = new Float64Array(n);
	const poor = new Uint8Array(n);
	const workingPoor = new Uint8Array(n);
	let persons = 0;
	let households = 0;
	// Resources added column by column, left to right from 0: the same floats as a per-row sum, in fewer passes.
	const res = new Float64Array(n);
	for (const c of RESOURCE_COLUMNS) {
		const col = cols.num[c];
		for (let i = 0; i < n; i++) res[i] += col[i];
	}
	for (let i = 0; i < n; i++) {
		const disposable = res[i] - cols.num.charge_tax[i];
		const uc = 1 + 0.5 * (a14[i] - 1) + 0.3 * u14[i];
		ls[i] = disposable < 0 ? NaN : (12 * disposable) / uc;
		poor[i] = disposable < 0 ? 2 : ls[i] < threshold.yearly ? 1 : 0;
		workingPoor[i] = poor[i] === 1 && cols.num.workers[i] >= 1 ? 1 : 0;
		persons += cols.weight[i] * (a14[i] + u14[i]);
		households += cols.weight[i];
	}

	// Deciles of households (LexImpact practice: by cumulative weight of households), bounds shown in the report.
	const bounds = decileBounds(ls, cols.weight);
	const decile = new Uint8Array(n).fill(255);
	for (let i = 0; i < n; i++) {
		if (ls[i] !== ls[i] || !bounds.length) continue;
		let d = 0;
		// Upper bounds are rounded to the cent for display; compare on the same rounded values.
		while (d < 9 && Math.round(100 * ls[i]) / 100 > bounds[d]) d++;
		decile[i] = d;
	}

	const communeHouseholds = new Float64Array(communes.length);
	const communeRows = new Int32Array(communes.length);
	for (let i = 0; i < n; i++) (communeHouseholds[commune[i]] += cols.weight[i], communeRows[commune[i]]++);
	const data_households = { ...dataHouseholds };
	communes.forEach((c, k) => (data_households[c] = { households: communeHouseholds[k], n: communeRows[k] }));

	const { month, source } = spreadRequests(commune, communes, cols.weight, flow);
	return {
		cols,
		year,
		communes,
		commune,
		living_standard: ls,
		poor,
		working_poor: workingPoor,
		decile,
		decile_bounds: bounds,
		threshold: { yearly: threshold.yearly, source: threshold.source },
		month,
		flow_source: source,
		persons,
		households,
		commune_households: communeHouseholds,
		commune_rows: communeRows,
		data_households
	};
}

/**
 * Gives each household a request month, in row order within its commune, so that the weighted share arriving
 * each month follows that commune's monthly flow of aid requests in the year; a commune with no request that
 * year gets a uniform flow (hypothèse: take-up spread evenly over the year). Depends on the data only, so the
 * same household arrives in the same month in the baseline and in the scenario.
 */
export function spreadRequests(commune: Uint16Array, communes: string[], weight: Float64Array, flow: MonthlyFlow) {
	const month = new Uint8Array(commune.length);
	const source: Record<string, 'aid_requests' | 'uniforme'> = {};
	const cums = communes.map((code) => {
		const f = flow[code];
		const total = f ? f.reduce((s, x) => s + x, 0) : 0;
		source[code] = total > 0 ? 'aid_requests' : 'uniforme';
		const share = total > 0 ? f!.map((x) => x / total) : new Array(12).fill(1 / 12);
		const cum: number[] = [];
		share.reduce((s, x, m) => (cum[m] = s + x), 0);
		return cum;
	});
	// One pass for the communes' weights, one to place each household: rows stay in order within a commune.
	const wTotal = new Float64Array(communes.length);
	for (let i = 0; i < commune.length; i++) wTotal[commune[i]] += weight[i];
	const acc = new Float64Array(communes.length);
	const at = new Uint8Array(communes.length);
	for (let i = 0; i < commune.length; i++) {
		const c = commune[i];
		const cum = cums[c];
		// Mid-point of the household's slice of the commune's weight.
		const x = (acc[c] + weight[i] / 2) / wTotal[c];
		acc[c] += weight[i];
		let m = at[c];
		while (m < 11 && x > cum[m] + 1e-12) m++;
		month[i] = at[c] = m;
	}
	return { month, source };
}

/**
 * D1…D9 of the known values, by the weighted quantile rule of DESIGN.md §4 (the smallest value whose cumulative
 * weight reaches k/10 of the total, as measures' weightedQuantile) with a single sort, rounded to the cent.
 */
export function decileBounds(values: Float64Array, weight: Float64Array): number[] {
	const idx: number[] = [];
	let total = 0;
	for (let i = 0; i < values.length; i++) if (values[i] === values[i]) (idx.push(i), (total += weight[i]));
	if (!idx.length) return [];
	const order = byCents(Int32Array.from(idx), values);
	const out: number[] = [];
	let cum = 0;
	let k = 1;
	for (let j = 0; j < order.length && k <= 9; j++) {
		cum += weight[order[j]];
		while (k <= 9 && cum >= (k / 10) * total - 1e-9 * total) {
			out.push(Math.round(100 * values[order[j]]) / 100);
			k++;
		}
	}
	while (out.length < 9) out.push(Math.round(100 * values[order[order.length - 1]]) / 100);
	return out;
}

const RANK_BITS = 2 ** 21;

/**
 * Rows by value rounded to the cent. The bounds are read rounded to the cent, so rows whose values round alike
 * give the same bound in any order; the key cents × 2²¹ + rank then sorts as a plain typed array, ten times
 * faster than a comparator at 600 000 rows. Values out of that range fall back to the comparator.
 */
function byCents(idx: Int32Array, values: Float64Array): Int32Array {
	const m = idx.length;
	let fits = m < RANK_BITS;
	for (let k = 0; k < m && fits; k++) fits = values[idx[k]] >= 0 && values[idx[k]] < 2 ** 31 / 100;
	if (!fits) return idx.sort((a, b) => values[a] - values[b]);
	const keys = new Float64Array(m);
	for (let k = 0; k < m; k++) keys[k] = Math.round(100 * values[idx[k]]) * RANK_BITS + k;
	keys.sort();
	const out = new Int32Array(m);
	for (let k = 0; k < m; k++) out[k] = idx[keys[k] % RANK_BITS];
	return out;
}
