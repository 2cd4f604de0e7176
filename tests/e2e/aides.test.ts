/**
 * End to end: the built site's Aides page, computed by DuckDB-wasm in headless chromium, shows the same
 * tables as the aid functions (and the catalogue behind `vigie indicators`) compute in Node on build/data.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { runIndicators } from '#lib/indicators/run.ts';
import { departementGeography } from '#lib/territory/etalab.ts';
import { communeName } from '#lib/territory/geography.ts';
import { aidReport, aidYears } from '#lib/aid/report.ts';
import { COMPARE_INDICATORS, compareRows } from '#lib/aid/compare.ts';
import { aidTables, compareTable, type AidTable } from '#lib/aid/tables.ts';
import { openSite, type Site } from '../../scripts/headless.ts';

let site: Site;
let db: Connector;
let years: number[];
/** The default data are synthetic (manifest): the page shows figures secrecy would hide, marked. */
let synthetic: boolean;
const geo = departementGeography('93');
const estEnsemble = geo.groups.find((g) => g.nom === 'Est Ensemble')!;
const name = (c: string) => communeName(geo, c);

beforeAll(async () => {
	db = await createNodeConnector();
	synthetic = (await loadFolder(db, 'build/data')).synthetic === true;
	years = await aidYears(db);
	site = await openSite();
}, 120_000);

afterAll(async () => {
	await site?.close();
	await db?.close();
});

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

async function shown(id: string): Promise<string[][]> {
	const rows = site.page.locator(`section[data-table="${id}"] tbody tr`);
	const out: string[][] = [];
	// A cell's text without its would-be-secret mark (« ◌ » and the note for screen readers): the tables hold it apart.
	for (const r of await rows.all())
		out.push(
			(await r.locator('th, td').evaluateAll((cells) =>
				cells.map((c) => {
					const copy = c.cloneNode(true) as Element;
					for (const m of copy.querySelectorAll('.wbs')) m.remove();
					return copy.textContent ?? '';
				})
			)).map(clean)
		);
	return out;
}

const norm = (t: AidTable) => t.rows.map((r) => r.map(clean));

async function ready() {
	await site.page.waitForSelector('[data-testid=ready][aria-busy=false]', { timeout: 120_000 });
}

describe('Aides page', () => {
	it('shows Est Ensemble’s aid tables as computed in Node, and no request leaves 127.0.0.1', async () => {
		const { page } = site;
		await page.goto(site.url + '/aides');
		await ready();
		await expect(page.locator('h1').innerText()).resolves.toBe('Aides');
		const from = years[0];
		const to = years[years.length - 1];
		const report = await aidReport(db, { communes: estEnsemble.members, from, to }, { synthetic });
		const tables = aidTables(report, name);
		for (const id of ['synthese', 'mois', 'type', 'forme', 'montants-quantiles', 'delais-quantiles', 'profil', 'travailleurs-pauvres', 'renouvellements', 'aides-multiples', 'situation', 'cohortes', 'enveloppe']) {
			expect(await shown(id), id).toEqual(norm(tables.find((t) => t.id === id)!));
		}
		// Le Pré-Saint-Gervais has an envelope (12 000 €); the other CCAS none known.
		const env = await shown('enveloppe');
		expect(env.some((r) => r[0] === 'Le Pré-Saint-Gervais' && r[3] === '12 000 €')).toBe(true);
		expect(env.some((r) => r[3] === 'pas d’enveloppe connue')).toBe(true);
		// Across CCAS: the catalogue's figures of the last household year (those of vigie indicators).
		const values = await runIndicators(db, { year: 2023, group: { code: estEnsemble.code, communes: estEnsemble.members }, indicators: COMPARE_INDICATORS, synthetic });
		const cmp = compareTable(compareRows(values, estEnsemble.members, estEnsemble.code), 2023, (c, type) =>
			type === 'commune' ? name(c) : type === 'group' ? estEnsemble.nom : `Département ${c}`
		);
		expect(await shown('comparaison')).toEqual(norm(cmp));
		expect(await page.locator('[data-testid=chart-monthly] svg').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-testid=chart-working-poor] svg').count()).toBeGreaterThan(0);
		// Real data: some cells read « secret »; synthetic data: they show their figure, marked, and the legend says why.
		if (synthetic) {
			expect(await page.locator('td.would-be-secret').count()).toBeGreaterThan(0);
			await expect(page.getByTestId('would-be-secret-legend').innerText()).resolves.toContain('serait secret sur des données réelles');
		} else expect(await page.locator('td.secret').count()).toBeGreaterThan(0);
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/aides.png', fullPage: true });
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	}, 180_000);

	it('follows the CCAS and the years chosen', async () => {
		const { page } = site;
		await page.selectOption('#scope', 'commune:93061');
		await ready();
		await page.selectOption('#from', '2023');
		await ready();
		await page.waitForFunction(() => document.querySelector('[data-testid=ready]')?.textContent?.includes('de 2023'));
		await ready();
		const tables = aidTables(await aidReport(db, { communes: ['93061'], from: 2023, to: years[years.length - 1] }, { synthetic }), name);
		for (const id of ['synthese', 'mois', 'enveloppe', 'situation']) expect(await shown(id), id).toEqual(norm(tables.find((t) => t.id === id)!));
		expect(await page.locator('[data-testid=chart-envelope] svg').count()).toBeGreaterThan(0);
		expect(site.offOrigin).toEqual([]);
	}, 180_000);
});
