/** Household builders for the rules tests: a full contract row from a few fields. */
import type { Household } from '#lib/data/schema.ts';
import { parseHousehold } from '#lib/rules/household-input.ts';

export function household(over: Record<string, unknown> = {}): Household {
	return parseHousehold({
		persons_14_plus: 1,
		persons_under_14: 0,
		family_type: 'single',
		age_ref: 40,
		activity_ref: 'employed',
		contract_ref: 'permanent',
		workers: 1,
		tenure: 'private_rent',
		years_in_commune: 3,
		...over
	}).household;
}
