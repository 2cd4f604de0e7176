/**
 * Warms the indicator statistics of a freshly loaded dataset (the newest year's per-commune sums,
 * merged distributions and the commune and département results; indicators/stats.ts) so that the
 * Indicateurs page then answers from them. Meant to run right after a load, in the session's queue,
 * while the user reads the import report: on the full-scale 93 it moves a few seconds from the first
 * view of the indicators to the load.
 */
import type { Connector } from '../db/connector.ts';
import { runIndicators } from '../indicators/run.ts';

export async function prepareIndicators(db: Connector): Promise<void> {
	await runIndicators(db);
}
