/** Hand-made populations for the scenario tests: contract rows from a few fields, in one commune by default. */
import { household } from '../rules/households.ts';
import { buildPopulation, type MonthlyFlow } from '#lib/scenario/population.ts';

/** A salaried, followed, resident household of Le Pré-Saint-Gervais (every PSG condition but the RAV passes). */
export function psgRow(over: Record<string, unknown> = {}) {
	const { commune = '93061', household_id = 'h', weight = 1, ...rest } = over;
	return { ...household({ social_followup: true, ...rest }), commune, household_id, weight } as Record<string, unknown>;
}

export function population(rows: Record<string, unknown>[], flow: MonthlyFlow = {}, year = 2023) {
	return buildPopulation(
		rows.map((r, i) => ({ ...r, household_id: r.household_id === 'h' ? `h${String(i).padStart(3, '0')}` : r.household_id })),
		year,
		flow
	);
}
