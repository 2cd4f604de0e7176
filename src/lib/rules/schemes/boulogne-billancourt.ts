/** Boulogne-Billancourt (92): food aid with social support. Seed 003_9f28952484faa80e.txt; defaults domain.md §10.2. */
import type { Scheme } from '../scheme-schema.ts';
import { allResourcesAndCharges, DAYS_PER_MONTH, POVERTY_THRESHOLD, RAV_NOTE } from './shared.ts';

const SEED = '003_9f28952484faa80e.txt';

export default {
	id: 'boulogne-billancourt',
	label: 'Boulogne-Billancourt — aide alimentaire accompagnée',
	description:
		'Chèques d’accompagnement personnalisé pendant 3 mois, renouvelables une fois à −50 %, avec un accompagnement social contractualisé de 6 mois, pour les personnes isolées aux petites ressources dont le reste à vivre ne couvre pas l’alimentation.',
	communes: { codes: ['92012'], source: SEED },
	source: SEED,
	parameters: [
		POVERTY_THRESHOLD,
		{
			id: 'rav_max',
			label: 'Reste à vivre maximal',
			value: 8,
			unit: '€/jour/personne',
			year: 2008,
			source: 'hypothèse : « reste à vivre insuffisant pour faire face aux dépenses alimentaires » sans chiffre ; 8 €/jour/personne (domain.md §10.2), borne de la tranche 5–8 € de Maisons-Laffitte (§4.3)'
		},
		{
			id: 'montant_mensuel',
			label: 'Chèques par mois (première période)',
			value: 128,
			unit: '€/mois',
			year: 2009,
			source: `${SEED} : dérivé du budget 2009 de chèques, 17 265 € / 30 ménages prévus / 4,5 mois-équivalents ≈ 128 € (domain.md §10.2)`,
			min: 0
		},
		{ id: 'duree_mois', label: 'Durée d’une période', value: 3, unit: 'mois', year: 2008, source: `${SEED} : « pendant une période de 3 mois renouvelable »`, min: 1, integer: true },
		{
			id: 'renouvellements',
			label: 'Renouvellements possibles',
			value: 1,
			unit: 'renouvellements',
			year: 2008,
			source: `${SEED} : « l’aide renouvelée pour une seconde période » : un renouvellement`,
			min: 0,
			integer: true
		},
		{ id: 'degressivite', label: 'Baisse au renouvellement', value: 0.5, unit: 'part', year: 2008, source: `${SEED} : « dégressive de 50 % »`, min: 0, max: 1 },
		{ id: 'accompagnement_mois', label: 'Accompagnement social', value: 6, unit: 'mois', year: 2008, source: `${SEED} : « L’accompagnement social se déroule sur 6 mois et est contractualisé »`, min: 0 },
		{ id: 'enveloppe', label: 'Budget de chèques', value: 17265, unit: '€/an', year: 2009, source: `${SEED} : « des chèques accompagnement personnalisé pour un budget de 17 265 euros »`, min: 0 },
		DAYS_PER_MONTH
	],
	rav: allResourcesAndCharges({ kind: 'persons' }, 'day'),
	conditions: {
		kind: 'all',
		id: 'eligible',
		label: 'Toutes les conditions du dispositif',
		of: [
			{ kind: 'compare', id: 'isole', label: 'Personne isolée (ménage d’une personne)', variable: 'persons', op: '==', value: 1 },
			{ kind: 'compare', id: 'petites_ressources', label: 'Petites ressources : niveau de vie sous le seuil de pauvreté', variable: 'living_standard_monthly', op: '<', param: 'seuil_pauvrete' },
			{ kind: 'compare', id: 'rav', label: 'Reste à vivre par personne et par jour sous le seuil', variable: 'rav_per_unit', op: '<', param: 'rav_max' }
		]
	},
	amount: { kind: 'fixed', amount: 'montant_mensuel', per: 'month' },
	form: { kind: 'single', form: 'voucher' },
	duration: {
		months: 'duree_mois',
		renewals: 'renouvellements',
		degressivity: 'degressivite',
		support_months: 'accompagnement_mois',
		commission: 'commission hebdomadaire des aides (003_9f28952484faa80e.txt)'
	},
	budget: {
		envelope: 'enveloppe',
		priority: 'request_order',
		priority_source: 'hypothèse : la commission hebdomadaire accorde dans l’ordre des demandes jusqu’à épuisement du budget de chèques (la graine ne dit rien)'
	},
	notes: [RAV_NOTE]
} satisfies Scheme;
