/**
 * The headline sentence, from hand-made published reports: the exact French sentence written by hand, and no
 * clause stating a figure the report keeps secret.
 */
import { describe, expect, it } from 'vitest';
import type { Published } from '#lib/scenario/publish.ts';
import { roundedEuros, summarySentence as sentence } from '#lib/scenario/summary.ts';

/** French formats put narrow no-break spaces in numbers: compared as plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const summarySentence = (r: Published) => plain(sentence(r));

type Side = { beneficiaries: number; cost: number; wpCoverage: number; wp: number };
type Env = { budget: number | null; month: number | null };

/** Only the fields the sentence reads; the rest of a report does not matter to it. */
function report(o: {
	changes?: { label: string; unit: string; from: number; to: number }[];
	base: Side;
	scen: Side;
	env?: Env;
	baseEnv?: Env;
	communes?: string[];
	secret?: string[];
	synthetic?: boolean;
	schemes?: [string, string];
}): Published {
	const side = (s: Side, scheme: string, label: string) => ({
		scheme,
		label,
		beneficiaries: s.beneficiaries,
		cost: s.cost,
		targeting: { coverage_working_poor: s.wpCoverage, working_poor_households: s.wp }
	});
	const env = (e: Env = { budget: null, month: null }) => ({ budget: e.budget, capacity: null, exhausted_month: e.month });
	const [b, s] = o.schemes ?? ['pre-saint-gervais', 'pre-saint-gervais'];
	return {
		changes: (o.changes ?? []).map((c) => ({ parameter: 'x', source: '', hypothese: false, ...c })),
		baseline: side(o.base, b, b === 'statut-rsa' ? 'Référence statutaire — bénéficiaires du RSA' : 'Le Pré-Saint-Gervais'),
		scenario: side(o.scen, s, 'Le Pré-Saint-Gervais — aide aux travailleurs pauvres'),
		envelope: env(o.env),
		baseline_envelope: env(o.baseEnv ?? o.env),
		territory: { communes: o.communes ?? ['93061'] },
		secret: o.secret ?? [],
		synthetic: o.synthetic ?? false
	} as unknown as Published;
}

const RAV = [{ label: 'Reste à vivre maximal', unit: '€/jour/personne', from: 10, to: 12 }];

