/**
 * Reads a scenario's households and its monthly flow of aid requests from DuckDB (one query each), so pages
 * and the CLI hold no SQL. The rows are then turned into columns once (population.ts).
 */
import { ident, literal, type Connector } from '../db/connector.ts';
import { BOOL_COLUMNS, ENUM_COLUMNS, NUMBER_COLUMNS } from '../rules/variables.ts';
import type { MonthlyFlow } from './population.ts';

export interface ScenarioRows {
	year: number;
	years: number[];
	rows: Record<string, unknown>[];
	flow: MonthlyFlow;
	/** Every commune in the households of that year. */
	communes: string[];
}

const inList = (codes: readonly string[]) => codes.map(literal).join(', ');

/** Households of `year` (default: the latest household year, DESIGN.md §4.1) in `communes` (default: all). */
export async function fetchScenarioRows(db: Connector, opts: { year?: number; communes?: readonly string[] } = {}): Promise<ScenarioRows> {
	const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY 1')).map((r) => r.year);
	if (!years.length) throw new Error('aucun ménage dans les données');
	const year = opts.year ?? years[years.length - 1];
	if (!years.includes(year)) throw new Error(`aucun ménage pour l’année ${year} ; années : ${years.join(', ')}`);
	const all = (await db.query<{ commune: string }>(`SELECT DISTINCT commune FROM households WHERE year = ${year} ORDER BY 1`)).map((r) => r.commune);
	for (const c of opts.communes ?? []) if (!all.includes(c)) throw new Error(`commune ${c} absente des ménages de ${year}`);
	const where = `year = ${year}${opts.communes?.length ? ` AND commune IN (${inList(opts.communes)})` : ''}`;
	const names = ['household_id', 'commune', 'weight', ...NUMBER_COLUMNS, ...BOOL_COLUMNS, ...ENUM_COLUMNS];
	// Ordered by id: the request months (population.ts) follow this order, so it must not depend on the load.
	const rows = await db.query<Record<string, unknown>>(`SELECT ${names.map(ident).join(', ')} FROM households WHERE ${where} ORDER BY household_id`);
	const flow: MonthlyFlow = {};
	const hasRequests = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'aid_requests'`))[0].n > 0;
	if (hasRequests) {
		const counts = await db.query<{ commune: string; m: number; n: number }>(
			`SELECT commune, month(date_request)::INTEGER AS m, count(*)::INTEGER AS n FROM aid_requests
			 WHERE year(date_request) = ${year}${opts.communes?.length ? ` AND commune IN (${inList(opts.communes)})` : ''} GROUP BY ALL`
		);
		for (const c of counts) (flow[c.commune] ??= new Array(12).fill(0))[c.m - 1] = c.n;
	}
	return { year, years, rows, flow, communes: all };
}
