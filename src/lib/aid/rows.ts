/**
 * The aid requests of the chosen CCAS and years, one plain row each, with the profile of the household
 * they link to (same household_id, commune and reference year = year of date_request, base.ts) and its
 * derived measures: poor (niveau de vie strictly under the threshold of the year), working poor
 * (workers ≥ 1 and poor), RAV per person per day band and niveau de vie decile of the year.
 */
import { literal, type Connector } from '../db/connector.ts';
import { povertyThreshold } from '../measures/living-standard.ts';
import { SQL_CHARGES, SQL_DISPOSABLE, SQL_LIVING_STANDARD, SQL_PERSONS, SQL_RESOURCES } from '../measures/living-standard.ts';
import type { AidRequest } from '../data/schema.ts';

export interface AidFilter {
	/** CCAS communes; empty = every commune in the data. */
	communes: readonly string[];
	from: number;
	to: number;
}

export interface HouseholdProfile {
	family_type: string;
	activity_ref: string;
	contract_ref: string;
	part_time_ref: boolean;
	workers: number;
	poor: boolean | null;
	working_poor: boolean | null;
	rav_band: string;
	/** Niveau de vie decile among the data's households of the year (persons-weighted), null if negative income. */
	decile: number | null;
}

export type AidRow = Omit<AidRequest, 'household_id'> & {
	household_id: string | null;
	year: number;
	/** Days between request and decision; null when not decided or no date. */
	delay: number | null;
	profile: HouseholdProfile | null;
};

/** Bands of RAV per person per day, € (the catalogue's 5, 8 and 10 € thresholds, domain.md §4.3). */
/** Rows by key, in row order. */
export function groupBy<K>(rows: readonly AidRow[], keyOf: (r: AidRow) => K): Map<K, AidRow[]> {
	const out = new Map<K, AidRow[]>();
	for (const r of rows) {
		const k = keyOf(r);
		const list = out.get(k);
		if (list) list.push(r);
		else out.set(k, [r]);
	}
	return out;
}

export const RAV_BANDS = ['< 0 €', '0–5 €', '5–8 €', '8–10 €', '10–15 €', '≥ 15 €'] as const;
const RAV_BAND_SQL = `CASE WHEN rav < 0 THEN '${RAV_BANDS[0]}' WHEN rav < 5 THEN '${RAV_BANDS[1]}' WHEN rav < 8 THEN '${RAV_BANDS[2]}'
	WHEN rav < 10 THEN '${RAV_BANDS[3]}' WHEN rav < 15 THEN '${RAV_BANDS[4]}' ELSE '${RAV_BANDS[5]}' END`;

function thresholdSql(years: readonly number[]): string {
	if (!years.length) return 'NULL::DOUBLE';
	return `CASE year ${years.map((y) => `WHEN ${y} THEN ${povertyThreshold(y).yearly}`).join(' ')} ELSE NULL END`;
}

interface Flat extends Record<string, unknown> {
	linked: boolean;
}

const PROFILES = 'aid_household_profiles';
/** Which households table (oid, row count) the profile table was built from, per database. */
const profilesOf = new WeakMap<Connector, string>();

/**
 * One row per household with what a request needs from it: poverty, RAV band and the niveau de vie decile
 * of its year (persons-weighted, among all the data's households of that year). Built once per version
 * of the households table — the decile is a sort of every household, too slow to redo on each refresh at
 * full scale — and rebuilt when the table is replaced (new oid) or appended to (new count).
 */
