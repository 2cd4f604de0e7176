/**
 * Everything the Cas type page shows for one household, computed here so the page holds no rule: RAV per
 * person and per UC, per day and per month (all resources, all charges, 30 days: the rav_under_5_share
 * definition of DESIGN.md §4), each scheme's explanation, and the rights check.
 */
import type { Household } from '../data/schema.ts';
import { explain, type Explanation } from './explain.ts';
import type { HouseholdCase } from './household-input.ts';
import { listSchemes } from './registry.ts';
import { ravViews } from './reste-a-vivre.ts';
import { rightsCheck, type RightsCheck } from './rights-check.ts';
import { allResourcesAndCharges, DAYS_PER_MONTH } from './schemes/shared.ts';

export interface CaseReport {
	rav: ReturnType<typeof ravViews>;
	schemes: Explanation[];
	rights: RightsCheck;
}

export function evaluateCase(c: HouseholdCase): CaseReport {
	const h: Household = c.household;
	return {
		rav: ravViews(h, allResourcesAndCharges({ kind: 'persons' }, 'day'), DAYS_PER_MONTH.value),
		schemes: listSchemes().map((s) => explain(h, s, { amount_requested: c.amount_requested, renewal_rank: c.renewal_rank })),
		rights: rightsCheck(h)
	};
}
