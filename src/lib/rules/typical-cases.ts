/**
 * Typical households prefilled on the Cas type page (issue 5 item 6). Amounts from domain.md §6 (2025–26):
 * SMIC ≈ 1 443,11 € net [S68], allocations familiales for 2 children 151,05 € [S107], ASPA 1 043,59 € [S70];
 * rents and charges are illustrative orders of magnitude for Seine-Saint-Denis (hypothèse).
 */
import type { Household } from '../data/schema.ts';

export interface TypicalCase {
	id: string;
	label: string;
	description: string;
	household: Partial<Household>;
}

export const TYPICAL_CASES: TypicalCase[] = [
	{
		id: 'smic-seul',
		label: 'Salarié seul au SMIC',
		description: 'Personne seule en CDI à temps plein, payée au SMIC (1 443,11 € net), locataire du privé.',
		household: {
			persons_14_plus: 1,
			persons_under_14: 0,
			family_type: 'single',
			age_ref: 34,
			activity_ref: 'employed',
			contract_ref: 'permanent',
			workers: 1,
			tenure: 'private_rent',
			years_in_commune: 4,
			income_work: 1443.11,
			charge_rent: 780,
			charge_energy: 65,
			charge_water: 20,
			charge_insurance: 20,
			charge_health: 45,
			charge_transport: 44.35,
			charge_other: 40
		}
	},
	{
		id: 'parent-isole',
		label: 'Parent isolé à temps partiel',
		description: 'Mère seule avec deux enfants de moins de 14 ans, en CDD à temps partiel, locataire HLM, suivie par le CCAS.',
		household: {
			persons_14_plus: 1,
			persons_under_14: 2,
			family_type: 'single_parent',
			age_ref: 36,
			activity_ref: 'employed',
			contract_ref: 'fixed_term',
			part_time_ref: true,
			workers: 1,
			tenure: 'social_rent',
			years_in_commune: 6,
			social_followup: true,
			income_work: 880,
			benefit_family: 151.05,
			benefit_housing: 310,
			charge_rent: 640,
			charge_energy: 95,
			charge_water: 35,
			charge_insurance: 18,
			charge_health: 40,
			charge_childcare: 120,
			charge_transport: 44.35,
			charge_debt: 60
		}
	},
	{
		id: 'couple-deux-enfants',
		label: 'Couple, deux enfants, un seul revenu',
		description: 'Couple avec deux enfants de 8 et 12 ans, un salaire de 1 800 € net, prime d’activité, locataire du privé.',
		household: {
			persons_14_plus: 2,
			persons_under_14: 2,
			family_type: 'couple_children',
			age_ref: 41,
			activity_ref: 'employed',
			contract_ref: 'temp_agency',
			workers: 1,
			tenure: 'private_rent',
			years_in_commune: 2,
			social_followup: true,
			income_work: 1800,
			benefit_activity: 180,
			benefit_family: 151.05,
			benefit_housing: 160,
			charge_rent: 1150,
			charge_energy: 130,
			charge_water: 45,
			charge_insurance: 30,
			charge_health: 80,
			charge_transport: 88.7,
			charge_debt: 120
		}
	},
	{
		id: 'retraitee-seule',
		label: 'Retraitée seule',
		description: 'Femme de 76 ans vivant seule, minimum vieillesse (ASPA 1 043,59 €), locataire HLM.',
		household: {
			persons_14_plus: 1,
			persons_under_14: 0,
			family_type: 'single',
			age_ref: 76,
			activity_ref: 'retired',
			contract_ref: 'none',
			workers: 0,
			tenure: 'social_rent',
			years_in_commune: 30,
			benefit_old_age: 1043.59,
			benefit_housing: 190,
			charge_rent: 520,
			charge_energy: 70,
			charge_water: 25,
			charge_insurance: 15,
			charge_health: 75,
			charge_other: 30
		}
	}
];
