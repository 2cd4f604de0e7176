/**
 * What a condition may look at: household columns (DESIGN.md §3) and values derived from them by the
 * scheme's RAV definition. One catalogue read by the schema (type checks), both evaluators and the UI (labels).
 */
import {
	ACTIVITIES,
	CHARGE_COLUMNS,
	CONTRACTS,
	FAMILY_TYPES,
	HOUSEHOLDS,
	OVERINDEBTED,
	RESOURCE_COLUMNS,
	TENURES
} from '../data/schema.ts';

export interface Variable {
	kind: 'number' | 'bool' | 'enum';
	label: string;
	unit: string;
	/** Money and RAV: compared in cents after rounding (DESIGN.md §5). */
	money?: boolean;
	values?: readonly string[];
	/** Computed from the scheme's RAV definition rather than read from a column. */
	derived?: boolean;
}

const label = (name: string) => HOUSEHOLDS.columns.find((c) => c.name === name)!.label;

const fromColumns: Record<string, Variable> = {
	persons_14_plus: { kind: 'number', label: label('persons_14_plus'), unit: 'pers.' },
	persons_under_14: { kind: 'number', label: label('persons_under_14'), unit: 'pers.' },
	age_ref: { kind: 'number', label: label('age_ref'), unit: 'ans' },
	workers: { kind: 'number', label: label('workers'), unit: 'pers.' },
	years_in_commune: { kind: 'number', label: label('years_in_commune'), unit: 'ans' },
	part_time_ref: { kind: 'bool', label: label('part_time_ref'), unit: '' },
	recent_job_loss: { kind: 'bool', label: label('recent_job_loss'), unit: '' },
	social_followup: { kind: 'bool', label: label('social_followup'), unit: '' },
	family_type: { kind: 'enum', label: label('family_type'), unit: '', values: FAMILY_TYPES },
	activity_ref: { kind: 'enum', label: label('activity_ref'), unit: '', values: ACTIVITIES },
	contract_ref: { kind: 'enum', label: label('contract_ref'), unit: '', values: CONTRACTS },
	tenure: { kind: 'enum', label: label('tenure'), unit: '', values: TENURES },
	overindebted: { kind: 'enum', label: label('overindebted'), unit: '', values: OVERINDEBTED }
};
for (const c of [...RESOURCE_COLUMNS, ...CHARGE_COLUMNS]) fromColumns[c] = { kind: 'number', label: label(c), unit: '€/mois', money: true };

export const VARIABLES: Record<string, Variable> = {
	...fromColumns,
	persons: { kind: 'number', label: 'personnes du ménage', unit: 'pers.', derived: true },
	uc: { kind: 'number', label: 'unités de consommation', unit: 'UC', derived: true },
	rav_monthly: { kind: 'number', label: 'reste à vivre du ménage', unit: '€/mois', money: true, derived: true },
	/** In the scheme's own unit: € per person, UC or part, per day or per month. */
	rav_per_unit: { kind: 'number', label: 'reste à vivre', unit: 'rav', money: true, derived: true },
	/** Niveau de vie per month: (all resources − taxes) / UC (DESIGN.md §3), in cents. */
	living_standard_monthly: { kind: 'number', label: 'niveau de vie mensuel', unit: '€/mois/UC', money: true, derived: true }
};

/** Column names of the household needed to evaluate any scheme. */
export const NUMBER_COLUMNS = [
	'persons_14_plus',
	'persons_under_14',
	'age_ref',
	'workers',
	'years_in_commune',
	...RESOURCE_COLUMNS,
	...CHARGE_COLUMNS
] as const;
export const BOOL_COLUMNS = ['part_time_ref', 'recent_job_loss', 'social_followup'] as const;
export const ENUM_COLUMNS = ['family_type', 'activity_ref', 'contract_ref', 'tenure', 'overindebted'] as const;
export type NumberColumn = (typeof NUMBER_COLUMNS)[number];
export type BoolColumn = (typeof BOOL_COLUMNS)[number];
export type EnumColumn = (typeof ENUM_COLUMNS)[number];

/** French words for enum values shown to people. */
export const VALUE_LABELS: Record<string, string> = {
	single: 'personne seule',
	couple: 'couple sans enfant',
	couple_children: 'couple avec enfants',
	single_parent: 'famille monoparentale',
	other: 'autre',
	employed: 'en emploi',
	unemployed: 'au chômage',
	retired: 'retraité',
	student: 'étudiant',
	inactive: 'inactif',
	permanent: 'CDI',
	fixed_term: 'CDD',
	temp_agency: 'intérim',
	self_employed: 'indépendant',
	none: 'aucun',
	social_rent: 'locataire HLM',
	private_rent: 'locataire du privé',
	owner: 'propriétaire',
	hosted: 'hébergé',
	no_home: 'sans logement',
	observed: 'constaté',
	file: 'dossier déposé'
};
