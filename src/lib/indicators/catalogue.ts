/**
 * The indicator catalogue: one declaration per indicator (DESIGN.md §4). Ids are stable: the CLI,
 * exports and users' scripts rely on them. SQL fragments run over the validated `households` table
 * with the columns of the contract; `w` is the household weight.
 */
import { SQL_DISPOSABLE, SQL_LIVING_STANDARD, SQL_PERSONS } from '../measures/living-standard.ts';

export type Theme = 'menages' | 'revenus' | 'pauvrete';

interface Base {
	id: string;
	label: string;
	theme: Theme;
	unit: '' | 'ménages' | 'personnes' | '€/an' | '%' | 'ratio';
	definition: string;
	source: string;
	why: string;
}

/** value = scale × Σ numerator / Σ denominator over the rows kept by `where`. */
export interface RatioIndicator extends Base {
	kind: 'sum';
	numerator: string;
	denominator?: string;
	scale?: number;
	where?: string;
}

/** Weighted quantile of `value` with weights `weight` (smallest value whose cumulative weight reaches q). */
export interface QuantileIndicator extends Base {
	kind: 'quantile';
	value: string;
	weight: string;
	q: number;
	where?: string;
}

export type Indicator = RatioIndicator | QuantileIndicator;

/** Filosofi's field for income figures: households with disposable income ≥ 0 (DESIGN.md §4.1). */
const INCOME_FIELD = `${SQL_DISPOSABLE} >= 0`;
const PERSON_WEIGHT = `w * ${SQL_PERSONS}`;
const FILOSOFI = 'Données du ménage ; définition INSEE Filosofi (domain.md §3.1)';

export const INDICATORS: readonly Indicator[] = [
	{
		id: 'households',
		kind: 'sum',
		label: 'Ménages',
		theme: 'menages',
		unit: 'ménages',
		numerator: 'w',
		definition: 'Nombre de ménages (somme des poids).',
		source: 'Données du ménage',
		why: 'La taille du territoire : tous les taux se lisent avec elle.'
	},
	{
		id: 'persons',
		kind: 'sum',
		label: 'Personnes',
		theme: 'menages',
		unit: 'personnes',
		numerator: PERSON_WEIGHT,
		definition: 'Nombre de personnes vivant dans les ménages (somme des poids × taille du ménage).',
		source: 'Données du ménage',
		why: 'La population couverte, pour rapporter les aides au nombre d’habitants.'
	},
	{
		id: 'median_living_standard',
		kind: 'quantile',
		label: 'Niveau de vie médian',
		theme: 'revenus',
		unit: '€/an',
		value: SQL_LIVING_STANDARD,
		weight: PERSON_WEIGHT,
		q: 0.5,
		where: INCOME_FIELD,
		definition:
			'Niveau de vie (revenu disponible annuel / unités de consommation OCDE) tel que la moitié des personnes vit avec moins.',
		source: FILOSOFI,
		why: 'Le repère central du revenu des habitants, comparable à la médiane publiée par l’INSEE.'
	},
	{
		id: 'd1',
		kind: 'quantile',
		label: '1er décile de niveau de vie (D1)',
		theme: 'revenus',
		unit: '€/an',
		value: SQL_LIVING_STANDARD,
		weight: PERSON_WEIGHT,
		q: 0.1,
		where: INCOME_FIELD,
		definition: 'Niveau de vie sous lequel vivent les 10 % de personnes les plus modestes.',
		source: FILOSOFI,
		why: 'Mesure le revenu des plus modestes, que la médiane ne montre pas.'
	},
	{
		id: 'd9',
		kind: 'quantile',
		label: '9e décile de niveau de vie (D9)',
		theme: 'revenus',
		unit: '€/an',
		value: SQL_LIVING_STANDARD,
		weight: PERSON_WEIGHT,
		q: 0.9,
		where: INCOME_FIELD,
		definition: 'Niveau de vie au-dessus duquel vivent les 10 % de personnes les plus aisées.',
		source: FILOSOFI,
		why: 'Avec D1, il mesure l’écart entre les plus modestes et les plus aisés.'
	},
	{
		id: 'poverty_rate_60',
		kind: 'sum',
		label: 'Taux de pauvreté à 60 %',
		theme: 'pauvrete',
		unit: '%',
		numerator: `CASE WHEN ${SQL_LIVING_STANDARD} < threshold THEN ${PERSON_WEIGHT} ELSE 0 END`,
		denominator: PERSON_WEIGHT,
		scale: 100,
		where: INCOME_FIELD,
		definition:
			'Part des personnes dont le niveau de vie est inférieur au seuil de pauvreté national de l’année (60 % de la médiane ; 1 150 €/mois par UC en 2021).',
		source: FILOSOFI + ' ; seuil : domain.md §3.2',
		why: 'L’indicateur de pauvreté de référence, comparable au taux publié par l’INSEE pour la commune.'
	}
];

export function indicatorById(id: string): Indicator | undefined {
	return INDICATORS.find((i) => i.id === id);
}
