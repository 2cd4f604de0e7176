/**
 * The Aides page's tables as plain text grids, in French: the page renders them, exports them as CSV
 * (frenchCsv) and the e2e test compares them with the same function run in Node. Secret cells read
 * « secret », never 0.
 */
import { frenchCsv } from '../app/indicators-view.ts';
import { formatMonth, formatNumber, formatValue, SECRET_LABEL } from '../ui/format.ts';
import type { Cell } from './cell.ts';
import type { CompareRow } from './compare.ts';
import { NO_ENVELOPE } from './envelope.ts';
import type { OutcomeRow } from './followup.ts';
import type { AidReport } from './report.ts';

export type Kind = 'count' | 'pct' | 'eur' | 'days';

export interface AidTable {
	id: string;
	title: string;
	header: string[];
	rows: string[][];
}

export function fmt(c: Cell | { value: number | null; suppressed: boolean }, kind: Kind): string {
	if (c.suppressed) return SECRET_LABEL;
	if (c.value === null || !Number.isFinite(c.value)) return '–';
	switch (kind) {
		case 'pct':
			return formatValue(c.value, '%');
		case 'eur':
			return formatValue(c.value, '€');
		case 'days':
			return `${formatNumber(c.value, 0)} j`;
		default:
			return formatNumber(c.value, 0);
	}
}

export const LABELS: Record<string, string> = {
	food: 'alimentaire',
	cash: 'secours financier',
	bill_energy: 'facture d’énergie',
	bill_rent: 'loyer',
	microcredit: 'microcrédit',
	other: 'autre',
	voucher: 'bons, chèques',
	direct_payment: 'paiement direct au créancier',
	loan: 'prêt',
	ccas: 'CCAS',
	departement: 'Département',
	caf: 'CAF',
	association: 'association',
	single: 'personne seule',
	couple: 'couple sans enfant',
	couple_children: 'couple avec enfants',
	single_parent: 'famille monoparentale',
	employed: 'en emploi',
	unemployed: 'au chômage',
	retired: 'retraité',
	student: 'étudiant',
	inactive: 'autre inactif',
	permanent: 'CDI',
	fixed_term: 'CDD',
	temp_agency: 'intérim',
	self_employed: 'indépendant',
	none: 'aucun'
};
/** `cash` is both an aid type and a form: the form reads « espèces ». */
const FORM_LABELS: Record<string, string> = { ...LABELS, cash: 'espèces', other: 'autre' };
export const label = (k: string) => LABELS[k] ?? k;
const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
export const monthName = (m: number) => MONTHS[m - 1];

const outcomeLine = (o: OutcomeRow) => [
	o.group,
	label(o.category),
	fmt(o.granted, 'count'),
	fmt(o.known, 'count'),
	fmt(o.stabilised, 'pct'),
	fmt(o.unchanged, 'pct'),
	fmt(o.degraded, 'pct')
];
const OUTCOME_HEADER = ['groupe', 'catégorie', 'aides accordées', 'situation connue', 'stabilisée', 'inchangée', 'dégradée'];
const BREAKDOWN_HEADER = ['demandes', 'accordées', 'taux d’accord', 'montant accordé'];

