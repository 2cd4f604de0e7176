/**
 * Status-based reference: eligible when receiving RSA, the practice seed 004_418039cb886b7fed.txt contrasts
 * with RAV criteria. Amount rule of pre-saint-gervais (DESIGN.md §5) unless the simulator pairs it otherwise.
 */
import type { Scheme } from '../scheme-schema.ts';
import { allResourcesAndCharges, DAYS_PER_MONTH, RAV_NOTE } from './shared.ts';
import psg from './pre-saint-gervais.ts';

const SEED = '004_418039cb886b7fed.txt';
const fromPsg = (id: string) => {
	const p = psg.parameters.find((q) => q.id === id)!;
	return { ...p, source: p.source.startsWith('hypothèse') ? p.source : `${p.source} (règle de montant de pre-saint-gervais, DESIGN.md §5)` };
};

export default {
	id: 'statut-rsa',
	label: 'Référence statutaire — bénéficiaires du RSA',
	description:
		'Critère de statut que la graine oppose au reste à vivre : est éligible tout ménage qui perçoit le RSA. Montant calculé avec la règle de pre-saint-gervais.',
	communes: { codes: [], source: `${SEED} : pratique générale, toute commune` },
	source: SEED,
	parameters: [fromPsg('rav_max'), fromPsg('besoin_mois'), fromPsg('plafond'), fromPsg('part_bons'), fromPsg('enveloppe'), DAYS_PER_MONTH],
	rav: allResourcesAndCharges({ kind: 'persons' }, 'day'),
	conditions: {
		kind: 'all',
		id: 'eligible',
		label: 'Condition de statut',
		of: [{ kind: 'compare', id: 'rsa', label: 'Perçoit le RSA', variable: 'benefit_rsa', op: '>', value: 0 }]
	},
	amount: { kind: 'need', need: { kind: 'shortfall', threshold: 'rav_max', months: 'besoin_mois' }, cap: 'plafond' },
	form: { kind: 'split', voucher_share: 'part_bons' },
	duration: { commission: 'comme le dispositif comparé' },
	budget: { envelope: 'enveloppe', priority: 'request_order', priority_source: 'comme pre-saint-gervais (hypothèse : ordre des demandes)' },
	notes: [RAV_NOTE, 'Le montant suit la règle de pre-saint-gervais : un bénéficiaire du RSA dont le reste à vivre dépasse le seuil est éligible pour 0 €.']
} satisfies Scheme;
