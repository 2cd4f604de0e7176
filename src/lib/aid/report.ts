/**
 * The Aides page's whole computation for chosen CCAS and years: one SQL read of the requests (rows.ts),
 * then plain functions (activity, profile, follow-up, envelope). The comparison across CCAS comes from
 * the catalogue (compare.ts) and is run separately, one year at a time (it needs the households' year).
 */
import type { Connector } from '../db/connector.ts';
import { activity, type ActivityResult } from './activity.ts';
import { envelopeYears, type EnvelopeYear } from './envelope.ts';
import { followup, type FollowupResult } from './followup.ts';
import { profile, type ProfileResult } from './profile.ts';
import type { Secrecy } from './cell.ts';
import { aidRows, type AidFilter } from './rows.ts';

export interface AidReport {
	filter: AidFilter;
	activity: ActivityResult;
	profile: ProfileResult;
	followup: FollowupResult;
	envelope: EnvelopeYear[];
}

/** Years with aid requests (by date_request). */
export async function aidYears(db: Connector): Promise<number[]> {
	const r = await db.query<{ y: number }>('SELECT DISTINCT year(date_request)::INTEGER AS y FROM aid_requests ORDER BY 1');
	return r.map((x) => Number(x.y));
}

/** Communes with aid requests (the CCAS in the data). */
export async function aidCommunes(db: Connector): Promise<string[]> {
	const r = await db.query<{ c: string }>('SELECT DISTINCT commune AS c FROM aid_requests ORDER BY 1');
	return r.map((x) => x.c);
}

/** `s.synthetic`: the data are synthetic, figures secrecy would hide are shown and marked (cell.ts). */
export async function aidReport(db: Connector, filter: AidFilter, s: Secrecy = {}): Promise<AidReport> {
	const rows = await aidRows(db, filter);
	const communes = filter.communes.length ? [...filter.communes] : [...new Set(rows.map((r) => r.commune))].sort();
	return {
		filter,
		activity: activity(rows, s),
		profile: profile(rows, s),
		followup: followup(rows, s),
		envelope: envelopeYears(rows, communes, undefined, s)
	};
}