describe('summarySentence', () => {
	it('states the change, the households, the working poor, the cost and the envelope', () => {
		// 120 → 166 households: 46 more. Working poor served: 25 % of 200 = 50 → 40.5 % of 200 = 81: 31 more.
		// Cost 11 000 → 20 812 €: 9 812 € more, read to 100 €: 9 800 €.
		const r = report({
			changes: RAV,
			base: { beneficiaries: 120, cost: 11000, wpCoverage: 25, wp: 200 },
			scen: { beneficiaries: 166, cost: 20812, wpCoverage: 40.5, wp: 200 },
			env: { budget: 12000, month: 9 },
			baseEnv: { budget: 12000, month: 11 }
		});
		expect(summarySentence(r)).toBe(
			'En passant « Reste à vivre maximal » de 10 à 12 €/jour/personne, le CCAS aiderait 46 ménages de plus, dont 31 travailleurs pauvres, ' +
				'pour 9 800 € de plus ; l’enveloppe de 12 000 € serait épuisée en septembre au lieu de novembre.'
		);
	});

	it('lowering a threshold over several communes: fewer households, verbs in the plural, an envelope no longer exhausted', () => {
		const r = report({
			changes: [{ label: 'Reste à vivre maximal', unit: '€/jour/personne', from: 10, to: 8 }],
			base: { beneficiaries: 80.4, cost: 9000, wpCoverage: 10, wp: 100 },
			scen: { beneficiaries: 59.6, cost: 6500, wpCoverage: 10, wp: 100 },
			env: { budget: 24000, month: null },
			baseEnv: { budget: 24000, month: 10 },
			communes: ['93061', '93006']
		});
		// 80 → 60: 20 fewer; the working poor served do not change (10 → 10), so no « dont »; 2 500 € less.
		expect(summarySentence(r)).toBe(
			'En passant « Reste à vivre maximal » de 10 à 8 €/jour/personne, les CCAS aideraient 20 ménages de moins pour 2 500 € de moins ; ' +
				'l’enveloppe de 24 000 € ne serait plus épuisée (elle l’est en octobre dans la référence).'
		);
	});

	it('the scheme alone, and the status reference against it', () => {
		const alone = report({ base: { beneficiaries: 1, cost: 400, wpCoverage: 0, wp: 10 }, scen: { beneficiaries: 1, cost: 400, wpCoverage: 0, wp: 10 } });
		expect(summarySentence(alone)).toBe('Avec ses paramètres d’origine, le dispositif « Le Pré-Saint-Gervais » aiderait 1 ménage pour 400 € dans l’année.');
		const vs = report({
			schemes: ['statut-rsa', 'pre-saint-gervais'],
			base: { beneficiaries: 30, cost: 12000, wpCoverage: 5, wp: 100 },
			scen: { beneficiaries: 30, cost: 12000, wpCoverage: 20, wp: 100 },
			env: { budget: 12000, month: 6 }
		});
		expect(summarySentence(vs)).toBe(
			'En attribuant l’aide selon les critères de « Le Pré-Saint-Gervais » plutôt qu’au statut (bénéficiaires du RSA), le CCAS ne changerait pas le nombre de ménages aidés (30) ' +
				'pour le même coût ; l’enveloppe de 12 000 € serait épuisée en juin, comme dans la référence.'
		);
	});

	it('never states a secret figure; on synthetic data the same figures are stated', () => {
		const secret = ['scenario.beneficiaries', 'scenario.cost', 'scenario.targeting.coverage_working_poor'];
		const o = { changes: RAV, base: { beneficiaries: 40, cost: 5000, wpCoverage: 10, wp: 50 }, scen: { beneficiaries: 47, cost: 5700, wpCoverage: 20, wp: 50 }, secret };
		const hidden = summarySentence(report(o));
		expect(hidden).toBe('En passant « Reste à vivre maximal » de 10 à 12 €/jour/personne, le CCAS changerait le nombre de ménages aidés d’un nombre trop faible pour être publié.');
		for (const x of ['47', '7 ', '5 700', '700']) expect(hidden).not.toContain(x);
		// Synthetic: 40 → 47 (7 more), working poor 5 → 10 (5 more), 700 € more.
		expect(summarySentence(report({ ...o, synthetic: true }))).toBe(
			'En passant « Reste à vivre maximal » de 10 à 12 €/jour/personne, le CCAS aiderait 7 ménages de plus, dont 5 travailleurs pauvres, pour 700 € de plus.'
		);
	});

	it('working poor shifting more than the count of households: said apart, not as « dont »', () => {
		// 100 → 110 households (+10); working poor served 10 % of 300 = 30 → 20 % of 300 = 60 (+30 > +10).
		const r = report({ changes: RAV, base: { beneficiaries: 100, cost: 1000, wpCoverage: 10, wp: 300 }, scen: { beneficiaries: 110, cost: 1000, wpCoverage: 20, wp: 300 } });
		expect(summarySentence(r)).toBe(
			'En passant « Reste à vivre maximal » de 10 à 12 €/jour/personne, le CCAS aiderait 10 ménages de plus, avec 30 travailleurs pauvres de plus parmi les ménages aidés, pour le même coût.'
		);
	});

	it('rounds euros to 100 € from 1 000 €', () => {
		expect(plain(roundedEuros(950.4))).toBe('950 €');
		expect(plain(roundedEuros(-12049))).toBe('12 000 €');
		expect(plain(roundedEuros(12050))).toBe('12 100 €');
	});
});
