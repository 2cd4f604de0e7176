/**
 * Populations of one dataset's rows per territory, built once: the page's scenario and up to three saved
 * scenarios over the same communes share one (building one is seconds at département scale, a move is not).
 */
import type { ScenarioRows } from './load.ts';
import { buildPopulation, restrictRows, type Population } from './population.ts';

const BUILT = new WeakMap<ScenarioRows, Map<string, Population>>();

export function populationOf(data: ScenarioRows, communes: readonly string[] | undefined): Population {
	let m = BUILT.get(data);
	if (!m) BUILT.set(data, (m = new Map()));
	const key = communes?.length ? [...communes].sort().join(',') : '*';
	let p = m.get(key);
	if (!p) m.set(key, (p = buildPopulation(restrictRows(data.rows, communes), data.year, data.flow)));
	return p;
}
