/**
 * INSEE Filosofi 2021 figures published for whole départements and for France métropolitaine, shown
 * beside the computed values. Only figures INSEE publishes are listed (domain.md §3.2, §3.4); an indicator
 * without one gets none: nothing is derived or invented here (a sum of commune counts is not a
 * published département figure).
 */
import { indicatorById } from '../indicators/catalogue.ts';
import type { IndicatorValue, TerritoryType } from '../indicators/run.ts';

export const FRANCE_METRO = 'FRM';
export const PUBLISHED_YEAR = 2021;

interface Published {
	territory: string;
	territory_type: TerritoryType;
	indicator: string;
	value: number;
	/** Where the figure is quoted (domain.md section and its source ids). */
	source: string;
}

export const PUBLISHED: readonly Published[] = [
	// domain.md §3.4 (Filosofi 2021, département rows) [S31][S32]
	{ territory: '93', territory_type: 'departement', indicator: 'poverty_rate_60', value: 28.4, source: 'domain.md §3.4' },
	{ territory: '93', territory_type: 'departement', indicator: 'median_living_standard', value: 19020, source: 'domain.md §3.4, §10.1' },
	{ territory: '94', territory_type: 'departement', indicator: 'poverty_rate_60', value: 17.2, source: 'domain.md §3.4' },
	{ territory: '94', territory_type: 'departement', indicator: 'median_living_standard', value: 24270, source: 'domain.md §3.4' },
	{ territory: '92', territory_type: 'departement', indicator: 'poverty_rate_60', value: 12.4, source: 'domain.md §3.4' },
	{ territory: '92', territory_type: 'departement', indicator: 'median_living_standard', value: 29720, source: 'domain.md §3.4' },
	// domain.md §3.2, last paragraph: Filosofi (local) France métropolitaine 2021, poverty rate 14.9 % [S28]
	{ territory: FRANCE_METRO, territory_type: 'france', indicator: 'poverty_rate_60', value: 14.9, source: 'domain.md §3.2' }
];

/** The published figures of these départements and of France métropolitaine, as indicator values. */
export function publishedReferences(departements: readonly string[]): IndicatorValue[] {
	return PUBLISHED.filter((p) => p.territory_type === 'france' || departements.includes(p.territory)).map((p) => ({
		indicator: p.indicator,
		territory: p.territory,
		territory_type: p.territory_type,
		year: PUBLISHED_YEAR,
		value: p.value,
		numerator: null,
		denominator: null,
		unit: indicatorById(p.indicator)?.unit ?? '',
		suppressed: false
	}));
}
