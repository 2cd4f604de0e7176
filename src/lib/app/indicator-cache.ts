/**
 * Warms the indicator statistics of the dataset in use (the newest year's per-commune sums, merged
 * distributions, and the results of the communes, the default group and the département;
 * indicators/stats.ts) so that the first view of the Indicateurs page answers from them. The session
 * queues it once a dataset is complete (default data, an import restored from the browser, a user's
 * import): a page asking meanwhile waits in the same queue and reuses it, never computing twice.
 */
import type { Connector } from '../db/connector.ts';
import { runIndicators } from '../indicators/run.ts';
import { DEFAULT_GROUP_NAME, type DepartementGeography } from '../territory/geography.ts';

/** The group a page opens with: the default one when the département has it and it is not the whole département. */
export function defaultGroup(geo: DepartementGeography | null): { code: string; communes: string[] } | undefined {
	const g = geo?.groups.find((x) => x.nom === DEFAULT_GROUP_NAME && x.members.length < geo.communes.length);
	return g ? { code: g.code, communes: g.members } : undefined;
}

/** What the Indicateurs page first asks for: newest year, national threshold, the default group. */
export async function prepareIndicators(db: Connector, geo: DepartementGeography | null = null): Promise<void> {
	const start = performance.now();
	await runIndicators(db, { group: defaultGroup(geo) });
	// The whole catalogue from the rows, what the benchmark reads in the page (bench/indicators.ts).
	performance.measure('vigie: indicator warm-up', { start, end: performance.now() });
}
