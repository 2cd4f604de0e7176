/**
 * The indicator catalogue: one declaration per indicator (DESIGN.md §4). Ids are stable: the CLI,
 * exports and users' scripts rely on them. Declarations are data; `sql.ts` compiles each kind.
 *
 * Expressions run over one row per household (or per aid request) joined to its territories. Columns
 * available (base.ts): every column of the contract (DESIGN.md §3), `w` (the weight; 1 for requests) and,
 * for households, `persons`, `uc`, `resources`, `charges`, `disposable` (€/month), `living_standard`
 * (€/year/UC), `rav_person_day`, `rav_uc_day` (€, rounded to the cent), `children` (family members
 * other than the parents), `threshold` and `threshold50` (€/year/UC), `poor` and `poor50` (in the income
 * field and strictly under the threshold). Aid requests also get `linked` (the household of the same
 * commune and year was found) and `household_workers`.
 */
export const THEMES = {
	menages: 'Ménages et familles',
	revenus: 'Revenus et inégalités',
	pauvrete: 'Pauvreté',
	travailleurs_pauvres: 'Travailleurs pauvres',
	reste_a_vivre: 'Reste à vivre',
	minima: 'Minima sociaux et droits',
	logement: 'Logement',
	aides: 'Activité des CCAS'
} as const;
export type Theme = keyof typeof THEMES;

export type Unit =
	| ''
	| 'ménages'
	| 'personnes'
	| 'demandes'
	| 'personnes par ménage'
	| '€/an'
	| '€/jour'
	| '€'
	| '€/habitant'
	| '%'
	| 'ratio'
	| 'pour 1 000 ménages';

export type Source = 'households' | 'aid_requests';

interface Base {
	id: string;
	label: string;
	theme: Theme;
	unit: Unit;
	definition: string;
	/** What is counted above the fraction bar, in words. */
	numeratorLabel: string;
	/** What is counted below it (omitted for counts and quantiles). */
	denominatorLabel?: string;
	source: string;
	why: string;
	/** Table the rows come from (default `households`). */
	from?: Source;
}

/** value = scale × Σ numerator / Σ denominator over the rows kept by `where`. */
export interface RatioIndicator extends Base {
	kind: 'sum';
	numerator: string;
	denominator?: string;
	scale?: number;
	where?: string;
	/** Denominator taken from another table (e.g. households for requests per 1 000 households). */
	denominatorFrom?: Source;
	denominatorWhere?: string;
}

/** Weighted quantile of `value` with weights `weight` (smallest value whose cumulative weight reaches q). */
export interface QuantileIndicator extends Base {
	kind: 'quantile';
	value: string;
	weight: string;
	q: number;
	where?: string;
	/** `threshold`: value = 100 × (threshold − quantile) / threshold (poverty intensity, domain.md §3.1). */
	gapTo?: 'threshold';
}

/** Ratio of two weighted quantiles of the same distribution (D9/D1). */
export interface QuantileRatioIndicator extends Base {
	kind: 'quantile_ratio';
	value: string;
	weight: string;
	q: number;
	qBelow: number;
	where?: string;
}

/**
 * Mass held by the top `share` of the weight over the mass held by the bottom `share` (S80/S20,
 * domain.md §3.1): the household straddling a boundary counts for the part of its weight inside.
 */
export interface TailRatioIndicator extends Base {
	kind: 'tail_ratio';
	value: string;
	weight: string;
	share: number;
	where?: string;
}

export type Indicator = RatioIndicator | QuantileIndicator | QuantileRatioIndicator | TailRatioIndicator;

/** Filosofi's field for income figures: households with disposable income ≥ 0 (DESIGN.md §4.1). */
const INCOME_FIELD = 'disposable >= 0';
const PERSON_WEIGHT = 'w * persons';
const FILOSOFI = 'Données du ménage ; définition INSEE Filosofi (domain.md §3.1)';
const HOUSEHOLD = 'Données du ménage ; définitions INSEE (domain.md §2.1)';
const RAV = 'Données du ménage ; reste à vivre = toutes ressources − toutes charges (DESIGN.md §4, domain.md §4.2)';
const AIDS = 'Fichier des demandes d’aides facultatives du CCAS (DESIGN.md §3, §4.1)';
const FAMILIES = "family_type IN ('couple_children', 'single_parent')";
const TENANTS = "tenure IN ('social_rent', 'private_rent')";
const WORKING = 'workers >= 1';
const DECIDED = "decision IN ('granted', 'refused')";
const GRANTED = "decision = 'granted'";

/** Share of households (weighted) meeting `condition` among households meeting `among`. */
function householdShare(condition: string, among?: string) {
	return { kind: 'sum' as const, numerator: `w * (${condition})::INTEGER`, denominator: 'w', scale: 100, where: among };
}
/** Share of persons (weighted) in poor households among persons of households meeting `among`. */
function personPovertyRate(among: string, poorColumn = 'poor') {
	return {
		kind: 'sum' as const,
		numerator: `${PERSON_WEIGHT} * ${poorColumn}::INTEGER`,
		denominator: PERSON_WEIGHT,
		scale: 100,
		where: among
	};
}
/** Share of disposable income (income field) coming from the columns listed. */
function incomeShare(columns: string[]) {
	return { kind: 'sum' as const, numerator: `w * (${columns.join(' + ')})`, denominator: 'w * disposable', scale: 100, where: INCOME_FIELD };
}
const quantileOf = (value: string, weight: string, q: number, where?: string) => ({ kind: 'quantile' as const, value, weight, q, where });

