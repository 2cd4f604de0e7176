/**
 * Who asks and who gets: applicants (every request linked to a household) and beneficiaries (granted
 * requests linked to a household), by family type, activity, contract, part time, RAV band, niveau de vie
 * decile and working poor; and the share of travailleurs pauvres (workers ≥ 1 and poor) by year.
 * Counted in requests: the CCAS register is exhaustive, so nothing is weighted (base.ts).
 */
import { ACTIVITIES, CONTRACTS, FAMILY_TYPES } from '../data/schema.ts';
import { countCell, maskedCount, maskedShare, partitionMask, shareCell, type Cell, type Secrecy } from './cell.ts';
import { RAV_BANDS, type AidRow, type HouseholdProfile } from './rows.ts';

export interface ProfileRow {
	dimension: string;
	category: string;
	applicants: Cell;
	applicantsShare: Cell;
	beneficiaries: Cell;
	beneficiariesShare: Cell;
}

export interface WorkingPoorYear {
	year: number;
	/** Requests of the year linked to a household of that year. */
	linked: Cell;
	applicantsShare: Cell;
	beneficiariesShare: Cell;
}

export interface ProfileResult {
	/** Requests linked to a household (same id, commune and year) out of all requests. */
	linkedShare: Cell;
	rows: ProfileRow[];
	workingPoor: WorkingPoorYear[];
}

type Dim = { id: string; label: string; categories: readonly string[]; of: (p: HouseholdProfile) => string | null };

export const DIMENSIONS: Dim[] = [
	{ id: 'family_type', label: 'type de ménage', categories: FAMILY_TYPES, of: (p) => p.family_type },
	{ id: 'activity_ref', label: 'activité', categories: ACTIVITIES, of: (p) => p.activity_ref },
	{ id: 'contract_ref', label: 'contrat', categories: CONTRACTS, of: (p) => p.contract_ref },
	{ id: 'part_time_ref', label: 'temps partiel', categories: ['oui', 'non'], of: (p) => (p.part_time_ref ? 'oui' : 'non') },
	{ id: 'rav_band', label: 'reste à vivre par personne et par jour', categories: RAV_BANDS, of: (p) => p.rav_band },
	{ id: 'decile', label: 'décile de niveau de vie', categories: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], of: (p) => (p.decile === null ? null : String(p.decile)) },
	{ id: 'working_poor', label: 'travailleur pauvre', categories: ['oui', 'non'], of: (p) => (p.working_poor === null ? null : p.working_poor ? 'oui' : 'non') }
];

const linkedOf = (rows: readonly AidRow[]) => rows.filter((r) => r.profile !== null);

export function profile(rows: readonly AidRow[], s: Secrecy = {}): ProfileResult {
	const applicants = linkedOf(rows);
	const beneficiaries = applicants.filter((r) => r.decision === 'granted');
	const out: ProfileRow[] = [];
	for (const d of DIMENSIONS) {
		const as = d.categories.map((c) => applicants.filter((r) => d.of(r.profile!) === c));
		const bs = d.categories.map((c) => beneficiaries.filter((r) => d.of(r.profile!) === c));
		const ma = partitionMask(as, s);
		const mb = partitionMask(bs, s);
		d.categories.forEach((category, i) =>
			out.push({
				dimension: d.label,
				category,
				applicants: maskedCount(as[i], ma[i], s),
				applicantsShare: maskedShare(as[i], applicants, ma[i], s),
				beneficiaries: maskedCount(bs[i], mb[i], s),
				beneficiariesShare: maskedShare(bs[i], beneficiaries, mb[i], s)
			})
		);
	}
	const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
	const workingPoor = years.map((year) => {
		// Shares among requests whose household has a known niveau de vie (working_poor not null).
		const known = applicants.filter((r) => r.year === year && r.profile!.working_poor !== null);
		const kb = known.filter((r) => r.decision === 'granted');
		const a = known.filter((r) => r.profile!.working_poor);
		const b = kb.filter((r) => r.profile!.working_poor);
		// Shares rest on their denominator (DESIGN.md §4.1): secret under 11 requests.
		return { year, linked: countCell(known, s), applicantsShare: shareCell(a, known, s), beneficiariesShare: shareCell(b, kb, s) };
	});
	return { linkedShare: shareCell(applicants, rows, s), rows: out, workingPoor };
}
