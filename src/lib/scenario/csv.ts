/**
 * The report as one CSV table (section, row, baseline, scenario, change) for a council file or a spreadsheet:
 * the same figures as the page and `vigie simulate`, secret cells written « secret ». On synthetic data
 * (publish's `synthetic`) the figures are shown, as on the page.
 */
import { toCsv } from '../synth/csv.ts';
import { CLASSES, CLASS_LABELS } from './classes.ts';
import type { Published } from './publish.ts';

type Cell = number | string | null;
type Line = { section: string; ligne: string; reference: Cell; scenario: Cell; ecart: Cell };
const SECRET = 'secret';

export function reportToCsv(r: Published): string {
	const out: Line[] = [];
	const hidden = new Set(r.synthetic ? [] : r.secret);
	const secret = (path: string) => hidden.has(path);
	/** A figure of both sides; `path` under baseline / scenario (or baseline_envelope / envelope) names it for secrecy. */
	const pair = (section: string, ligne: string, a: number | null, b: number | null, path?: string, sides = ['baseline', 'scenario']) => {
		const hideA = !!path && secret(`${sides[0]}.${path}`);
		const hideB = !!path && secret(`${sides[1]}.${path}`);
		const ecart = hideA || hideB ? SECRET : a === null || b === null ? null : Math.round((b - a) * 100) / 100;
		out.push({ section, ligne, reference: hideA ? SECRET : a, scenario: hideB ? SECRET : b, ecart });
	};
	for (const c of r.changes) out.push({ section: 'paramètres', ligne: `${c.label} (${c.unit})`, reference: c.from, scenario: c.to, ecart: c.to - c.from });
	const totals: [string, keyof Published['baseline']][] = [
		['ménages éligibles', 'eligible'],
		['bénéficiaires (après enveloppe et capacité)', 'beneficiaries'],
		['coût avant enveloppe (€)', 'eligible_cost'],
		['coût payé (€)', 'cost'],
		['aide moyenne (€)', 'mean_aid'],
		['coût par habitant (€)', 'cost_per_inhabitant']
	];
	for (const [ligne, k] of totals) pair('totaux', ligne, r.baseline[k] as number | null, r.scenario[k] as number | null, k);
	const targeting: [string, (t: Published['baseline']['targeting']) => number | null, string][] = [
		['part des dépenses aux ménages pauvres (%)', (t) => t.spending_to_poor, 'spending_to_poor'],
		['couverture des ménages pauvres (%)', (t) => t.coverage_poor, 'coverage_poor'],
		['couverture des travailleurs pauvres (%)', (t) => t.coverage_working_poor, 'coverage_working_poor'],
		['ménages pauvres sans aide', (t) => t.exclusion.households, 'exclusion.households'],
		['ménages non pauvres aidés', (t) => t.inclusion.households, 'inclusion.households'],
		['aide versée aux ménages non pauvres (€)', (t) => t.inclusion.amount, 'inclusion.amount']
	];
	for (const [ligne, get, path] of targeting) pair('ciblage', ligne, get(r.baseline.targeting), get(r.scenario.targeting), `targeting.${path}`);
	for (const c of CLASSES) {
		const x = r.winners_losers[c];
		out.push({ section: 'gagnants et perdants', ligne: CLASS_LABELS[c], reference: null, scenario: x.suppressed ? SECRET : x.households, ecart: x.suppressed ? SECRET : x.amount });
	}
	for (const x of r.leaving_reasons.rows)
		out.push({ section: 'raisons de la perte', ligne: x.label, reference: null, scenario: x.suppressed ? SECRET : x.households, ecart: x.suppressed ? SECRET : x.amount });
	const rows = (section: string, list: Published['by_commune']) => {
		for (const x of list) {
			if (x.suppressed) out.push({ section, ligne: x.label, reference: SECRET, scenario: SECRET, ecart: null });
			else {
				const a = x.baseline!.cost;
				const b = x.scenario!.cost;
				out.push({ section, ligne: `${x.label} — coût payé (€)`, reference: a ?? SECRET, scenario: b ?? SECRET, ecart: a === null || b === null ? SECRET : Math.round((b - a) * 100) / 100 });
			}
		}
	};
	rows('par commune', r.by_commune);
	rows('par type de ménage', r.by_family_type);
	rows('par activité', r.by_activity);
	rows('par statut d’occupation', r.by_tenure);
	rows('par dixième de niveau de vie', r.by_decile);
	for (const m of r.envelope.by_month)
		pair('enveloppe par mois', `${m.label} — payé (€)`, r.baseline_envelope.by_month[m.month - 1].spent, m.spent, `by_month.${m.month}.spent`, ['baseline_envelope', 'envelope']);
	const envelopes: [string, 'budget' | 'spent' | 'beneficiaries' | 'exhausted_month'][] = [
		['enveloppe (€)', 'budget'],
		['payé (€)', 'spent'],
		['bénéficiaires', 'beneficiaries'],
		['mois d’épuisement (1–12)', 'exhausted_month']
	];
	for (const c of r.envelope.by_commune) {
		const b = r.baseline_envelope.by_commune.find((x) => x.commune === c.commune);
		for (const [ligne, k] of envelopes) pair('enveloppe par commune', `${c.label} — ${ligne}`, b?.[k] ?? null, c[k], `by_commune.${c.commune}.${k}`, ['baseline_envelope', 'envelope']);
	}
	const need: [string, (n: Published['need']['baseline']) => number | null, string][] = [
		['ménages sous le seuil de reste à vivre', (n) => n.below_before.households, 'below_before.households'],
		['ménages qui passent au-dessus du seuil grâce à l’aide', (n) => n.lifted.households, 'lifted.households'],
		['écart au seuil avant aide (€/an)', (n) => n.gap_before, 'gap_before'],
		['écart au seuil après aide (€/an)', (n) => n.gap_after, 'gap_after'],
		['écart comblé (€/an)', (n) => n.gap_closed, 'gap_closed'],
		['écart comblé par euro versé', (n) => n.gap_closed_per_euro, 'gap_closed_per_euro'],
		['ménages pauvres', (n) => n.poverty.below_before.households, 'poverty.below_before.households'],
		['ménages sortis de la pauvreté par l’aide', (n) => n.poverty.lifted.households, 'poverty.lifted.households'],
		['écart au seuil de pauvreté avant aide (€/an)', (n) => n.poverty.gap_before, 'poverty.gap_before'],
		['écart au seuil de pauvreté après aide (€/an)', (n) => n.poverty.gap_after, 'poverty.gap_after'],
		['écart de pauvreté comblé par euro versé', (n) => n.poverty.gap_closed_per_euro, 'poverty.gap_closed_per_euro']
	];
	for (const [ligne, get, path] of need) pair('effet sur le besoin', ligne, get(r.need.baseline), get(r.need.scenario), path, ['need.baseline', 'need.scenario']);
	return toCsv(['section', 'ligne', 'reference', 'scenario', 'ecart'], out);
}
