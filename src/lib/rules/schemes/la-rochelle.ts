/** La Rochelle (17): personalised path for the working poor. Seed 002_b6ad5844b7886a1e.txt; defaults domain.md §10.2. */
import type { Scheme } from '../scheme-schema.ts';
import { allResourcesAndCharges, DAYS_PER_MONTH, RAV_NOTE } from './shared.ts';

const SEED = '002_b6ad5844b7886a1e.txt';

export default {
	id: 'la-rochelle',
	label: 'La Rochelle — parcours personnalisé des travailleurs pauvres',
	description:
		'Réponse personnalisée à une charge exceptionnelle (ex. réparation du véhicule) pour un travailleur au-dessus des barèmes légaux, après vérification de l’accès aux droits, avec un plan d’intervention suivi par un référent.',
	communes: { codes: ['17300'], source: SEED },
	source: SEED,
	parameters: [
		{
			id: 'rav_max',
			label: 'Reste à vivre maximal',
			value: 12,
			unit: '€/jour/UC',
			year: 2009,
			source: 'hypothèse : la graine n’a pas de chiffre ; 12 €/jour/UC, le minimum de reste à vivre du référentiel PAF d’Île-de-France [S56] (domain.md §4.3, §10.2)'
		},
		{
			id: 'besoin_mois',
			label: 'Mois de manque à gagner couverts (besoin par défaut)',
			value: 1,
			unit: 'mois',
			year: 2009,
			source: 'hypothèse : sans montant demandé, besoin = écart du reste à vivre sous le seuil sur un mois, comme pre-saint-gervais (domain.md §10.2)',
			min: 0
		},
		{
			id: 'plafond',
			label: 'Montant maximal',
			value: 1000,
			unit: '€',
			year: 2009,
			source: 'hypothèse : montant demandé plafonné à 1 000 € (domain.md §10.2) ; la graine ne donne que le budget total',
			min: 0
		},
		{
			id: 'enveloppe',
			label: 'Enveloppe annuelle (tout public)',
			value: 1200000,
			unit: '€/an',
			year: 2009,
			source: `${SEED} : « Budget : 1 200 000 euros d’aides financières tout public »`,
			min: 0
		},
		DAYS_PER_MONTH
	],
	rav: allResourcesAndCharges({ kind: 'uc' }, 'day'),
	conditions: {
		kind: 'all',
		id: 'eligible',
		label: 'Toutes les conditions du dispositif',
		of: [
			// "working" = workers ≥ 1 (DESIGN.md §5 Precise rules).
			{ kind: 'compare', id: 'travail', label: 'Au moins un membre en emploi', variable: 'workers', op: '>=', value: 1 },
			{ kind: 'compare', id: 'sans_rsa', label: 'Au-dessus des barèmes légaux : ne perçoit pas le RSA', variable: 'benefit_rsa', op: '==', value: 0 },
			{ kind: 'compare', id: 'rav', label: 'Reste à vivre par UC et par jour sous le seuil', variable: 'rav_per_unit', op: '<', param: 'rav_max' }
		]
	},
	amount: { kind: 'need', need: { kind: 'shortfall', threshold: 'rav_max', months: 'besoin_mois' }, cap: 'plafond' },
	form: { kind: 'single', form: 'direct_payment' },
	duration: { commission: 'plan d’intervention suivi par un référent (002_b6ad5844b7886a1e.txt)' },
	budget: {
		envelope: 'enveloppe',
		priority: 'request_order',
		priority_source: 'hypothèse : dispositif de droit commun, demandes traitées dans l’ordre d’arrivée (la graine ne dit rien)'
	},
	rights_check: true,
	notes: [RAV_NOTE, 'Le référent vérifie d’abord l’accès aux droits : un ménage qui semble éligible au RSA ou à la prime d’activité sans les percevoir est signalé.']
} satisfies Scheme;
