/**
 * The Aides page's tables as plain text grids, in French: the page renders them, exports them as CSV
 * (frenchCsv) and the e2e test compares them with the same function run in Node. Secret cells read
 * « secret », never 0. On synthetic data a cell real data would hide keeps its text and is flagged in `marked`
 * (same shape as `rows`), which the page draws as a mark and the CSV writes as « ◌ » after the text.
 */
import { frenchCsv, WOULD_BE_SECRET_LEGEND } from '../app/indicators-view.ts';
import { formatMonth, formatNumber, formatValue, SECRET_LABEL, WOULD_BE_SECRET_MARK } from '../ui/format.ts';
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
	/** Only when some cell is marked (synthetic data): true where real data would hide the cell. */
	marked?: boolean[][];
}

type Figure = Cell | { value: number | null; suppressed: boolean; would_be_secret?: boolean };
/** A cell of a table being built: plain text, or a figure's text with its mark. */
type Item = string | { text: string; marked: boolean };

/** A figure's text, marked when only real data would hide it. */
const item = (c: Figure, kind: Kind): Item => ({ text: fmt(c, kind), marked: c.would_be_secret === true });

function table(id: string, title: string, header: string[], items: Item[][]): AidTable {
	const rows = items.map((r) => r.map((x) => (typeof x === 'string' ? x : x.text)));
	const marked = items.map((r) => r.map((x) => typeof x !== 'string' && x.marked));
	// Real data never carry a mark: their tables keep exactly the shape they had.
	return marked.some((r) => r.includes(true)) ? { id, title, header, rows, marked } : { id, title, header, rows };
}

