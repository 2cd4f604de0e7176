/**
 * The published report of a territory (one commune or several), secrecy holding across territories: a territory
 * of several communes hides every figure, row, cell, class and reason that one of its communes hides on its own
 * report (DESIGN.md §4.1, « none » of the secret communes). Then whatever territories are asked, what they show is
 * a sum of figures each commune shows on its own: {93015, 93001} minus {93001} gives nothing 93015 hides.
 * The cost: a territory with a small commune loses that commune's secret cells everywhere (bench/secrecy-attack.ts).
 */
import type { ScenarioData } from './load.ts';
import { populationOf } from './populations.ts';
import { partMasks, publish, type Published } from './publish.ts';
import { buildReport, cachedBaselineSide, type ReportOptions } from './report.ts';
import type { Resolved } from './spec.ts';

export interface SelectionOptions extends Pick<ReportOptions, 'minRows' | 'communeNames'> {
	synthetic?: boolean;
}

export function publishSelection(data: ScenarioData, communes: readonly string[] | undefined, r: Resolved, opts: SelectionOptions = {}): Published {
	const { minRows, communeNames, synthetic } = opts;
	const report = (pop: ReturnType<typeof populationOf>, forced?: ReportOptions['forced']) =>
		buildReport(pop, r, { minRows, communeNames, baselineSide: cachedBaselineSide(pop, r), forced });
	const pop = populationOf(data, communes);
	if (pop.communes.length < 2) return publish(report(pop), { minRows, synthetic });
	// Each commune on its own, published as synthetic so that every figure secrecy would hide is listed.
	const masks = partMasks(pop.communes.map((c) => publish(report(populationOf(data, [c])), { minRows, synthetic: true })));
	return publish(report(pop, masks), { minRows, synthetic, parts: masks });
}
