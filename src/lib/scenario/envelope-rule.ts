/**
 * Each CCAS with its own envelope (issue 17): a scheme applied to a territory of several communes is allocated
 * commune by commune, each commune's eligible households in the scheme's priority order against that commune's
 * own envelope and capacity (allocate's `split`). How each commune's envelope is set is the rule of the scenario:
 *
 *  - `same`: each commune gets the scheme's envelope (and capacity) on its own, as if its CCAS adopted the
 *    scheme with the same budget;
 *  - `per_household`: each commune's envelope is the scheme's envelope × (the commune's weighted households /
 *    the households of the scheme's own commune(s)), rounded to the euro; the capacity follows the same ratio,
 *    rounded to the whole household. The reference households are read in the data when the scheme's own
 *    communes are all there with at least SECRECY_MIN_ROWS rows each (the same weighted count as the commune's);
 *    otherwise INSEE Filosofi 2021's fiscal households of the scheme's commune (REFERENCE_HOUSEHOLDS), and the
 *    report's rule_note says which was used;
 *  - `custom`: the budget of each commune typed by the user, in euros; a commune of the territory missing from
 *    the list is an error naming it. The capacity, if the scheme has one, follows the typed budget in
 *    proportion (capacity × budget / the scheme's envelope), rounded to the whole household.
 *
 * A scheme that pays with another scheme's budget (statut-rsa paired with the simulated scheme, DESIGN.md §5)
 * takes that scheme's own communes as its reference (report.ts ownCommunes).
 */
import { SECRECY_MIN_ROWS } from '../indicators/secrecy.ts';
import { paramValues, type Scheme } from '../rules/scheme-schema.ts';
import type { Population } from './population.ts';

export type EnvelopeRule = { kind: 'same' } | { kind: 'per_household' } | { kind: 'custom'; budgets: Record<string, number> };
export type EnvelopeRuleKind = EnvelopeRule['kind'];

export const DEFAULT_ENVELOPE_RULE: EnvelopeRule = { kind: 'same' };

/**
 * Fiscal households of the schemes' own communes, INSEE Filosofi 2021, base-cc (cc_filosofi_2021_COM.csv,
 * column NBMENFISC21): the reference of `per_household` when the scheme's commune is not in the data.
 */
export const REFERENCE_HOUSEHOLDS: Record<string, number> = {
	'93061': 7399, // Le Pré-Saint-Gervais (pre-saint-gervais)
	'94038': 12610, // L'Haÿ-les-Roses (elan)
	'17300': 39442, // La Rochelle (la-rochelle)
	'92012': 54826 // Boulogne-Billancourt (boulogne-billancourt)
};
export const REFERENCE_SOURCE = 'INSEE, Filosofi 2021, ménages fiscaux (NBMENFISC21)';

export const RULE_LABELS: Record<EnvelopeRuleKind, string> = {
	same: 'Même enveloppe pour chaque commune : chaque CCAS dispose de l’enveloppe (et de la capacité) du dispositif',
	per_household:
		'Enveloppe proportionnelle aux ménages : enveloppe du dispositif × ménages de la commune / ménages de la commune du dispositif, arrondie à l’euro (capacité au même prorata, arrondie au ménage)',
	custom: 'Enveloppe saisie pour chaque commune (capacité au prorata de l’enveloppe saisie, arrondie au ménage)'
};

/** Envelope and capacity of each commune of the population (pop.communes order) for one side. */
export interface CommuneEnvelopes {
	rule: EnvelopeRuleKind;
	rule_label: string;
	/** What was used and why (reference households, fallback, ignored parameter), French; null when nothing to say. */
	rule_note: string | null;
	/** per_household: the households the scheme's envelope is for. */
	reference: { communes: string[]; households: number; source: string } | null;
	/** €, per commune; null without envelope. */
	budgets: (number | null)[];
	capacities: (number | null)[];
}

