/** ELAN (L'Haÿ-les-Roses, 94): package against families' impoverishment. Seed 001_af47afb2d0114c8f.txt; defaults domain.md §10.2. */
import type { Scheme } from '../scheme-schema.ts';
import { allResourcesAndCharges, DAYS_PER_MONTH, POVERTY_THRESHOLD, RAV_NOTE } from './shared.ts';

const SEED = '001_af47afb2d0114c8f.txt';
const OVERINDEBTED = ['observed', 'file'];

export default {
	id: 'elan',
	label: 'ELAN — lutte contre la paupérisation des familles',
	description:
		'Accompagnement global de 3 à 6 mois (aide éducative budgétaire, épicerie sociale, microcrédit…) pour les familles en difficulté financière et les travailleurs pauvres ; 15 bénéficiaires la première année.',
	communes: {
		codes: ['94038'],
		source: 'hypothèse : la graine ne nomme pas la commune ; L’Haÿ-les-Roses d’après les partenaires cités (centre municipal de santé de L’Haÿ-les-Roses), domain.md §10.2'
	},
	source: SEED,
	parameters: [
		POVERTY_THRESHOLD,
		{
			id: 'rav_seuil',
			label: 'Reste à vivre de référence',
			value: 5,
			unit: '€/jour/personne',
			year: 2008,
			source: `${SEED} : catégories autour de « la moyenne des 5 euros par jour et par personne »`
		},
		{
			id: 'forfait',
			label: 'Valeur de l’accompagnement par bénéficiaire',
			value: 1200,
			unit: '€',
			year: 2008,
			source: 'hypothèse : parcours personnalisé (accompagnement budgétaire, épicerie sociale, microcrédit) valorisé à 1 200 € par bénéficiaire sur le contrat (domain.md §10.2)',
			min: 0
		},
		{ id: 'capacite', label: 'Bénéficiaires par an', value: 15, unit: 'ménages', year: 2008, source: `${SEED} : « la possibilité d’intégrer 15 bénéficiaires la première année »`, min: 0, integer: true },
		{
			id: 'enveloppe',
			label: 'Enveloppe des aides facultatives',
			value: 56000,
			unit: '€/an',
			year: 2008,
			source: `${SEED} : « Enveloppe budgétaire dédiée aux aides facultatives de 56 000 euros »`,
			min: 0
		},
		{ id: 'contrat_mois', label: 'Durée du contrat', value: 6, unit: 'mois', year: 2008, source: `${SEED} : « Durant une période de 3 à 6 mois »`, min: 0 },
		DAYS_PER_MONTH
	],
	rav: allResourcesAndCharges({ kind: 'persons' }, 'day'),
	conditions: {
		kind: 'any',
		id: 'eligible',
		label: 'Au moins une des quatre catégories de la graine',
		of: [
			{
				kind: 'compare',
				id: 'ressources_fragiles',
				label: 'Ressources fragiles : niveau de vie sous le seuil de pauvreté (hypothèse)',
				variable: 'living_standard_monthly',
				op: '<',
				param: 'seuil_pauvrete'
			},
			{
				kind: 'all',
				id: 'difficultes_budgetaires',
				label: 'Reste à vivre d’au moins 5 €/jour/personne mais difficultés budgétaires',
				of: [
					{ kind: 'compare', id: 'rav_au_dessus', label: 'Reste à vivre d’au moins 5 €/jour/personne', variable: 'rav_per_unit', op: '>=', param: 'rav_seuil' },
					{
						kind: 'any',
						id: 'difficultes',
						label: 'Difficultés budgétaires : dettes à rembourser ou surendettement (hypothèse)',
						of: [
							{ kind: 'compare', id: 'dettes', label: 'Remboursements de dettes', variable: 'charge_debt', op: '>', value: 0 },
							{ kind: 'in', id: 'endettement', label: 'Surendettement constaté ou dossier déposé', variable: 'overindebted', values: OVERINDEBTED }
						]
					}
				]
			},
			// "Cannot pay one-off bills" has no column: read as the RAV condition alone (DESIGN.md §5).
			{ kind: 'compare', id: 'rav_bas', label: 'Reste à vivre sous 5 €/jour/personne', variable: 'rav_per_unit', op: '<', param: 'rav_seuil' },
			{ kind: 'in', id: 'surendettement', label: 'Surendettement avéré ou constaté', variable: 'overindebted', values: OVERINDEBTED }
		]
	},
	amount: { kind: 'fixed', amount: 'forfait', per: 'grant' },
	form: { kind: 'single', form: 'in_kind' },
	duration: { support_months: 'contrat_mois', commission: 'sélection sur dossier en commission ; contrat de 3 à 6 mois (001_af47afb2d0114c8f.txt)' },
	budget: {
		envelope: 'enveloppe',
		capacity: 'capacite',
		priority: 'lowest_rav',
		priority_source: 'hypothèse : priorité au plus faible reste à vivre quand les 15 places sont prises (domain.md §10.2)'
	},
	notes: [RAV_NOTE, 'Les catégories « difficultés budgétaires » et « factures ponctuelles » n’ont pas de colonne : lues comme dettes/surendettement et comme la condition de reste à vivre seule (DESIGN.md §5).']
} satisfies Scheme;
