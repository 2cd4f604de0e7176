/**
 * Pieces several scheme files share: the default RAV definition and two dated parameters. Still data: a
 * scheme file may use them or write its own.
 */
import { CHARGE_COLUMNS, RESOURCE_COLUMNS } from '../../data/schema.ts';
import type { Parameter, RavSpec } from '../scheme-schema.ts';

export const DAYS_PER_MONTH: Parameter = {
	id: 'jours_par_mois',
	label: 'Jours par mois pour le reste à vivre journalier',
	value: 30,
	unit: 'jours',
	year: 2026,
	source: 'domain.md §10.2 : « Days per month: 30 unless a scheme says otherwise » (30 dans le code PAF [S56], domain.md §4.2)',
	min: 28,
	max: 31
};

export const POVERTY_THRESHOLD: Parameter = {
	id: 'seuil_pauvrete',
	label: 'Seuil de pauvreté (60 % de la médiane), par UC',
	value: 1150,
	unit: '€/mois/UC',
	year: 2021,
	source: 'domain.md §10.1 et §3.2 [S28] : seuil Filosofi 2021 France métropolitaine, 1 150 €/mois/UC ; « petites ressources » = niveau de vie sous ce seuil (DESIGN.md §5)',
	min: 0
};

/**
 * Every resource and every charge of the contract (DESIGN.md §3), housing aid as a resource and gross rent as a
 * charge: the seeds list none, and domain.md §4.2 lists all of these as typically counted (hypothèse shared by
 * the four seed schemes, stated in each scheme's notes).
 */
export function allResourcesAndCharges(divisor: RavSpec['divisor'], period: RavSpec['period']): RavSpec {
	return {
		resources: [...RESOURCE_COLUMNS],
		charges: [...CHARGE_COLUMNS],
		housing_aid: 'resource',
		divisor,
		period,
		days_per_month: DAYS_PER_MONTH.id
	};
}

export const RAV_NOTE =
	'hypothèse : ressources et charges retenues = toutes celles du fichier ménages (domain.md §4.2), aide au logement en ressource et loyer brut en charge.';
