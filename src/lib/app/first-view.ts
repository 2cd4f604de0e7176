/**
 * The Territoire page's first view of the embedded default data, computed when the data is made (npm run data),
 * as Observable Framework's data loaders compute at build what a page shows first: the headline indicators of
 * the default group for the newest year, by the same engine on the same validated file. The page shows it at
 * once and starts DuckDB beside it; any other choice is computed in the browser as before. Parity with the
 * engine is a test (tests/first-view.test.ts).
 */
import type { Connector } from '../db/connector.ts';
import { indicatorById } from '../indicators/catalogue.ts';
import { runIndicators, type IndicatorValue } from '../indicators/run.ts';
import { DEFAULT_GROUP_NAME, type DepartementGeography } from '../territory/geography.ts';
import { HEADLINE } from './territory-view.ts';

export const FIRST_VIEW_FILE = 'first-view.json';

export interface FirstView {
	/** The manifest's label: the view belongs to that dataset only. */
	label: string;
	departement: string;
	year: number;
	synthetic: boolean;
	/** The default group's code. */
	group: string;
	values: IndicatorValue[];
}

/** The default group of a département's geography (the page's first choice). */
export const defaultGroup = (geo: DepartementGeography) => geo.groups.find((g) => g.nom === DEFAULT_GROUP_NAME) ?? null;

/** The page's first query, on a database holding the newest households year. */
export async function computeFirstView(
	db: Connector,
	geo: DepartementGeography,
	opts: { label: string; departement: string; year: number; synthetic: boolean }
): Promise<FirstView> {
	const g = defaultGroup(geo);
	const values = await runIndicators(db, {
		year: opts.year,
		group: g ? { code: g.code, communes: g.members } : undefined,
		indicators: HEADLINE.map((id) => indicatorById(id)!),
		synthetic: opts.synthetic
	});
	return { ...opts, group: g?.code ?? '', values };
}
