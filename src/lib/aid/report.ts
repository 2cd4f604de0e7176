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
import { selectionHidden, selectionSecrecy, type Secrecy } from './cell.ts';
import { aidRows, type AidFilter, type AidRow } from './rows.ts';

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
	// Several CCAS or years: what each CCAS's year hides on its own stays hidden in their sum (cell.ts selectionSecrecy).
	const years = await aidYears(db);
	const everyYear = filter.from <= years[0] && filter.to >= years[years.length - 1];
	const build = (rs: readonly AidRow[], sec: Secrecy) => ({
		activity: activity(rs, sec),
		profile: profile(rs, sec),
		followup: followup(rs, sec),
		envelope: envelopeYears(rs, [...new Set(rs.map((r) => r.commune))].sort(), undefined, sec)
	});
	const hidden = selectionHidden(rows, build);
	const sec: Secrecy = { ...s, small: selectionSecrecy(!filter.communes.length && everyYear, hidden) };
	return { filter, ...build(rows, sec), envelope: envelopeYears(rows, communes, undefined, sec) };
}
