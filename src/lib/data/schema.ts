/**
 * Data contracts of DESIGN.md §3, as declarative column tables. Validation (validate.ts), the generator
 * (synth/) and the CSV writer all read these tables: a column is declared once, here.
 */
export type ColumnType = 'text' | 'int' | 'double' | 'bool' | 'date' | 'enum';

export interface Column {
	name: string;
	type: ColumnType;
	/** Missing column rejects the whole file; missing value rejects the row. */
	required: boolean;
	/** Value used when an optional column is absent or a cell is empty. */
	default?: string | number | boolean | null;
	values?: readonly string[];
	min?: number;
	max?: number;
	/** Exact length for codes (commune: 5, IRIS: 9). */
	length?: number;
	label: string;
}

export interface Contract {
	kind: 'households' | 'aid_requests';
	/** Columns whose combination must be unique; later duplicates are rejected. */
	key: readonly string[];
	columns: readonly Column[];
}

export const FAMILY_TYPES = ['single', 'couple', 'couple_children', 'single_parent', 'other'] as const;
export const ACTIVITIES = ['employed', 'unemployed', 'retired', 'student', 'inactive'] as const;
export const CONTRACTS = ['permanent', 'fixed_term', 'temp_agency', 'self_employed', 'none'] as const;
export const TENURES = ['social_rent', 'private_rent', 'owner', 'hosted', 'no_home'] as const;
export const OVERINDEBTED = ['none', 'observed', 'file'] as const;
export const AID_TYPES = ['food', 'cash', 'bill_energy', 'bill_rent', 'microcredit', 'other'] as const;
export const AID_FORMS = ['voucher', 'cash', 'direct_payment', 'loan'] as const;
export const DECISIONS = ['granted', 'refused', 'postponed'] as const;
export const REFERRERS = ['ccas', 'departement', 'caf', 'association', 'other'] as const;
export const OUTCOMES = ['stabilised', 'unchanged', 'degraded', 'unknown'] as const;

export type FamilyType = (typeof FAMILY_TYPES)[number];
export type Activity = (typeof ACTIVITIES)[number];
export type ContractType = (typeof CONTRACTS)[number];
export type Tenure = (typeof TENURES)[number];
export type Overindebted = (typeof OVERINDEBTED)[number];

/** Monthly resource columns, € (DESIGN.md §3). */
export const RESOURCE_COLUMNS = [
	'income_work',
	'income_unemployment',
	'income_pension',
	'income_other',
	'benefit_rsa',
	'benefit_activity',
	'benefit_family',
	'benefit_housing',
	'benefit_disability',
	'benefit_old_age'
] as const;
/** Monthly charge columns, €; rent is gross (housing aid is a resource, never also deducted). */
export const CHARGE_COLUMNS = [
	'charge_rent',
	'charge_energy',
	'charge_water',
	'charge_insurance',
	'charge_health',
	'charge_debt',
	'charge_childcare',
	'charge_alimony',
	'charge_transport',
	'charge_tax',
	'charge_other'
] as const;
export type ResourceColumn = (typeof RESOURCE_COLUMNS)[number];
export type ChargeColumn = (typeof CHARGE_COLUMNS)[number];

/**
 * Plausible ranges (DESIGN.md §6): a monthly amount of a household or a request beyond 10 million euros is a
 * damaged cell (« 1e308 », an id in the wrong column), not a figure; it would break every sum after it.
 */
export const MAX_EUROS = 10_000_000;
/** A sampling weight beyond this is no survey's: INSEE's samples weigh households by tens to hundreds. */
export const MAX_WEIGHT = 100_000;

const euros = (name: string, label: string): Column => ({
	name,
	type: 'double',
	required: false,
	default: 0,
	min: 0,
	max: MAX_EUROS,
	label
});

