/**
 * Populations of one dataset's households per territory, built once: the page's scenario and up to three saved
 * scenarios over the same communes share one (building one takes a few hundred ms at département scale, a move
 * does not).
 */
import type { ScenarioData } from './load.ts';
import { populationFromColumns, restrictColumns, type Population } from './population.ts';

const BUILT = new WeakMap<ScenarioData, Map<string, Population>>();

export function populationOf(data: ScenarioData, communes: readonly string[] | undefined): Population {
	let m = BUILT.get(data);
	if (!m) BUILT.set(data, (m = new Map()));
	// Every commune of the data, listed or not, is one population (a territory's list must not build a copy).
	const listed = communes?.length ? [...new Set(communes)].filter((c) => c in data.households_by_commune).sort() : [];
	const whole = !communes?.length || listed.length === Object.keys(data.households_by_commune).length;
	const key = whole ? '*' : listed.join(',');
	let p = m.get(key);
	if (!p) m.set(key, (p = populationFromColumns(restrictColumns(data, whole ? undefined : communes), data.year, data.flow, data.households_by_commune)));
	return p;
}
