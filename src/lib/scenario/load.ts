/**
 * Reads a scenario's households as typed columns, and its monthly flow of aid requests, from DuckDB, so pages
 * and the CLI hold no SQL. Why columns: turning 600 000 Arrow rows into JS objects and back into arrays took
 * 25 s in DuckDB-wasm (bench/simulate.ts, node_open_rows_ms); Connector.queryColumns hands each column over
 * whole, already a Float64Array / Uint8Array (node_open_columns_ms).
 */
import { ident, literal, type Connector } from '../db/connector.ts';
import { emptyColumns, type Columns } from '../rules/columns.ts';
import { BOOL_COLUMNS, ENUM_COLUMNS, NUMBER_COLUMNS, VARIABLES } from '../rules/variables.ts';
import type { MonthlyFlow } from './population.ts';

/** Households of one year as columns, in household_id order; `commune[i]` indexes `codes`. */
export interface HouseholdColumns {
	cols: Columns;
	/** Distinct communes of these rows, sorted. */
	codes: string[];
	commune: Uint16Array;
}

export interface ScenarioData extends HouseholdColumns {
	year: number;
	years: number[];
	flow: MonthlyFlow;
	/** Every commune in the households of that year. */
	communes: string[];
	/** Weighted households and rows of every commune of that year (the per-household envelope rule's reference). */
	households_by_commune: Record<string, { households: number; n: number }>;
}

const inList = (codes: readonly string[]) => codes.map(literal).join(', ');

/**
 * One field per column, with the conventions of toColumns (rules/columns.ts): unknown numbers are 0, except
 * years_in_commune (NaN: fails every comparison); booleans 0/1; enums as their index in the contract's list (255: unknown).
 * Nulls are replaced in SQL: an Arrow vector's typed array does not carry them.
 */
function fields(communes: readonly string[]): [name: string, sql: string][] {
	const values = (c: string) => `[${VARIABLES[c].values!.map(literal).join(', ')}]`;
	return [
		...NUMBER_COLUMNS.map((c): [string, string] => [c, `coalesce(${ident(c)}::DOUBLE, ${c === 'years_in_commune' ? "'NaN'::DOUBLE" : '0'})`]),
		...BOOL_COLUMNS.map((c): [string, string] => [c, `coalesce(${ident(c)}, false)::UTINYINT`]),
		...ENUM_COLUMNS.map((c): [string, string] => [c, `coalesce(list_position(${values(c)}, ${ident(c)}) - 1, 255)::UTINYINT`]),
		['weight', `coalesce(weight::DOUBLE, 1)`],
		['commune', `(list_position([${inList(communes)}], commune) - 1)::USMALLINT`]
	];
}

function toHouseholdColumns(list: Record<string, ArrayLike<number>>, codes: string[]): HouseholdColumns {
	const n = list.weight.length;
	const cols = emptyColumns(n);
	const commune = new Uint16Array(n);
	const targets: [string, Float64Array | Uint8Array | Uint16Array][] = [
		...NUMBER_COLUMNS.map((c): [string, Float64Array] => [c, cols.num[c]]),
		...BOOL_COLUMNS.map((c): [string, Uint8Array] => [c, cols.bool[c]]),
		...ENUM_COLUMNS.map((c): [string, Uint8Array] => [c, cols.enums[c]]),
		['weight', cols.weight],
		['commune', commune]
	];
	for (const [name, out] of targets) out.set(list[name]);
	for (const c of ENUM_COLUMNS) {
		const bad = cols.enums[c].indexOf(255);
		if (bad >= 0) throw new Error(`ménage ${bad + 1} : ${c} inconnu`);
	}
	return { cols, codes, commune };
}

/** Households of `year` (default: the latest household year, DESIGN.md §4.1) in `communes` (default: all). */
export async function fetchScenarioData(db: Connector, opts: { year?: number; communes?: readonly string[] } = {}): Promise<ScenarioData> {
	const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY 1')).map((r) => r.year);
	if (!years.length) throw new Error('aucun ménage dans les données');
	const year = opts.year ?? years[years.length - 1];
	if (!years.includes(year)) throw new Error(`aucun ménage pour l’année ${year} ; années : ${years.join(', ')}`);
	const all = (await db.query<{ commune: string }>(`SELECT DISTINCT commune FROM households WHERE year = ${year} ORDER BY 1`)).map((r) => r.commune);
	for (const c of opts.communes ?? []) if (!all.includes(c)) throw new Error(`commune ${c} absente des ménages de ${year}`);
	const codes = opts.communes?.length ? all.filter((c) => opts.communes!.includes(c)) : all;
	const where = `year = ${year}${opts.communes?.length ? ` AND commune IN (${inList(opts.communes)})` : ''}`;
	// Ordered by id: the request months (population.ts) follow this order, so it must not depend on the load.
	const columns = await db.queryColumns(
		`SELECT ${fields(codes).map(([name, sql]) => `${sql} AS ${ident(name)}`).join(', ')} FROM households WHERE ${where} ORDER BY household_id`
	);
	const households_by_commune: ScenarioData['households_by_commune'] = {};
	const byCommune = await db.query<{ commune: string; households: number; n: number }>(
		`SELECT commune, sum(coalesce(weight::DOUBLE, 1))::DOUBLE AS households, count(*)::INTEGER AS n FROM households WHERE year = ${year} GROUP BY commune ORDER BY commune`
	);
	for (const r of byCommune) households_by_commune[r.commune] = { households: Number(r.households), n: Number(r.n) };
	const flow: MonthlyFlow = {};
	const hasRequests = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'aid_requests'`))[0].n > 0;
	if (hasRequests) {
		const counts = await db.query<{ commune: string; m: number; n: number }>(
			`SELECT commune, month(date_request)::INTEGER AS m, count(*)::INTEGER AS n FROM aid_requests
			 WHERE year(date_request) = ${year}${opts.communes?.length ? ` AND commune IN (${inList(opts.communes)})` : ''} GROUP BY ALL`
		);
		for (const c of counts) (flow[c.commune] ??= new Array(12).fill(0))[c.m - 1] = c.n;
	}
	return { year, years, flow, communes: all, households_by_commune, ...toHouseholdColumns(columns, codes) };
}