async function ensureProfiles(db: Connector): Promise<void> {
	const [t] = await db.query<{ oid: number; n: number }>(
		`SELECT (SELECT table_oid FROM duckdb_tables() WHERE table_name = 'households' AND NOT temporary) AS oid,
		        (SELECT count(*) FROM households)::INTEGER AS n`
	);
	const version = `${t.oid}:${t.n}`;
	if (profilesOf.get(db) === version) return;
	const years = (await db.query<{ year: number }>('SELECT DISTINCT year FROM households ORDER BY year')).map((r) => Number(r.year));
	await db.query(`
	CREATE OR REPLACE TEMP TABLE ${PROFILES} AS
	WITH h AS (
		SELECT household_id, commune, year, family_type, activity_ref, contract_ref, part_time_ref, workers,
		       ${SQL_DISPOSABLE} AS disposable, ${SQL_LIVING_STANDARD} AS ls,
		       (weight * ${SQL_PERSONS})::DOUBLE AS wt,
		       round((${SQL_RESOURCES} - ${SQL_CHARGES}) / ${SQL_PERSONS} / 30, 2) AS rav,
		       ${thresholdSql(years)} AS threshold
		FROM households)
	SELECT household_id, commune, year, family_type, activity_ref, contract_ref, part_time_ref, workers::INTEGER AS workers,
	       CASE WHEN disposable >= 0 THEN ls < threshold END AS poor, ${RAV_BAND_SQL} AS rav_band,
	       CASE WHEN disposable >= 0 THEN
	         least(10, greatest(1, ceil(10 * sum(CASE WHEN disposable >= 0 THEN wt END) OVER (PARTITION BY year, disposable >= 0 ORDER BY ls ROWS UNBOUNDED PRECEDING)
	                                 / sum(CASE WHEN disposable >= 0 THEN wt END) OVER (PARTITION BY year, disposable >= 0) - 1e-9)))::INTEGER END AS decile
	FROM h`);
	profilesOf.set(db, version);
}

export async function aidRows(db: Connector, f: AidFilter): Promise<AidRow[]> {
	await ensureProfiles(db);
	const inCommunes = f.communes.length ? `AND a.commune IN (${f.communes.map(literal).join(', ')})` : '';
	const sql = `
	SELECT a.request_id, a.household_id, a.commune, a.scheme, strftime(a.date_request, '%Y-%m-%d') AS date_request,
	       strftime(a.date_decision, '%Y-%m-%d') AS date_decision, a.aid_type, a.form, a.amount_requested,
	       a.amount_granted, a.decision, a.renewal_rank, a.referrer, a.outcome_6m,
	       year(a.date_request)::INTEGER AS year, (a.date_decision - a.date_request)::INTEGER AS delay,
	       p.household_id IS NOT NULL AS linked, p.family_type, p.activity_ref, p.contract_ref, p.part_time_ref,
	       p.workers, p.poor, p.rav_band, p.decile
	FROM aid_requests a
	LEFT JOIN ${PROFILES} p ON p.household_id = a.household_id AND p.commune = a.commune AND p.year = year(a.date_request)
	WHERE year(a.date_request) BETWEEN ${f.from} AND ${f.to} ${inCommunes}
	ORDER BY a.date_request, a.request_id`;
	const flat = await db.query<Flat>(sql);
	return flat.map((r) => {
		const profile: HouseholdProfile | null = r.linked
			? {
					family_type: r.family_type as string,
					activity_ref: r.activity_ref as string,
					contract_ref: r.contract_ref as string,
					part_time_ref: Boolean(r.part_time_ref),
					workers: Number(r.workers),
					poor: r.poor === null ? null : Boolean(r.poor),
					working_poor: r.poor === null ? null : Boolean(r.poor) && Number(r.workers) >= 1,
					rav_band: r.rav_band as string,
					decile: r.decile === null ? null : Number(r.decile)
				}
			: null;
		return {
			request_id: r.request_id as string,
			household_id: (r.household_id as string | null) ?? null,
			commune: r.commune as string,
			scheme: r.scheme as string,
			date_request: r.date_request as string,
			date_decision: (r.date_decision as string | null) ?? null,
			aid_type: r.aid_type as AidRow['aid_type'],
			form: r.form as AidRow['form'],
			amount_requested: r.amount_requested === null ? null : Number(r.amount_requested),
			amount_granted: Number(r.amount_granted ?? 0),
			decision: r.decision as AidRow['decision'],
			renewal_rank: Number(r.renewal_rank ?? 0),
			referrer: r.referrer as AidRow['referrer'],
			outcome_6m: r.outcome_6m as AidRow['outcome_6m'],
			year: Number(r.year),
			delay: r.delay === null || r.delay === undefined || r.decision === 'postponed' ? null : Number(r.delay),
			profile
		};
	});
}
