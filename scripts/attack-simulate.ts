/** The simulator's published report of a territory, as the CLI and the page give it (selection.ts). */
import type { ScenarioData } from '../src/lib/scenario/load.ts';
import { publishSelection } from '../src/lib/scenario/selection.ts';
import type { Resolved } from '../src/lib/scenario/spec.ts';

export const publishSimulation = (data: ScenarioData, communes: string[], r: Resolved) =>
	publishSelection(data, communes, r) as unknown as Record<string, unknown>;