const euros = (x: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(x)} €`;
const count = (x: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(x);

/**
 * `ownCommunes`: the communes the scheme's envelope was voted for (the scheme's, or for a paired status rule the
 * simulated scheme's). Throws a French message on a custom list missing a commune or holding a bad amount.
 */
export function communeEnvelopes(pop: Population, scheme: Scheme, rule: EnvelopeRule = DEFAULT_ENVELOPE_RULE, ownCommunes: readonly string[] = scheme.communes.codes): CommuneEnvelopes {
	const p = paramValues(scheme);
	const envelope = scheme.budget.envelope ? p[scheme.budget.envelope] : null;
	const capacity = scheme.budget.capacity ? p[scheme.budget.capacity] : null;
	const k = pop.communes.length;
	const base = { rule: rule.kind, rule_label: RULE_LABELS[rule.kind] };
	if (rule.kind === 'same') return { ...base, rule_note: null, reference: null, budgets: new Array(k).fill(envelope), capacities: new Array(k).fill(capacity) };
	if (rule.kind === 'custom') {
		const budgets = pop.communes.map((c) => {
			const b = rule.budgets[c];
			if (b === undefined) throw new Error(`enveloppe par commune : pas d’enveloppe saisie pour la commune ${c}`);
			if (!(Number.isFinite(b) && b >= 0)) throw new Error(`enveloppe par commune : montant invalide pour la commune ${c} (« ${b} »)`);
			return b;
		});
		const capacities = budgets.map((b) => (capacity === null ? null : envelope ? Math.round((capacity * b) / envelope) : capacity));
		const note = envelope === null ? null : `Le paramètre « enveloppe » du dispositif (${euros(envelope)}) n’est pas utilisé : chaque commune a son enveloppe saisie.`;
		return { ...base, rule_note: note, reference: null, budgets, capacities };
	}
	// per_household
	const own = [...ownCommunes];
	if (!own.length) throw new Error(`enveloppe proportionnelle aux ménages : le dispositif ${scheme.id} n’a pas de commune de référence`);
	const inData = own.map((c) => householdsOf(pop, c));
	let reference: CommuneEnvelopes['reference'];
	let note: string;
	if (inData.every((x) => x !== null && x.n >= SECRECY_MIN_ROWS)) {
		const households = inData.reduce((s, x) => s + x!.households, 0);
		reference = { communes: own, households, source: 'données' };
		note = `Ménages de référence : ${count(households)} ménages (pondérés) de ${own.join(', ')} dans les données.`;
	} else {
		const missing = own.filter((c) => REFERENCE_HOUSEHOLDS[c] === undefined);
		if (missing.length) throw new Error(`enveloppe proportionnelle aux ménages : nombre de ménages de référence inconnu pour ${missing.join(', ')}`);
		const households = own.reduce((s, c) => s + REFERENCE_HOUSEHOLDS[c], 0);
		reference = { communes: own, households, source: REFERENCE_SOURCE };
		const why = inData.some((x) => x === null) ? 'absente des données' : `moins de ${SECRECY_MIN_ROWS} ménages dans les données`;
		note = `Commune du dispositif (${own.join(', ')}) ${why} : ménages de référence ${count(households)} (${REFERENCE_SOURCE}), rapportés aux ménages pondérés des données.`;
	}
	const ratio = pop.communes.map((_, c) => pop.commune_households[c] / reference!.households);
	return {
		...base,
		rule_note: note,
		reference,
		budgets: ratio.map((x) => (envelope === null ? null : Math.round(envelope * x))),
		capacities: ratio.map((x) => (capacity === null ? null : Math.round(capacity * x)))
	};
}

/** Weighted households and rows of a commune: in the territory, else in the rest of the data (pop.data_households). */
function householdsOf(pop: Population, code: string): { households: number; n: number } | null {
	const k = pop.communes.indexOf(code);
	if (k >= 0) return { households: pop.commune_households[k], n: pop.commune_rows[k] };
	return pop.data_households[code] ?? null;
}

/**
 * A CSV of budgets per commune as a user writes it in Excel (`vigie simulate --envelope-rule FILE`, and a file
 * dropped on the page): two columns, commune code and envelope in euros; separator `;`, tab or `,`; decimal
 * comma and thousands spaces accepted (« 12 000,50 »), a `€` sign too; an optional header line; empty lines
 * skipped; a code whose leading zero Excel dropped (« 1053 ») read as 01053. Throws a French message naming the
 * line on anything else (a bad code, a bad amount, a commune twice, nothing at all).
 */
export function parseEnvelopeCsv(text: string): Record<string, number> {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
	const sep = lines.some((l) => l.includes(';')) ? ';' : lines.some((l) => l.includes('\t')) ? '\t' : ',';
	const out: Record<string, number> = {};
	let rows = 0;
	let header = false;
	lines.forEach((line, k) => {
		if (!line.trim() || !line.split(sep).some((x) => x.trim())) return;
		const at = `ligne ${k + 1}`;
		const cells = line.split(sep).map((x) => x.trim().replace(/^"(.*)"$/, '$1').trim());
		while (cells.length > 2 && cells[cells.length - 1] === '') cells.pop();
		let [code, amount] = cells;
		if (/^[0-9]{4}$/.test(code)) code = `0${code}`;
		const isCode = /^([0-9]{2}|2[AB])[0-9]{3}$/i.test(code);
		// A header: the first non-empty line, whose first cell is not a commune code.
		if (!rows && !header && !isCode && !/^[0-9]/.test(code)) {
			header = true;
			return;
		}
		if (cells.length !== 2) throw new Error(`${at} : deux colonnes attendues (commune${sep}enveloppe), ${cells.length} lues`);
		if (!isCode) throw new Error(`${at} : code commune invalide « ${code} »`);
		const value = parseEuros(amount);
		if (value === null) throw new Error(`${at} : enveloppe « ${amount} » : un montant en euros positif ou nul est attendu`);
		code = code.toUpperCase();
		if (code in out) throw new Error(`${at} : la commune ${code} apparaît deux fois`);
		out[code] = value;
		rows++;
	});
	if (!rows) throw new Error('aucune ligne commune;enveloppe');
	return out;
}

/** « 12 000,50 € », « 12000.5 », « 12 000 » → 12000.5; null when not a non-negative amount. */
function parseEuros(text: string | undefined): number | null {
	if (text === undefined) return null;
	let t = text.replace(/[\s\u00a0\u202f€]/g, '');
	if (t.includes(',') && t.includes('.')) t = t.replace(/\./g, '');
	t = t.replace(',', '.');
	if (!/^[0-9]+(\.[0-9]+)?$/.test(t)) return null;
	return Number(t);
}
