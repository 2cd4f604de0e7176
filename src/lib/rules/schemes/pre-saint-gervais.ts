/** Le Pré-Saint-Gervais (93): optional aid for the working poor. Seed 000_720631fba63cd32f.txt; defaults domain.md §10.2. */
import type { Scheme } from '../scheme-schema.ts';
import { allResourcesAndCharges, DAYS_PER_MONTH, RAV_NOTE } from './shared.ts';

const SEED = '000_720631fba63cd32f.txt';

export default {
	id: 'pre-saint-gervais',
	label: 'Le Pré-Saint-Gervais — aide aux travailleurs pauvres',
	description:
		'Aide ponctuelle aux travailleurs pauvres résidant dans la commune depuis au moins un an, salariés ou ayant récemment perdu leur emploi, suivis par un service social ; commission mensuelle, 400 € au plus, en chèques alimentaires et espèces.',
	communes: { codes: ['93061'], source: SEED },
	source: SEED,
	parameters: [
		{
			id: 'residence_min',
			label: 'Ancienneté minimale dans la commune',
			value: 1,
			unit: 'ans',
			year: 2008,
			source: `${SEED} : « résidant au Pré Saint-Gervais depuis au moins un an »`,
			min: 0
		},
		{
			id: 'rav_max',
			label: 'Reste à vivre maximal',
			value: 10,
			unit: '€/jour/personne',
			year: 2008,
			source:
				'hypothèse : la commission attribue « en fonction du reste à vivre » sans chiffre (000_720631fba63cd32f.txt) ; 10 €/jour/personne retenu (domain.md §10.2), haut du barème 8–10 € de Maisons-Laffitte (domain.md §4.3)'
		},
		{
			id: 'besoin_mois',
			label: 'Mois de manque à gagner couverts (besoin par défaut)',
			value: 1,
			unit: 'mois',
			year: 2008,
			source: 'hypothèse : besoin = écart du reste à vivre sous le seuil, sur un mois (domain.md §10.2), quand le montant demandé n’est pas connu',
			min: 0
		},
		{ id: 'plafond', label: 'Montant maximal', value: 400, unit: '€', year: 2008, source: `${SEED} : « Le montant maximum accordé est de 400 euros »`, min: 0 },
		{
			id: 'plafond_exceptionnel',
			label: 'Plafond exceptionnel (si l’enveloppe le permet)',
			value: 600,
			unit: '€',
			year: 2008,
			source:
				'hypothèse : la graine dit « l’aide peut exceptionnellement être augmentée en fonction du dossier et de l’état de l’enveloppe » sans chiffre ; 600 € retenu (domain.md §10.2) ; non appliqué par explain, qui donne le cas général',
			min: 0
		},
		{
			id: 'part_bons',
			label: 'Part en chèques alimentaires',
			value: 0.5,
			unit: 'part',
			year: 2008,
			source: `${SEED} : budget 2008 « 6000 euros sous forme de chèques alimentaires, 6000 euros sous forme d’espèces »`,
			min: 0,
			max: 1
		},
		{ id: 'enveloppe', label: 'Enveloppe annuelle', value: 12000, unit: '€/an', year: 2008, source: `${SEED} : « Budget en 2008 de 12 000 euros »`, min: 0 },
		DAYS_PER_MONTH
	],
	rav: allResourcesAndCharges({ kind: 'persons' }, 'day'),
	conditions: {
		kind: 'all',
		id: 'eligible',
		label: 'Toutes les conditions du dispositif',
		of: [
			{ kind: 'compare', id: 'residence', label: 'Réside dans la commune depuis au moins un an', variable: 'years_in_commune', op: '>=', param: 'residence_min' },
			{
				kind: 'any',
				id: 'emploi',
				label: 'Salarié ou ayant récemment perdu son emploi',
				of: [
					// "salaried" = contract_ref in permanent, fixed_term, temp_agency (DESIGN.md §5 Precise rules).
					{ kind: 'in', id: 'salarie', label: 'Salarié (CDI, CDD ou intérim)', variable: 'contract_ref', values: ['permanent', 'fixed_term', 'temp_agency'] },
					{ kind: 'is', id: 'perte_emploi', label: 'Perte d’emploi récente', variable: 'recent_job_loss', value: true }
				]
			},
			{ kind: 'is', id: 'suivi_social', label: 'Suivi par un service social', variable: 'social_followup', value: true },
			{ kind: 'compare', id: 'rav', label: 'Reste à vivre par personne et par jour sous le seuil', variable: 'rav_per_unit', op: '<', param: 'rav_max' }
		]
	},
	amount: { kind: 'need', need: { kind: 'shortfall', threshold: 'rav_max', months: 'besoin_mois' }, cap: 'plafond' },
	form: { kind: 'split', voucher_share: 'part_bons' },
	duration: { commission: 'commission mensuelle (000_720631fba63cd32f.txt) ; versement en une fois ou échelonné' },
	budget: {
		envelope: 'enveloppe',
		priority: 'request_order',
		priority_source: 'hypothèse : la commission mensuelle examine les dossiers dans l’ordre d’arrivée jusqu’à épuisement de l’enveloppe (la graine ne dit rien)'
	},
	notes: [RAV_NOTE]
} satisfies Scheme;