export const INDICATORS: readonly Indicator[] = [
	// ---- Ménages et familles (domain.md §2.1 M1, F1, D2) ----
	{
		id: 'households',
		kind: 'sum',
		label: 'Ménages',
		theme: 'menages',
		unit: 'ménages',
		numerator: 'w',
		numeratorLabel: 'somme des poids des ménages',
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
		numeratorLabel: 'somme des poids × taille du ménage',
		definition: 'Nombre de personnes vivant dans les ménages (somme des poids × taille du ménage).',
		source: 'Données du ménage',
		why: 'La population couverte, pour rapporter les aides au nombre d’habitants.'
	},
	{
		id: 'mean_household_size',
		kind: 'sum',
		label: 'Taille moyenne des ménages',
		theme: 'menages',
		unit: 'personnes par ménage',
		numerator: PERSON_WEIGHT,
		denominator: 'w',
		numeratorLabel: 'personnes',
		denominatorLabel: 'ménages',
		definition: 'Nombre moyen de personnes par ménage.',
		source: HOUSEHOLD,
		why: 'Des ménages plus grands appellent d’autres réponses (logement, garde d’enfants) que des ménages isolés.'
	},
	{
		id: 'single_person_share',
		...householdShare('persons = 1'),
		label: 'Ménages d’une personne',
		theme: 'menages',
		unit: '%',
		numeratorLabel: 'ménages d’une seule personne',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages composés d’une seule personne (personnes vivant seules).',
		source: HOUSEHOLD + ' M1',
		why: 'L’isolement est un facteur de fragilité, surtout pour les plus âgés.'
	},
	{
		id: 'single_parent_share',
		...householdShare("family_type = 'single_parent'", FAMILIES),
		label: 'Familles monoparentales',
		theme: 'menages',
		unit: '%',
		numeratorLabel: 'familles monoparentales',
		denominatorLabel: 'familles avec enfants (couples avec enfants et familles monoparentales)',
		definition: 'Part des familles monoparentales parmi les familles avec enfants.',
		source: HOUSEHOLD + ' F1',
		why: 'Les familles monoparentales sont les plus exposées à la pauvreté (31 % en 2022, domain.md §3.2).'
	},
	{
		id: 'large_family_share',
		...householdShare('children >= 3', FAMILIES),
		label: 'Familles nombreuses',
		theme: 'menages',
		unit: '%',
		numeratorLabel: 'familles avec 3 enfants ou plus',
		denominatorLabel: 'familles avec enfants',
		definition:
			'Part des familles avec au moins trois enfants parmi les familles avec enfants (enfants = membres du ménage autres que le ou les parents).',
		source: HOUSEHOLD,
		why: 'Le nombre d’enfants pèse sur le niveau de vie et sur les besoins de logement.'
	},
	{
		id: 'ref_under_30_share',
		...householdShare('age_ref < 30'),
		label: 'Ménages dont la personne de référence a moins de 30 ans',
		theme: 'menages',
		unit: '%',
		numeratorLabel: 'ménages dont la personne de référence a moins de 30 ans',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages dont la personne de référence a moins de 30 ans.',
		source: HOUSEHOLD + ' D2',
		why: 'Les jeunes ménages ont peu de droits ouverts (pas de RSA avant 25 ans) et des revenus instables.'
	},
	{
		id: 'ref_75_plus_share',
		...householdShare('age_ref >= 75'),
		label: 'Ménages dont la personne de référence a 75 ans ou plus',
		theme: 'menages',
		unit: '%',
		numeratorLabel: 'ménages dont la personne de référence a 75 ans ou plus',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages dont la personne de référence a 75 ans ou plus.',
		source: HOUSEHOLD + ' D2',
		why: 'Le vieillissement annonce des besoins d’aide à domicile et de lutte contre l’isolement.'
	},

	// ---- Revenus et inégalités (domain.md §2.1 R1, R2, P4; §3.1) ----
	{
		id: 'median_living_standard',
		...quantileOf('living_standard', PERSON_WEIGHT, 0.5, INCOME_FIELD),
		label: 'Niveau de vie médian',
		theme: 'revenus',
		unit: '€/an',
		numeratorLabel: 'médiane pondérée par les personnes',
		definition:
			'Niveau de vie (revenu disponible annuel / unités de consommation OCDE) tel que la moitié des personnes vit avec moins.',
		source: FILOSOFI,
		why: 'Le repère central du revenu des habitants, comparable à la médiane publiée par l’INSEE.'
	},
	{
		id: 'd1',
		...quantileOf('living_standard', PERSON_WEIGHT, 0.1, INCOME_FIELD),
		label: '1er décile de niveau de vie (D1)',
		theme: 'revenus',
		unit: '€/an',
		numeratorLabel: '1er décile pondéré par les personnes',
		definition: 'Niveau de vie sous lequel vivent les 10 % de personnes les plus modestes.',
		source: FILOSOFI,
		why: 'Mesure le revenu des plus modestes, que la médiane ne montre pas.'
	},
	{
		id: 'd9',
		...quantileOf('living_standard', PERSON_WEIGHT, 0.9, INCOME_FIELD),
		label: '9e décile de niveau de vie (D9)',
		theme: 'revenus',
		unit: '€/an',
		numeratorLabel: '9e décile pondéré par les personnes',
		definition: 'Niveau de vie au-dessus duquel vivent les 10 % de personnes les plus aisées.',
		source: FILOSOFI,
		why: 'Avec D1, il mesure l’écart entre les plus modestes et les plus aisés.'
	},
	{
		id: 'd9_d1_ratio',
		kind: 'quantile_ratio',
		value: 'living_standard',
		weight: PERSON_WEIGHT,
		q: 0.9,
		qBelow: 0.1,
		where: INCOME_FIELD,
		label: 'Rapport interdécile D9/D1',
		theme: 'revenus',
		unit: 'ratio',
		numeratorLabel: '9e décile (D9)',
		denominatorLabel: '1er décile (D1)',
		definition: 'Rapport entre le 9e et le 1er décile de niveau de vie.',
		source: FILOSOFI + ' R2',
		why: 'Le résumé le plus courant des inégalités de revenus, publié par l’INSEE pour les communes.'
	},
	{
		id: 's80_s20_ratio',
		kind: 'tail_ratio',
		value: 'living_standard',
		weight: PERSON_WEIGHT,
		share: 0.2,
		where: INCOME_FIELD,
		label: 'Rapport S80/S20',
		theme: 'revenus',
		unit: 'ratio',
		numeratorLabel: 'masse des niveaux de vie des 20 % de personnes les plus aisées',
		denominatorLabel: 'masse des niveaux de vie des 20 % les plus modestes',
		definition:
			'Somme des niveaux de vie détenue par les 20 % de personnes les plus aisées rapportée à celle des 20 % les plus modestes.',
		source: FILOSOFI,
		why: 'Contrairement à D9/D1, il tient compte de toute la distribution dans les deux extrêmes.'
	},
	{
		id: 'social_benefits_share',
		...incomeShare(['benefit_rsa', 'benefit_activity', 'benefit_family', 'benefit_housing', 'benefit_disability', 'benefit_old_age']),
		label: 'Part des prestations sociales dans le revenu disponible',
		theme: 'revenus',
		unit: '%',
		numeratorLabel: 'RSA, prime d’activité, prestations familiales, aides au logement, AAH et ASPA',
		denominatorLabel: 'revenu disponible (ménages au revenu disponible ≥ 0)',
		definition: 'Part des prestations sociales (familiales, logement, minima sociaux) dans le revenu disponible des ménages.',
		source: FILOSOFI + ' P4 (PPSOC)',
		why: 'Mesure la dépendance du territoire aux transferts sociaux.'
	},
	{
		id: 'minima_income_share',
		...incomeShare(['benefit_rsa', 'benefit_activity', 'benefit_disability', 'benefit_old_age']),
		label: 'Part des minima sociaux dans le revenu disponible',
		theme: 'revenus',
		unit: '%',
		numeratorLabel: 'RSA, prime d’activité, AAH et ASPA',
		denominatorLabel: 'revenu disponible',
		definition: 'Part des minima sociaux (y compris la prime d’activité) dans le revenu disponible.',
		source: FILOSOFI + ' P4 (PPMINI)',
		why: 'Distingue les revenus de solidarité des autres prestations.'
	},
	{
		id: 'rsa_income_share',
		...incomeShare(['benefit_rsa']),
		label: 'Part du RSA dans le revenu disponible',
		theme: 'revenus',
		unit: '%',
		numeratorLabel: 'RSA',
		denominatorLabel: 'revenu disponible',
		definition: 'Part du RSA dans le revenu disponible des ménages.',
		source: FILOSOFI + ' P4',
		why: 'Le poids du dernier filet de sécurité dans les revenus du territoire.'
	},
	{
		id: 'housing_benefit_share',
		...incomeShare(['benefit_housing']),
		label: 'Part des aides au logement dans le revenu disponible',
		theme: 'revenus',
		unit: '%',
		numeratorLabel: 'aides au logement (APL, AL)',
		denominatorLabel: 'revenu disponible',
		definition: 'Part des aides au logement dans le revenu disponible.',
		source: FILOSOFI + ' P4 (PPLOGT)',
		why: 'Révèle le poids du logement dans les budgets modestes.'
	},
	{
		id: 'family_benefit_share',
		...incomeShare(['benefit_family']),
		label: 'Part des prestations familiales dans le revenu disponible',
		theme: 'revenus',
		unit: '%',
		numeratorLabel: 'prestations familiales',
		denominatorLabel: 'revenu disponible',
		definition: 'Part des prestations familiales dans le revenu disponible.',
		source: FILOSOFI + ' P4 (PPFAM)',
		why: 'Le soutien aux familles, à lire avec la part des familles nombreuses et monoparentales.'
	},

	// ---- Pauvreté (domain.md §2.1 P1–P3, §3.1) ----
	{
		id: 'poverty_rate_60',
		...personPovertyRate(INCOME_FIELD),
		label: 'Taux de pauvreté à 60 %',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes des ménages sous le seuil',
		denominatorLabel: 'personnes des ménages au revenu disponible ≥ 0',
		definition:
			'Part des personnes dont le niveau de vie est inférieur au seuil de pauvreté national de l’année (60 % de la médiane ; 1 150 €/mois par UC en 2021).',
		source: FILOSOFI + ' ; seuil : domain.md §3.2',
		why: 'L’indicateur de pauvreté de référence, comparable au taux publié par l’INSEE pour la commune.'
	},
	{
		id: 'poverty_rate_50',
		...personPovertyRate(INCOME_FIELD, 'poor50'),
		label: 'Taux de pauvreté à 50 %',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes des ménages sous le seuil à 50 %',
		denominatorLabel: 'personnes des ménages au revenu disponible ≥ 0',
		definition: 'Part des personnes dont le niveau de vie est inférieur à 50 % de la médiane nationale (5/6 du seuil à 60 %).',
		source: FILOSOFI + ' ; seuil à 50 % : domain.md §3.1 [S12][S18]',
		why: 'La pauvreté la plus intense, que l’Observatoire des inégalités privilégie.'
	},
	{
		id: 'poverty_intensity',
		...quantileOf('living_standard', PERSON_WEIGHT, 0.5, `${INCOME_FIELD} AND poor`),
		gapTo: 'threshold',
		label: 'Intensité de la pauvreté',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'seuil − niveau de vie médian des personnes pauvres',
		denominatorLabel: 'seuil',
		definition: 'Écart relatif entre le niveau de vie médian des personnes pauvres et le seuil de pauvreté.',
		source: FILOSOFI + ' P3',
		why: 'Dit à quel point les pauvres sont pauvres : deux communes au même taux peuvent être très différentes.'
	},
	{
		id: 'poverty_rate_single_parent',
		...personPovertyRate(`${INCOME_FIELD} AND family_type = 'single_parent'`),
		label: 'Taux de pauvreté des familles monoparentales',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes pauvres des familles monoparentales',
		denominatorLabel: 'personnes des familles monoparentales',
		definition: 'Taux de pauvreté à 60 % des personnes vivant dans une famille monoparentale.',
		source: FILOSOFI,
		why: 'Le type de ménage le plus touché par la pauvreté.'
	},
	{
		id: 'poverty_rate_couple_children',
		...personPovertyRate(`${INCOME_FIELD} AND family_type = 'couple_children'`),
		label: 'Taux de pauvreté des couples avec enfants',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes pauvres des couples avec enfants',
		denominatorLabel: 'personnes des couples avec enfants',
		definition: 'Taux de pauvreté à 60 % des personnes vivant en couple avec enfants.',
		source: FILOSOFI,
		why: 'Comparé aux familles monoparentales, il montre le poids de l’isolement parental.'
	},
	{
		id: 'poverty_rate_single',
		...personPovertyRate(`${INCOME_FIELD} AND family_type = 'single'`),
		label: 'Taux de pauvreté des personnes seules',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes seules pauvres',
		denominatorLabel: 'personnes seules',
		definition: 'Taux de pauvreté à 60 % des personnes vivant seules.',
		source: FILOSOFI,
		why: 'L’isolement cumule souvent faibles revenus et absence de solidarité familiale.'
	},
	{
		id: 'poverty_rate_tenants',
		...personPovertyRate(`${INCOME_FIELD} AND ${TENANTS}`),
		label: 'Taux de pauvreté des locataires',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes pauvres des ménages locataires',
		denominatorLabel: 'personnes des ménages locataires (social ou privé)',
		definition: 'Taux de pauvreté à 60 % des personnes des ménages locataires.',
		source: FILOSOFI + ' P2 (TP60TOL2)',
		why: 'Publié par l’INSEE par statut d’occupation : la pauvreté se concentre chez les locataires.'
	},
	{
		id: 'poverty_rate_owners',
		...personPovertyRate(`${INCOME_FIELD} AND tenure = 'owner'`),
		label: 'Taux de pauvreté des propriétaires',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes pauvres des ménages propriétaires',
		denominatorLabel: 'personnes des ménages propriétaires',
		definition: 'Taux de pauvreté à 60 % des personnes des ménages propriétaires.',
		source: FILOSOFI + ' P2 (TP60TOL1)',
		why: 'Repère les propriétaires modestes (copropriétés dégradées, retraités).'
	},
	{
		id: 'poverty_rate_ref_under_30',
		...personPovertyRate(`${INCOME_FIELD} AND age_ref < 30`),
		label: 'Taux de pauvreté, personne de référence de moins de 30 ans',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes pauvres des ménages dont la référence a moins de 30 ans',
		denominatorLabel: 'personnes de ces ménages',
		definition: 'Taux de pauvreté à 60 % des personnes des ménages dont la personne de référence a moins de 30 ans.',
		source: FILOSOFI + ' P2 (TP60AGE1)',
		why: 'La pauvreté des jeunes ménages, publiée par l’INSEE par tranche d’âge.'
	},
	{
		id: 'poverty_rate_ref_75_plus',
		...personPovertyRate(`${INCOME_FIELD} AND age_ref >= 75`),
		label: 'Taux de pauvreté, personne de référence de 75 ans ou plus',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'personnes pauvres des ménages dont la référence a 75 ans ou plus',
		denominatorLabel: 'personnes de ces ménages',
		definition: 'Taux de pauvreté à 60 % des personnes des ménages dont la personne de référence a 75 ans ou plus.',
		source: FILOSOFI + ' P2 (TP60AGE6)',
		why: 'La pauvreté des plus âgés, souvent liée au minimum vieillesse et au non-recours.'
	},
	{
		id: 'child_poverty_rate',
		kind: 'sum',
		numerator: 'w * persons_under_14 * poor::INTEGER',
		denominator: 'w * persons_under_14',
		scale: 100,
		where: INCOME_FIELD,
		label: 'Enfants vivant dans un ménage pauvre',
		theme: 'pauvrete',
		unit: '%',
		numeratorLabel: 'enfants de moins de 14 ans des ménages pauvres',
		denominatorLabel: 'enfants de moins de 14 ans',
		definition: 'Part des enfants de moins de 14 ans qui vivent dans un ménage sous le seuil de pauvreté à 60 %.',
		source: FILOSOFI,
		why: 'La pauvreté des enfants engage leur avenir : c’est un motif d’action prioritaire des CCAS.'
	},

	// ---- Travailleurs pauvres (domain.md §5) ----
	{
		id: 'working_poor_rate',
		kind: 'sum',
		numerator: 'w * workers * poor::INTEGER',
		denominator: 'w * workers',
		scale: 100,
		where: INCOME_FIELD,
		label: 'Taux de travailleurs pauvres',
		theme: 'travailleurs_pauvres',
		unit: '%',
		numeratorLabel: 'actifs occupés (≥ 6 mois) des ménages pauvres',
		denominatorLabel: 'actifs occupés',
		definition: 'Part des actifs occupés au moins 6 mois dans l’année qui vivent dans un ménage sous le seuil à 60 %.',
		source: 'Données du ménage ; définition INSEE des travailleurs pauvres (domain.md §5)',
		why: 'Le travail ne protège pas toujours de la pauvreté : c’est le public que visent plusieurs dispositifs locaux.'
	},
	{
		id: 'poor_with_worker_share',
		...householdShare(WORKING, `${INCOME_FIELD} AND poor`),
		label: 'Ménages pauvres comptant au moins un actif occupé',
		theme: 'travailleurs_pauvres',
		unit: '%',
		numeratorLabel: 'ménages pauvres avec au moins un actif occupé',
		denominatorLabel: 'ménages pauvres',
		definition: 'Part des ménages sous le seuil à 60 % qui comptent au moins un actif occupé.',
		source: 'Données du ménage (domain.md §5)',
		why: 'Montre si la pauvreté du territoire est surtout celle de l’inactivité ou celle du travail.'
	},
	{
		id: 'working_poor_part_time_share',
		...householdShare('part_time_ref', `${INCOME_FIELD} AND poor AND ${WORKING} AND activity_ref = 'employed'`),
		label: 'Temps partiel parmi les travailleurs pauvres',
		theme: 'travailleurs_pauvres',
		unit: '%',
		numeratorLabel: 'ménages pauvres dont la personne de référence travaille à temps partiel',
		denominatorLabel: 'ménages pauvres dont la personne de référence travaille',
		definition: 'Part des personnes de référence à temps partiel parmi les ménages pauvres dont la personne de référence a un emploi.',
		source: 'Données du ménage (domain.md §5 : ≈ 20 % des travailleurs pauvres à temps partiel)',
		why: 'Le temps partiel subi est une cause majeure de pauvreté laborieuse.'
	},
	{
		id: 'working_poor_temporary_share',
		...householdShare(
			"contract_ref IN ('fixed_term', 'temp_agency')",
			`${INCOME_FIELD} AND poor AND ${WORKING} AND activity_ref = 'employed'`
		),
		label: 'Contrats courts parmi les travailleurs pauvres',
		theme: 'travailleurs_pauvres',
		unit: '%',
		numeratorLabel: 'ménages pauvres dont la personne de référence est en CDD ou en intérim',
		denominatorLabel: 'ménages pauvres dont la personne de référence travaille',
		definition: 'Part des CDD et de l’intérim parmi les ménages pauvres dont la personne de référence a un emploi.',
		source: 'Données du ménage (domain.md §5)',
		why: 'La précarité du contrat fragilise le budget mois après mois.'
	},

	// ---- Reste à vivre (DESIGN.md §4, domain.md §4) ----
	{
		id: 'rav_median_person_day',
		...quantileOf('rav_person_day', 'w', 0.5),
		label: 'Reste à vivre médian par personne et par jour',
		theme: 'reste_a_vivre',
		unit: '€/jour',
		numeratorLabel: 'médiane pondérée des ménages',
		definition: '(Toutes ressources − toutes charges) / personnes / 30 jours, arrondi au centime ; médiane sur les ménages.',
		source: RAV,
		why: 'Le critère des aides facultatives de nombreux CCAS, lu sur l’ensemble de la population.'
	},
	{
		id: 'rav_d1_person_day',
		...quantileOf('rav_person_day', 'w', 0.1),
		label: 'Reste à vivre par personne et par jour : 1er décile',
		theme: 'reste_a_vivre',
		unit: '€/jour',
		numeratorLabel: '1er décile pondéré des ménages',
		definition: 'Reste à vivre par personne et par jour sous lequel se trouvent les 10 % de ménages les plus contraints.',
		source: RAV,
		why: 'Décrit les budgets les plus serrés, ceux qui frappent à la porte du CCAS.'
	},
	{
		id: 'rav_median_uc_day',
		...quantileOf('rav_uc_day', 'w', 0.5),
		label: 'Reste à vivre médian par UC et par jour',
		theme: 'reste_a_vivre',
		unit: '€/jour',
		numeratorLabel: 'médiane pondérée des ménages',
		definition: '(Toutes ressources − toutes charges) / unités de consommation / 30 jours, arrondi au centime ; médiane sur les ménages.',
		source: RAV + ' ; diviseur UC : domain.md §4.2 [S56]',
		why: 'La variante par UC tient compte des économies d’échelle des familles.'
	},
	{
		id: 'rav_under_5_share',
		...householdShare('rav_person_day < 5'),
		label: 'Reste à vivre sous 5 € par personne et par jour',
		theme: 'reste_a_vivre',
		unit: '%',
		numeratorLabel: 'ménages au reste à vivre < 5 €/jour/personne',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages dont le reste à vivre par personne et par jour (30 jours) est inférieur à 5 €.',
		source: RAV + ' ; seuil 5 € : ELAN, domain.md §4.3 [S48]',
		why: 'Le seuil du dispositif ELAN : la part des ménages qu’un tel critère rendrait éligibles.'
	},
	{
		id: 'rav_under_8_share',
		...householdShare('rav_person_day < 8'),
		label: 'Reste à vivre sous 8 € par personne et par jour',
		theme: 'reste_a_vivre',
		unit: '%',
		numeratorLabel: 'ménages au reste à vivre < 8 €/jour/personne',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages dont le reste à vivre par personne et par jour est inférieur à 8 €.',
		source: RAV + ' ; seuil 8 € : Maisons-Laffitte, domain.md §4.3 [S46]',
		why: 'Deuxième palier des barèmes par tranches de reste à vivre.'
	},
	{
		id: 'rav_under_10_share',
		...householdShare('rav_person_day < 10'),
		label: 'Reste à vivre sous 10 € par personne et par jour',
		theme: 'reste_a_vivre',
		unit: '%',
		numeratorLabel: 'ménages au reste à vivre < 10 €/jour/personne',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages dont le reste à vivre par personne et par jour est inférieur à 10 €.',
		source: RAV + ' ; seuil 10 € : Maisons-Laffitte, domain.md §4.3 [S46]',
		why: 'Le dernier palier des barèmes observés : au-delà, les CCAS n’aident plus.'
	},
	{
		id: 'rav_negative_share',
		...householdShare('rav_person_day < 0'),
		label: 'Reste à vivre négatif',
		theme: 'reste_a_vivre',
		unit: '%',
		numeratorLabel: 'ménages dont les charges dépassent les ressources',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages dont les charges dépassent les ressources.',
		source: RAV + ' ; un tiers des demandeurs rhônalpins en 2016 (domain.md §4.1 [S57])',
		why: 'Ces ménages s’endettent chaque mois : une alerte de surendettement.'
	},

	// ---- Minima sociaux et droits (domain.md §2.1 C3–C6) ----
	{
		id: 'rsa_households_share',
		...householdShare('benefit_rsa > 0'),
		label: 'Ménages percevant le RSA',
		theme: 'minima',
		unit: '%',
		numeratorLabel: 'ménages percevant le RSA',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages percevant le revenu de solidarité active.',
		source: 'Données du ménage (domain.md §2.1 C3)',
		why: 'Le public des aides fondées sur le statut (statut-rsa).'
	},
	{
		id: 'activity_bonus_households_share',
		...householdShare('benefit_activity > 0'),
		label: 'Ménages percevant la prime d’activité',
		theme: 'minima',
		unit: '%',
		numeratorLabel: 'ménages percevant la prime d’activité',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages percevant la prime d’activité.',
		source: 'Données du ménage',
		why: 'Mesure le poids des revenus d’activité modestes.'
	},
	{
		id: 'aah_households_share',
		...householdShare('benefit_disability > 0'),
		label: 'Ménages percevant l’AAH',
		theme: 'minima',
		unit: '%',
		numeratorLabel: 'ménages percevant l’allocation aux adultes handicapés',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages percevant l’allocation aux adultes handicapés.',
		source: 'Données du ménage (domain.md §2.1 C5)',
		why: 'Repère les besoins liés au handicap.'
	},
	{
		id: 'aspa_households_share',
		...householdShare('benefit_old_age > 0'),
		label: 'Ménages percevant l’ASPA',
		theme: 'minima',
		unit: '%',
		numeratorLabel: 'ménages percevant l’allocation de solidarité aux personnes âgées',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages percevant l’ASPA (minimum vieillesse).',
		source: 'Données du ménage (domain.md §2.1 C6)',
		why: 'La pauvreté des retraités, souvent invisible.'
	},
	{
		id: 'housing_aid_households_share',
		...householdShare('benefit_housing > 0'),
		label: 'Ménages percevant une aide au logement',
		theme: 'minima',
		unit: '%',
		numeratorLabel: 'ménages percevant une aide au logement',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages percevant une aide au logement (APL, AL).',
		source: 'Données du ménage',
		why: 'Les aides au logement touchent au-delà des minima sociaux.'
	},
	{
		id: 'possible_non_take_up_share',
		...householdShare('benefit_activity = 0', `${INCOME_FIELD} AND poor AND ${WORKING}`),
		label: 'Travailleurs pauvres sans prime d’activité (non-recours possible)',
		theme: 'minima',
		unit: '%',
		numeratorLabel: 'ménages pauvres avec un actif occupé ne percevant pas la prime d’activité',
		denominatorLabel: 'ménages pauvres avec au moins un actif occupé',
		definition:
			'Part des ménages sous le seuil à 60 % comptant au moins un actif occupé qui ne perçoivent pas la prime d’activité : un non-recours possible, à vérifier au cas par cas.',
		source: 'Données du ménage ; vérification des droits : dispositif de La Rochelle (domain.md §4.4)',
		why: 'L’accès aux droits est la première réponse d’un CCAS, avant toute aide facultative.'
	},

	// ---- Logement (domain.md §2.1 L1) ----
	{
		id: 'social_tenants_share',
		...householdShare("tenure = 'social_rent'"),
		label: 'Locataires du parc social',
		theme: 'logement',
		unit: '%',
		numeratorLabel: 'ménages locataires d’un logement social',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages locataires d’un logement social (HLM).',
		source: 'Données du ménage (domain.md §2.1 L1)',
		why: 'Le parc social concentre les ménages modestes et des partenaires (bailleurs) pour agir.'
	},
	{
		id: 'private_tenants_share',
		...householdShare("tenure = 'private_rent'"),
		label: 'Locataires du parc privé',
		theme: 'logement',
		unit: '%',
		numeratorLabel: 'ménages locataires du parc privé',
		denominatorLabel: 'ménages',
		definition: 'Part des ménages locataires d’un logement du parc privé.',
		source: 'Données du ménage',
		why: 'Les loyers y sont plus élevés : c’est là que le taux d’effort pèse le plus.'
	},
	{
		id: 'housing_cost_over_33_share',
		...householdShare('charge_rent > 0.33 * resources', TENANTS),
		label: 'Locataires dont le loyer dépasse 33 % des ressources',
		theme: 'logement',
		unit: '%',
		numeratorLabel: 'ménages locataires dont le loyer brut dépasse 33 % des ressources (aides au logement comprises)',
		denominatorLabel: 'ménages locataires',
		definition: 'Part des ménages locataires dont le loyer (brut) dépasse le tiers de leurs ressources mensuelles, aides au logement comprises.',
		source: 'Données du ménage ; seuil de 33 % : hypothèse Vigie (taux d’effort usuel, aucune source dans domain.md)',
		why: 'Un taux d’effort élevé annonce impayés et expulsions.'
	},

	// ---- Activité des CCAS (DESIGN.md §4.1; domain.md §2.1 A1) ----
	{
		id: 'aid_requests_count',
		kind: 'sum',
		from: 'aid_requests',
		numerator: '1',
		label: 'Demandes d’aide facultative',
		theme: 'aides',
		unit: 'demandes',
		numeratorLabel: 'demandes déposées dans l’année',
		definition: 'Nombre de demandes d’aide facultative déposées dans l’année (date de la demande).',
		source: AIDS,
		why: 'Le volume d’activité du CCAS.'
	},
	{
		id: 'aid_requests_per_1000',
		kind: 'sum',
		from: 'aid_requests',
		numerator: '1',
		denominatorFrom: 'households',
		denominator: 'w',
		scale: 1000,
		label: 'Demandes pour 1 000 ménages',
		theme: 'aides',
		unit: 'pour 1 000 ménages',
		numeratorLabel: 'demandes déposées dans l’année',
		denominatorLabel: 'ménages (pondérés)',
		definition: 'Demandes d’aide facultative de l’année rapportées au nombre de ménages, pour 1 000.',
		source: AIDS,
		why: 'Rend l’activité comparable entre communes de tailles différentes.'
	},
	{
		id: 'aid_grant_rate',
		kind: 'sum',
		from: 'aid_requests',
		numerator: `(${GRANTED})::INTEGER`,
		denominator: '1',
		scale: 100,
		where: DECIDED,
		label: 'Taux d’accord',
		theme: 'aides',
		unit: '%',
		numeratorLabel: 'demandes accordées',
		denominatorLabel: 'demandes accordées ou refusées (les ajournées ne sont pas décidées)',
		definition: 'Part des demandes accordées parmi les demandes décidées (accordées + refusées).',
		source: AIDS,
		why: 'Reflète la sélectivité des règlements d’aides.'
	},
	{
		id: 'aid_mean_amount',
		kind: 'sum',
		from: 'aid_requests',
		numerator: 'amount_granted',
		denominator: '1',
		where: GRANTED,
		label: 'Montant moyen accordé',
		theme: 'aides',
		unit: '€',
		numeratorLabel: 'montants accordés',
		denominatorLabel: 'demandes accordées',
		definition: 'Montant moyen des aides accordées dans l’année.',
		source: AIDS,
		why: 'Avec la médiane, montre si quelques grosses aides tirent la moyenne.'
	},
	{
		id: 'aid_median_amount',
		kind: 'quantile',
		from: 'aid_requests',
		value: 'amount_granted',
		weight: '1',
		q: 0.5,
		where: GRANTED,
		label: 'Montant médian accordé',
		theme: 'aides',
		unit: '€',
		numeratorLabel: 'médiane des montants des demandes accordées',
		definition: 'Montant tel que la moitié des aides accordées est inférieure ou égale.',
		source: AIDS,
		why: 'Le montant typique d’une aide, insensible aux montants exceptionnels.'
	},
	{
		id: 'aid_amount_per_inhabitant',
		kind: 'sum',
		from: 'aid_requests',
		numerator: 'amount_granted',
		where: GRANTED,
		denominatorFrom: 'households',
		denominator: PERSON_WEIGHT,
		label: 'Aides accordées par habitant',
		theme: 'aides',
		unit: '€/habitant',
		numeratorLabel: 'montants accordés dans l’année',
		denominatorLabel: 'personnes (pondérées)',
		definition: 'Total des aides accordées dans l’année rapporté au nombre d’habitants.',
		source: AIDS,
		why: 'L’effort financier du CCAS, comparable d’une commune à l’autre.'
	},
	{
		id: 'aid_working_households_share',
		kind: 'sum',
		from: 'aid_requests',
		numerator: '(household_workers >= 1)::INTEGER',
		denominator: '1',
		scale: 100,
		where: 'linked',
		label: 'Demandes de ménages en emploi',
		theme: 'aides',
		unit: '%',
		numeratorLabel: 'demandes de ménages comptant au moins un actif occupé',
		denominatorLabel: 'demandes rattachées à un ménage (même commune, même année)',
		definition: 'Part des demandes émanant de ménages qui comptent au moins un actif occupé, parmi les demandes rattachées à un ménage.',
		source: AIDS + ' ; rattachement par household_id',
		why: 'Mesure la place des travailleurs pauvres parmi les demandeurs (13 à 38 % selon les enquêtes UNCCAS, domain.md §4.1).'
	},
	{
		id: 'aid_renewal_share',
		kind: 'sum',
		from: 'aid_requests',
		numerator: '(renewal_rank >= 1)::INTEGER',
		denominator: '1',
		scale: 100,
		where: GRANTED,
		label: 'Renouvellements',
		theme: 'aides',
		unit: '%',
		numeratorLabel: 'aides accordées en renouvellement (rang ≥ 1)',
		denominatorLabel: 'aides accordées',
		definition: 'Part des aides accordées qui renouvellent une aide antérieure.',
		source: AIDS,
		why: 'Des renouvellements fréquents signalent des difficultés durables plutôt que ponctuelles.'
	},
	{
		id: 'aid_outcome_stabilised_share',
		kind: 'sum',
		from: 'aid_requests',
		numerator: "(outcome_6m = 'stabilised')::INTEGER",
		denominator: '1',
		scale: 100,
		where: `${GRANTED} AND outcome_6m <> 'unknown'`,
		label: 'Situation stabilisée à 6 mois',
		theme: 'aides',
		unit: '%',
		numeratorLabel: 'aides accordées suivies d’une situation stabilisée six mois après',
		denominatorLabel: 'aides accordées dont la situation à 6 mois est connue',
		definition: 'Part des bénéficiaires dont la situation est stabilisée six mois après l’aide, parmi ceux dont la situation est connue.',
		source: AIDS,
		why: 'Le seul indicateur d’effet des aides : aident-elles à sortir de la difficulté ?'
	}
];

export function indicatorById(id: string): Indicator | undefined {
	return INDICATORS.find((i) => i.id === id);
}

/** Where the indicator's rows come from (households unless declared). */
export const sourceOf = (ind: Indicator): Source => ind.from ?? 'households';
