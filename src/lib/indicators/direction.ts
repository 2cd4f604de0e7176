/**
 * Which way an indicator reads for a social needs analysis: a higher value is a greater need (`higher_worse`),
 * a lesser one (`higher_better`), or neither (absent: composition, size, the CCAS's own activity). Pages colour a
 * gap from the département by it (worse red, better green), never by its sign: a low median income is no good news.
 * A reading of Vigie's, stated in Méthodologie; the marks ▲ ▼ keep saying only above or below.
 */
export type Direction = 'higher_worse' | 'higher_better';

const WORSE: readonly string[] = [
	// Household structure: one-parent families are the household type most exposed to poverty (INSEE).
	'single_parent_share',
	// Inequality ratios.
	'd9_d1_ratio',
	's80_s20_ratio',
	// Income from social benefits and minima: a dependence on transfers.
	'social_benefits_share',
	'minima_income_share',
	'rsa_income_share',
	'housing_benefit_share',
	// Poverty, its intensity, by household type, tenure and age.
	'poverty_rate_60',
	'poverty_rate_50',
	'poverty_intensity',
	'poverty_rate_single_parent',
	'poverty_rate_couple_children',
	'poverty_rate_single',
	'poverty_rate_tenants',
	'poverty_rate_owners',
	'poverty_rate_ref_under_30',
	'poverty_rate_ref_75_plus',
	'child_poverty_rate',
	// Working poor.
	'working_poor_rate',
	'poor_with_worker_share',
	// Reste à vivre under a threshold.
	'rav_under_5_share',
	'rav_under_8_share',
	'rav_under_10_share',
	'rav_negative_share',
	// Households receiving a means-tested benefit, and those who might not claim one.
	'rsa_households_share',
	'activity_bonus_households_share',
	'aah_households_share',
	'aspa_households_share',
	'housing_aid_households_share',
	'possible_non_take_up_share',
	// Housing cost burden.
	'housing_cost_over_33_share'
];

const BETTER: readonly string[] = [
	'median_living_standard',
	'd1',
	'rav_median_person_day',
	'rav_d1_person_day',
	'rav_median_uc_day',
	// Households whose situation stabilised six months after an aid.
	'aid_outcome_stabilised_share'
];

export const DIRECTION: Readonly<Record<string, Direction>> = Object.fromEntries([
	...WORSE.map((id) => [id, 'higher_worse'] as const),
	...BETTER.map((id) => [id, 'higher_better'] as const)
]);

/** How a gap reads: `above`/`below` the département → more or less need, or nothing for a neutral indicator. */
export function toneOf(indicator: string, flag: 'above' | 'below' | ''): 'worse' | 'better' | '' {
	const d = DIRECTION[indicator];
	if (!d || !flag) return '';
	return (flag === 'above') === (d === 'higher_worse') ? 'worse' : 'better';
}
