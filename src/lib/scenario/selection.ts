/**
 * The published report of a territory (one commune or several), secrecy holding across territories: a territory
 * of several communes hides every cell, row and reason that one of its communes hides on its own report (DESIGN.md
 * §4.1, « none » of the secret communes); the territory of every commune (the département), only where the
 * communes hiding it are one or hold 1 to 10 rows together, as the indicators' département. Then whatever
 * territories are asked, what they show never gives back what a commune hides.
 * The cost: each move evaluates every commune on its own too (bench/simulate.ts).
 */
import type { ScenarioData } from './load.ts';
import { populationOf } from './populations.ts';
import { hiddenByParts, partMask, partMasks, publish, type Published } from './publish.ts';
import { buildReport, cachedBaselineSide, type ReportOptions } from './report.ts';
import type { Resolved } from './spec.ts';
import { SECRECY_MIN_ROWS } from '../indicators/secrecy.ts';

export interface SelectionOptions extends Pick<ReportOptions, 'minRows' | 'communeNames'> {
	synthetic?: boolean;
}

export function publishSelection(data: ScenarioData, communes: readonly string[] | undefined, r: Resolved, opts: SelectionOptions = {}): Published {
	const { minRows = SECRECY_MIN_ROWS, communeNames, synthetic } = opts;
	const report = (pop: ReturnType<typeof populationOf>, forced?: ReportOptions['forced']) =>
		buildReport(pop, r, { minRows, communeNames, baselineSide: cachedBaselineSide(pop, r), forced });
	const pop = populationOf(data, communes);
	if (pop.communes.length < 2) return publish(report(pop), { minRows, synthetic });
	const whole = pop.communes.length === Object.keys(data.households_by_commune).length;
	const masks = partMasks(pop.communes.map((c) => partMask(report(populationOf(data, [c])), minRows)));
	// Breakdown rows and cells the communes hide, decided before the territory's own secondary secrecy.
	const rows = new Set([...masks.rows.keys()].filter((k) => !k.startsWith('reason:') && hiddenByParts(masks.rows.get(k), whole, minRows)));
	const cells = new Map<string, Set<string>>();
	for (const [k, cs] of masks.rowCells) {
		const hidden = [...cs].filter(([, ns]) => hiddenByParts(ns, whole, minRows)).map(([c]) => c);
		if (hidden.length) cells.set(k, new Set(hidden));
	}
	return publish(report(pop, { rows, cells }), { minRows, synthetic, parts: masks, whole });
}