// Bounds: a commune code is 5 characters (2A/2B kept); money is monthly and non-negative.
export const HOUSEHOLDS: Contract = {
	kind: 'households',
	key: ['household_id', 'year'],
	columns: [
		{ name: 'household_id', type: 'text', required: true, label: 'identifiant du ménage' },
		{ name: 'year', type: 'int', required: true, min: 2000, max: 2100, label: 'année de référence' },
		{ name: 'commune', type: 'text', required: true, length: 5, label: 'code commune INSEE' },
		{ name: 'iris', type: 'text', required: false, default: null, length: 9, label: 'code IRIS' },
		{ name: 'weight', type: 'double', required: false, default: 1, min: 0, max: MAX_WEIGHT, label: 'poids de sondage' },
		{ name: 'persons_14_plus', type: 'int', required: true, min: 1, max: 30, label: 'personnes de 14 ans ou plus' },
		{ name: 'persons_under_14', type: 'int', required: true, min: 0, max: 30, label: 'enfants de moins de 14 ans' },
		{ name: 'family_type', type: 'enum', required: true, values: FAMILY_TYPES, label: 'type de ménage' },
		{ name: 'age_ref', type: 'int', required: true, min: 14, max: 120, label: 'âge de la personne de référence' },
		{ name: 'activity_ref', type: 'enum', required: true, values: ACTIVITIES, label: 'activité de la personne de référence' },
		{ name: 'contract_ref', type: 'enum', required: false, default: 'none', values: CONTRACTS, label: 'contrat de la personne de référence' },
		{ name: 'part_time_ref', type: 'bool', required: false, default: false, label: 'temps partiel' },
		{ name: 'workers', type: 'int', required: false, default: 0, min: 0, max: 30, label: 'actifs occupés' },
		{ name: 'recent_job_loss', type: 'bool', required: false, default: false, label: 'perte d’emploi récente' },
		{ name: 'tenure', type: 'enum', required: true, values: TENURES, label: 'statut d’occupation' },
		{ name: 'years_in_commune', type: 'double', required: false, default: null, min: 0, max: 120, label: 'ancienneté dans la commune' },
		{ name: 'social_followup', type: 'bool', required: false, default: false, label: 'suivi par un service social' },
		{ name: 'overindebted', type: 'enum', required: false, default: 'none', values: OVERINDEBTED, label: 'surendettement' },
		euros('income_work', 'revenus d’activité'),
		euros('income_unemployment', 'allocations chômage'),
		euros('income_pension', 'retraites et pensions'),
		euros('income_other', 'autres revenus'),
		euros('benefit_rsa', 'RSA'),
		euros('benefit_activity', 'prime d’activité'),
		euros('benefit_family', 'prestations familiales'),
		euros('benefit_housing', 'aide au logement'),
		euros('benefit_disability', 'AAH'),
		euros('benefit_old_age', 'ASPA'),
		euros('charge_rent', 'loyer'),
		euros('charge_energy', 'énergie'),
		euros('charge_water', 'eau'),
		euros('charge_insurance', 'assurances'),
		euros('charge_health', 'santé, mutuelle'),
		euros('charge_debt', 'remboursements de dettes'),
		euros('charge_childcare', 'garde d’enfants'),
		euros('charge_alimony', 'pension alimentaire versée'),
		euros('charge_transport', 'transport'),
		euros('charge_tax', 'impôts'),
		euros('charge_other', 'autres charges')
	]
};

export const AID_REQUESTS: Contract = {
	kind: 'aid_requests',
	key: ['request_id'],
	columns: [
		{ name: 'request_id', type: 'text', required: true, label: 'identifiant de la demande' },
		{ name: 'household_id', type: 'text', required: false, default: null, label: 'identifiant du ménage' },
		{ name: 'commune', type: 'text', required: true, length: 5, label: 'commune du CCAS' },
		{ name: 'scheme', type: 'text', required: false, default: 'other', label: 'dispositif' },
		{ name: 'date_request', type: 'date', required: true, label: 'date de la demande' },
		{ name: 'date_decision', type: 'date', required: false, default: null, label: 'date de la décision' },
		{ name: 'aid_type', type: 'enum', required: true, values: AID_TYPES, label: 'type d’aide' },
		{ name: 'form', type: 'enum', required: true, values: AID_FORMS, label: 'forme de l’aide' },
		{ name: 'amount_requested', type: 'double', required: false, default: null, min: 0, max: MAX_EUROS, label: 'montant demandé' },
		{ name: 'amount_granted', type: 'double', required: false, default: 0, min: 0, max: MAX_EUROS, label: 'montant accordé' },
		{ name: 'decision', type: 'enum', required: true, values: DECISIONS, label: 'décision' },
		{ name: 'renewal_rank', type: 'int', required: false, default: 0, min: 0, max: 100, label: 'rang de renouvellement' },
		{ name: 'referrer', type: 'enum', required: false, default: 'other', values: REFERRERS, label: 'orienteur' },
		{ name: 'outcome_6m', type: 'enum', required: false, default: 'unknown', values: OUTCOMES, label: 'situation à 6 mois' }
	]
};

export const CONTRACTS_BY_KIND = { households: HOUSEHOLDS, aid_requests: AID_REQUESTS } as const;
export type Kind = keyof typeof CONTRACTS_BY_KIND;

/** A household row as the engine sees it (after validation). */
export interface Household {
	household_id: string;
	year: number;
	commune: string;
	iris: string | null;
	weight: number;
	persons_14_plus: number;
	persons_under_14: number;
	family_type: FamilyType;
	age_ref: number;
	activity_ref: Activity;
	contract_ref: ContractType;
	part_time_ref: boolean;
	workers: number;
	recent_job_loss: boolean;
	tenure: Tenure;
	years_in_commune: number | null;
	social_followup: boolean;
	overindebted: Overindebted;
	income_work: number;
	income_unemployment: number;
	income_pension: number;
	income_other: number;
	benefit_rsa: number;
	benefit_activity: number;
	benefit_family: number;
	benefit_housing: number;
	benefit_disability: number;
	benefit_old_age: number;
	charge_rent: number;
	charge_energy: number;
	charge_water: number;
	charge_insurance: number;
	charge_health: number;
	charge_debt: number;
	charge_childcare: number;
	charge_alimony: number;
	charge_transport: number;
	charge_tax: number;
	charge_other: number;
}

export interface AidRequest {
	request_id: string;
	household_id: string | null;
	commune: string;
	scheme: string;
	date_request: string;
	date_decision: string | null;
	aid_type: (typeof AID_TYPES)[number];
	form: (typeof AID_FORMS)[number];
	amount_requested: number | null;
	amount_granted: number;
	decision: (typeof DECISIONS)[number];
	renewal_rank: number;
	referrer: (typeof REFERRERS)[number];
	outcome_6m: (typeof OUTCOMES)[number];
}
