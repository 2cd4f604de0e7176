/**
 * The row sets indicators are computed over: households of the year with their derived measures, aid
 * requests dated in the year linked to their household (views, summarised once by stats.ts), and the
 * `territories` membership table (territory, territory_type, commune), written per run.
 */
import { literal, type Connector } from '../db/connector.ts';
import { SQL_CHARGES, SQL_DISPOSABLE, SQL_LIVING_STANDARD, SQL_PERSONS, SQL_RESOURCES, SQL_UC } from '../measures/living-standard.ts';
import { departementOf } from '../territory/geography.ts';

export async function hasTable(db: Connector, name: string): Promise<boolean> {
	const r = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ?', [name]);
	return r[0].n > 0;
}

/** Every commune in the data (any year, households or requests): commune rows are always output. */
export async function dataCommunes(db: Connector, withRequests: boolean): Promise<string[]> {
	const sql = `SELECT DISTINCT commune FROM households${withRequests ? ' UNION SELECT DISTINCT commune FROM aid_requests' : ''} ORDER BY 1`;
	return (await db.query<{ commune: string }>(sql)).map((r) => r.commune);
}

export interface Territory {
	territory: string;
	territory_type: 'commune' | 'group' | 'departement';
	communes: string[];
}

export function territoriesOf(communes: readonly string[], group?: { code: string; communes: string[] }): Territory[] {
	const out: Territory[] = communes.map((c) => ({ territory: c, territory_type: 'commune', communes: [c] }));
	const deps = new Map<string, string[]>();
	for (const c of communes) deps.set(departementOf(c), [...(deps.get(departementOf(c)) ?? []), c]);
	if (group) out.push({ territory: group.code, territory_type: 'group', communes: [...new Set(group.communes)] });
	for (const [d, cs] of deps) out.push({ territory: d, territory_type: 'departement', communes: cs });
	return out;
}

export async function writeTerritories(db: Connector, territories: readonly Territory[]): Promise<void> {
	const rows = territories.flatMap((t) => t.communes.map((c) => `(${literal(t.territory)}, ${literal(t.territory_type)}, ${literal(c)})`));
	// A typed empty table when there is nothing to list (an empty group alone cannot happen: communes come first).
	await db.query(
		rows.length
			? `CREATE OR REPLACE TEMP TABLE territories AS SELECT * FROM (VALUES ${rows.join(', ')}) t(territory, territory_type, commune)`
			: `CREATE OR REPLACE TEMP TABLE territories (territory VARCHAR, territory_type VARCHAR, commune VARCHAR)`
	);
}

/** 60 % of the persons-weighted median niveau de vie of all the data's households of the year. */
export async function localThreshold(db: Connector, year: number): Promise<number | null> {
	const r = await db.query<{ m: number | null }>(
		`WITH b AS (SELECT ${SQL_LIVING_STANDARD}::DOUBLE AS v, (weight * ${SQL_PERSONS})::DOUBLE AS wt
		            FROM households WHERE year = ? AND ${SQL_DISPOSABLE} >= 0),
		      c AS (SELECT v, sum(wt) OVER (ORDER BY v ROWS UNBOUNDED PRECEDING) AS cum, sum(wt) OVER () AS total FROM b)
		 SELECT min(v) FILTER (WHERE cum >= 0.5 * total - 1e-9 * total) AS m FROM c`,
		[year]
	);
	return r[0]?.m == null ? null : 0.6 * r[0].m;
}

/**
 * Households of the year with the derived measures the catalogue refers to (catalogue.ts header), as a
 * view: each scan computes only the columns it reads.
 */
export async function createHouseholdBase(db: Connector, name: string, year: number, threshold: number): Promise<void> {
	// Layered so that each measure is computed once per row and reused by the next (same arithmetic as
	// the SQL_* definitions of measures/living-standard.ts, in the same order).
	await db.query(
		`CREATE OR REPLACE TEMP VIEW ${name} AS
		 SELECT *, disposable >= 0 AND living_standard < threshold AS poor,
		           disposable >= 0 AND living_standard < threshold50 AS poor50
		 FROM (SELECT *, 12 * disposable / uc AS living_standard,
		                 -- RAV per unit per day: 30 days, rounded to the cent (DESIGN.md §4, §5)
		                 round((resources - charges) / persons / 30, 2) AS rav_person_day,
		                 round((resources - charges) / uc / 30, 2) AS rav_uc_day
		       FROM (SELECT *, resources - charge_tax AS disposable
		             FROM (SELECT h.*, h.weight AS w,
		                          ${SQL_PERSONS} AS persons, ${SQL_UC} AS uc,
		                          ${SQL_RESOURCES} AS resources, ${SQL_CHARGES} AS charges,
		                          CASE family_type WHEN 'couple_children' THEN ${SQL_PERSONS} - 2
		                                           WHEN 'single_parent' THEN ${SQL_PERSONS} - 1 ELSE 0 END AS children,
		                          ${threshold}::DOUBLE AS threshold,
		                          -- 50 % of the median = 5/6 of the 60 % threshold (domain.md §3.1)
		                          ${threshold}::DOUBLE * 5 / 6 AS threshold50
		                   FROM households h WHERE h.year = ${year})))`
	);
}

/**
 * Requests dated (date_request) in the year (DESIGN.md §4.1), each linked to the household of the same
 * id, commune and year when there is one. Requests are not weighted: the CCAS file is exhaustive.
 */
export async function createRequestBase(db: Connector, name: string, year: number): Promise<void> {
	await db.query(
		`CREATE OR REPLACE TEMP VIEW ${name} AS
		 SELECT a.*, 1.0::DOUBLE AS w, h.household_id IS NOT NULL AS linked, h.workers AS household_workers
		 FROM aid_requests a
		 LEFT JOIN (SELECT household_id, commune, workers FROM households WHERE year = ${year}) h
		        ON h.household_id = a.household_id AND h.commune = a.commune
		 WHERE year(a.date_request) = ${year}`
	);
}
