/** What the pages must show, computed in Node by the same engine on the files the built site serves. */
import { createNodeConnector } from '#lib/db/node.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';
import { departementGeography } from '#lib/territory/etalab.ts';
import { formatValue } from '#lib/ui/format.ts';

export const geo93 = departementGeography('93');
export const estEnsemble = geo93.groups.find((g) => g.nom === 'Est Ensemble')!;

/**
 * Every indicator on build/data, with Est Ensemble as the group (the pages' default). The default data are
 * synthetic (their manifest says so): as on the pages, values secrecy would hide are shown, marked.
 */
export async function expectedIndicators(): Promise<IndicatorValue[]> {
	const db = await createNodeConnector();
	const { synthetic } = await loadFolder(db, `${process.env.VIGIE_BUILD ?? 'build'}/data`);
	const rows = await runIndicators(db, { group: { code: estEnsemble.code, communes: estEnsemble.members }, synthetic });
	await db.close();
	return rows;
}

export const cellText = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text a cell must show for one indicator of one territory. */
export function expectedCell(rows: readonly IndicatorValue[], indicator: string, type: string, territory: string): string {
	const v = rows.find((e) => e.indicator === indicator && e.territory_type === type && e.territory === territory)!;
	return cellText(formatValue(v.value, v.unit, v.suppressed));
}
