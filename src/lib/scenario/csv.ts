/**
 * The report as one CSV table (section, row, baseline, scenario, change) for a council file or a spreadsheet:
 * the same figures as the page and `vigie simulate`, secret cells left empty with « secret ».
 */
import { toCsv } from '../synth/csv.ts';
import { CLASSES, CLASS_LABELS } from './classes.ts';
import type { BreakdownRow } from './breakdowns.ts';
import type { Report } from './report.ts';

type Line = { section: string; ligne: string; reference: number | string | null; scenario: number | string | null; ecart: number | null };

export function reportToCsv(r: Report): string {
	const out: Line[] = [];
	const pair = (section: string, ligne: string, a: number | null, b: number | null) =>
		out.push({ section, ligne, reference: a, scenario: b, ecart: a === null || b === null ? null : Math.round((b - a) * 100) / 100 });
	for (const c of r.changes) out.push({ section: 'paramètres', ligne: `${c.label} (${c.unit})`, reference: c.from, scenario: c.to, ecart: c.to - c.from });
	pair('totaux', 'ménages éligibles', r.baseline.eligible, r.scenario.eligible);
	pair('totaux', 'bénéficiaires (après enveloppe et capacité)', r.baseline.beneficiaries, r.scenario.beneficiaries);
	pair('totaux', 'coût avant enveloppe (€)', r.baseline.eligible_cost, r.scenario.eligible_cost);
	pair('totaux', 'coût payé (€)', r.baseline.cost, r.scenario.cost);
	pair('totaux', 'aide moyenne (€)', r.baseline.mean_aid, r.scenario.mean_aid);
	pair('totaux', 'coût par habitant (€)', r.baseline.cost_per_inhabitant, r.scenario.cost_per_inhabitant);
	pair('ciblage', 'part des dépenses aux ménages pauvres (%)', r.baseline.targeting.spending_to_poor, r.scenario.targeting.spending_to_poor);
	pair('ciblage', 'couverture des ménages pauvres (%)', r.baseline.targeting.coverage_poor, r.scenario.targeting.coverage_poor);
	pair('ciblage', 'couverture des travailleurs pauvres (%)', r.baseline.targeting.coverage_working_poor, r.scenario.targeting.coverage_working_poor);
	pair('ciblage', 'ménages pauvres sans aide', r.baseline.targeting.exclusion.households, r.scenario.targeting.exclusion.households);
	pair('ciblage', 'ménages non pauvres aidés', r.baseline.targeting.inclusion.households, r.scenario.targeting.inclusion.households);
	for (const c of CLASSES) out.push({ section: 'gagnants et perdants', ligne: CLASS_LABELS[c], reference: null, scenario: r.winners_losers[c].households, ecart: r.winners_losers[c].amount });
	for (const x of r.leaving_reasons.rows)
		out.push({ section: 'raisons de la perte', ligne: x.label, reference: null, scenario: x.suppressed ? 'secret' : x.households, ecart: x.amount });
	const rows = (section: string, list: BreakdownRow[]) => {
		for (const x of list) {
			if (x.suppressed) out.push({ section, ligne: x.label, reference: 'secret', scenario: 'secret', ecart: null });
			else pair(section, `${x.label} — coût payé (€)`, x.baseline!.cost, x.scenario!.cost);
		}
	};
	rows('par commune', r.by_commune);
	rows('par type de ménage', r.by_family_type);
	rows('par activité', r.by_activity);
	rows('par statut d’occupation', r.by_tenure);
	rows('par dixième de niveau de vie', r.by_decile);
	for (const m of r.envelope.by_month) pair('enveloppe par mois', `${m.label} — payé (€)`, r.baseline_envelope.by_month[m.month - 1].spent, m.spent);
	return toCsv(['section', 'ligne', 'reference', 'scenario', 'ecart'], out);
}