export function fmt(c: Figure, kind: Kind): string {
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

const outcomeLine = (o: OutcomeRow): Item[] => [
	o.group,
	label(o.category),
	item(o.granted, 'count'),
	item(o.known, 'count'),
	item(o.stabilised, 'pct'),
	item(o.unchanged, 'pct'),
	item(o.degraded, 'pct')
];
const OUTCOME_HEADER = ['groupe', 'catégorie', 'aides accordées', 'situation connue', 'stabilisée', 'inchangée', 'dégradée'];
const BREAKDOWN_HEADER = ['demandes', 'accordées', 'taux d’accord', 'montant accordé'];

export function aidTables(r: AidReport, names: (code: string) => string = (c) => c): AidTable[] {
	const a = r.activity;
	const breakdown = (id: string, title: string, first: string, rows: typeof a.byType, labels = LABELS): AidTable =>
		table(
			id,
			title,
			[first, ...BREAKDOWN_HEADER],
			rows.map((b) => [labels[b.key] ?? b.key, item(b.requests, 'count'), item(b.granted, 'count'), item(b.grantRate, 'pct'), item(b.amount, 'eur')])
		);
	const dist = (id: string, title: string, d: typeof a.amounts, kind: Kind): AidTable[] => [
		table(
			`${id}-quantiles`,
			`${title} : quantiles`,
			['moyenne', ...d.quantiles.map((q) => (q.q === 0.5 ? 'médiane' : `${Math.round(q.q * 100)}e centile`))],
			[[item(d.mean, kind), ...d.quantiles.map((q) => item(q.value, kind))]]
		),
		table(
			`${id}-tranches`,
			`${title} : tranches`,
			['tranche', 'nombre', 'part'],
			d.bands.map((b) => [b.band, item(b.count, 'count'), item(b.share, 'pct')])
		)
	];
	return [
		table(
			'synthese',
			'Synthèse',
			['demandes', 'accordées', 'refusées', 'ajournées', 'taux d’accord', 'montant accordé', 'demandes rattachées à un ménage'],
			[
				[
					item(a.requests, 'count'),
					item(a.granted, 'count'),
					item(a.refused, 'count'),
					item(a.postponed, 'count'),
					item(a.grantRate, 'pct'),
					item(a.amountGranted, 'eur'),
					item(r.profile.linkedShare, 'pct')
				]
			]
		),
		table(
			'mois',
			'Demandes et accords par mois',
			['mois', 'demandes', 'accordées', 'montant accordé'],
			a.monthly.map((m) => [formatMonth(m.month), item(m.requests, 'count'), item(m.granted, 'count'), item(m.amount, 'eur')])
		),
		breakdown('type', 'Par type d’aide', 'type d’aide', a.byType),
		breakdown('forme', 'Par forme', 'forme', a.byForm, FORM_LABELS),
		breakdown('orienteur', 'Par orienteur', 'orienteur', a.byReferrer),
		...dist('montants', 'Montants accordés', a.amounts, 'eur'),
		...dist('delais', 'Délais entre demande et décision', a.delays, 'days'),
		table(
			'profil',
			'Profil des demandeurs et des bénéficiaires (demandes rattachées à un ménage)',
			['dimension', 'catégorie', 'demandes', 'part des demandes', 'aides accordées', 'part des aides accordées'],
			r.profile.rows.map((p) => [
				p.dimension,
				label(p.category),
				item(p.applicants, 'count'),
				item(p.applicantsShare, 'pct'),
				item(p.beneficiaries, 'count'),
				item(p.beneficiariesShare, 'pct')
			])
		),
		table(
			'travailleurs-pauvres',
			'Part des travailleurs pauvres par année',
			['année', 'demandes rattachées', 'parmi les demandeurs', 'parmi les bénéficiaires'],
			r.profile.workingPoor.map((w) => [String(w.year), item(w.linked, 'count'), item(w.applicantsShare, 'pct'), item(w.beneficiariesShare, 'pct')])
		),
		table(
			'renouvellements',
			'Premiers accords et renouvellements',
			['rang', 'aides accordées', 'montant moyen'],
			r.followup.ranks.map((k) => [k.rank, item(k.granted, 'count'), item(k.meanAmount, 'eur')])
		),
		table(
			'aides-multiples',
			'Ménages aidés plusieurs fois sur la période',
			['aides accordées', 'ménages'],
			r.followup.helped.map((h) => [h.times, item(h.households, 'count')])
		),
		table('situation', 'Situation à six mois', OUTCOME_HEADER, r.followup.outcomes.map(outcomeLine)),
		table('cohortes', 'Cohortes par trimestre du premier accord', OUTCOME_HEADER, r.followup.cohorts.map(outcomeLine)),
		table(
			'enveloppe',
			'Enveloppe annuelle',
			['CCAS', 'année', 'dispositif', 'enveloppe', 'dépensé', 'part consommée', 'épuisement au rythme actuel'],
			r.envelope.map((e) => {
				const last = e.months[e.months.length - 1];
				// The month it runs out follows from the spending: marked (or secret) with it.
				const runOut =
					e.exhausted
						? `épuisée en ${monthName(e.runOutMonth!)}`
						: e.runOutMonth
							? `${monthName(e.runOutMonth)} (au rythme de ${e.elapsed} mois)`
							: 'pas d’épuisement dans l’année';
				return [
					names(e.commune),
					String(e.year),
					e.scheme ?? '–',
					e.envelope === null ? NO_ENVELOPE : fmt({ value: e.envelope, suppressed: false }, 'eur'),
					item(e.spent, 'eur'),
					e.envelope === null ? '–' : item(last.used, 'pct'),
					e.envelope === null ? '–' : e.spent.suppressed ? SECRET_LABEL : { text: runOut, marked: e.spent.would_be_secret === true }
				];
			})
		)
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

const itemCompare = (c: Figure | undefined, kind: Kind, id: string): Item => {
	if (!c) return '–';
	const marked = c.would_be_secret === true;
	if (id === 'aid_requests_per_1000' && !c.suppressed && c.value !== null) return { text: formatValue(c.value, 'pour 1 000 ménages'), marked };
	if (id === 'aid_amount_per_inhabitant' && !c.suppressed && c.value !== null) return { text: formatValue(c.value, '€/habitant'), marked };
	return item(c, kind);
};

export function compareTable(rows: readonly CompareRow[], year: number, names: (code: string, type: string) => string): AidTable {
	return table(
		'comparaison',
		`Comparaison entre CCAS, ${year}`,
		['territoire', ...COMPARE_COLUMNS.map((c) => c.label)],
		rows.map((r) => [names(r.territory, r.type), ...COMPARE_COLUMNS.map((c) => itemCompare(r.figures[c.id], c.kind, c.id))])
	);
}

/** The rows as a file writes them: a marked cell's text followed by « ◌ » (a CSV has no other way to mark it). */
export function exportRows(t: AidTable): string[][] {
	return t.rows.map((r, i) => r.map((text, j) => (t.marked?.[i][j] ? `${text} ${WOULD_BE_SECRET_MARK}` : text)));
}

/** The legend line a file ends with when it holds marked cells (the pages' words). */
export const MARK_LEGEND = WOULD_BE_SECRET_LEGEND;

export function aidTableCsv(t: AidTable): string {
	return frenchCsv(t.header, t.marked ? [...exportRows(t), [MARK_LEGEND]] : t.rows);
}