export function aidTables(r: AidReport, names: (code: string) => string = (c) => c): AidTable[] {
	const a = r.activity;
	const breakdown = (id: string, title: string, first: string, rows: typeof a.byType, labels = LABELS): AidTable => ({
		id,
		title,
		header: [first, ...BREAKDOWN_HEADER],
		rows: rows.map((b) => [labels[b.key] ?? b.key, fmt(b.requests, 'count'), fmt(b.granted, 'count'), fmt(b.grantRate, 'pct'), fmt(b.amount, 'eur')])
	});
	const dist = (id: string, title: string, d: typeof a.amounts, kind: Kind): AidTable[] => [
		{
			id: `${id}-quantiles`,
			title: `${title} : quantiles`,
			header: ['moyenne', ...d.quantiles.map((q) => (q.q === 0.5 ? 'médiane' : `${Math.round(q.q * 100)}e centile`))],
			rows: [[fmt(d.mean, kind), ...d.quantiles.map((q) => fmt(q.value, kind))]]
		},
		{
			id: `${id}-tranches`,
			title: `${title} : tranches`,
			header: ['tranche', 'nombre', 'part'],
			rows: d.bands.map((b) => [b.band, fmt(b.count, 'count'), fmt(b.share, 'pct')])
		}
	];
	return [
		{
			id: 'synthese',
			title: 'Synthèse',
			header: ['demandes', 'accordées', 'refusées', 'ajournées', 'taux d’accord', 'montant accordé', 'demandes rattachées à un ménage'],
			rows: [
				[
					fmt(a.requests, 'count'),
					fmt(a.granted, 'count'),
					fmt(a.refused, 'count'),
					fmt(a.postponed, 'count'),
					fmt(a.grantRate, 'pct'),
					fmt(a.amountGranted, 'eur'),
					fmt(r.profile.linkedShare, 'pct')
				]
			]
		},
		{
			id: 'mois',
			title: 'Demandes et accords par mois',
			header: ['mois', 'demandes', 'accordées', 'montant accordé'],
			rows: a.monthly.map((m) => [formatMonth(m.month), fmt(m.requests, 'count'), fmt(m.granted, 'count'), fmt(m.amount, 'eur')])
		},
		breakdown('type', 'Par type d’aide', 'type d’aide', a.byType),
		breakdown('forme', 'Par forme', 'forme', a.byForm, FORM_LABELS),
		breakdown('orienteur', 'Par orienteur', 'orienteur', a.byReferrer),
		...dist('montants', 'Montants accordés', a.amounts, 'eur'),
		...dist('delais', 'Délais entre demande et décision', a.delays, 'days'),
		{
			id: 'profil',
			title: 'Profil des demandeurs et des bénéficiaires (demandes rattachées à un ménage)',
			header: ['dimension', 'catégorie', 'demandes', 'part des demandes', 'aides accordées', 'part des aides accordées'],
			rows: r.profile.rows.map((p) => [
				p.dimension,
				label(p.category),
				fmt(p.applicants, 'count'),
				fmt(p.applicantsShare, 'pct'),
				fmt(p.beneficiaries, 'count'),
				fmt(p.beneficiariesShare, 'pct')
			])
		},
		{
			id: 'travailleurs-pauvres',
			title: 'Part des travailleurs pauvres par année',
			header: ['année', 'demandes rattachées', 'parmi les demandeurs', 'parmi les bénéficiaires'],
			rows: r.profile.workingPoor.map((w) => [String(w.year), fmt(w.linked, 'count'), fmt(w.applicantsShare, 'pct'), fmt(w.beneficiariesShare, 'pct')])
		},
		{
			id: 'renouvellements',
			title: 'Premiers accords et renouvellements',
			header: ['rang', 'aides accordées', 'montant moyen'],
			rows: r.followup.ranks.map((k) => [k.rank, fmt(k.granted, 'count'), fmt(k.meanAmount, 'eur')])
		},
		{
			id: 'aides-multiples',
			title: 'Ménages aidés plusieurs fois sur la période',
			header: ['aides accordées', 'ménages'],
			rows: r.followup.helped.map((h) => [h.times, fmt(h.households, 'count')])
		},
		{ id: 'situation', title: 'Situation à six mois', header: OUTCOME_HEADER, rows: r.followup.outcomes.map(outcomeLine) },
		{ id: 'cohortes', title: 'Cohortes par trimestre du premier accord', header: OUTCOME_HEADER, rows: r.followup.cohorts.map(outcomeLine) },
		{
			id: 'enveloppe',
			title: 'Enveloppe annuelle',
			header: ['CCAS', 'année', 'dispositif', 'enveloppe', 'dépensé', 'part consommée', 'épuisement au rythme actuel'],
			rows: r.envelope.map((e) => {
				const last = e.months[e.months.length - 1];
				return [
					names(e.commune),
					String(e.year),
					e.scheme ?? '–',
					e.envelope === null ? NO_ENVELOPE : fmt({ value: e.envelope, suppressed: false }, 'eur'),
					fmt(e.spent, 'eur'),
					e.envelope === null ? '–' : fmt(last.used, 'pct'),
					e.envelope === null
						? '–'
						: e.spent.suppressed
							? SECRET_LABEL
							: e.exhausted
							? `épuisée en ${monthName(e.runOutMonth!)}`
							: e.runOutMonth
								? `${monthName(e.runOutMonth)} (au rythme de ${e.elapsed} mois)`
								: 'pas d’épuisement dans l’année'
				];
			})
		}
	];
}

export const COMPARE_COLUMNS: { id: string; label: string; kind: Kind }[] = [
	{ id: 'aid_requests_count', label: 'demandes', kind: 'count' },
	{ id: 'aid_requests_per_1000', label: 'demandes pour 1 000 ménages', kind: 'count' },
	{ id: 'aid_grant_rate', label: 'taux d’accord', kind: 'pct' },
	{ id: 'aid_median_amount', label: 'montant médian', kind: 'eur' },
	{ id: 'aid_amount_per_inhabitant', label: 'aides par habitant', kind: 'eur' },
	{ id: 'aid_working_households_share', label: 'demandes de ménages en emploi', kind: 'pct' },
	{ id: 'aid_renewal_share', label: 'renouvellements', kind: 'pct' },
	{ id: 'aid_outcome_stabilised_share', label: 'situation stabilisée à 6 mois', kind: 'pct' }
];

const fmtCompare = (c: { value: number | null; suppressed: boolean } | undefined, kind: Kind, id: string) => {
	if (!c) return '–';
	if (id === 'aid_requests_per_1000' && !c.suppressed && c.value !== null) return formatValue(c.value, 'pour 1 000 ménages');
	if (id === 'aid_amount_per_inhabitant' && !c.suppressed && c.value !== null) return formatValue(c.value, '€/habitant');
	return fmt(c, kind);
};

export function compareTable(rows: readonly CompareRow[], year: number, names: (code: string, type: string) => string): AidTable {
	return {
		id: 'comparaison',
		title: `Comparaison entre CCAS, ${year}`,
		header: ['territoire', ...COMPARE_COLUMNS.map((c) => c.label)],
		rows: rows.map((r) => [names(r.territory, r.type), ...COMPARE_COLUMNS.map((c) => fmtCompare(r.figures[c.id], c.kind, c.id))])
	};
}

export function aidTableCsv(t: AidTable): string {
	return frenchCsv(t.header, t.rows);
}
