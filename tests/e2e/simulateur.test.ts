/**
 * End to end: the built Simulateur page in headless chromium. Moving a threshold changes the counts, and they
 * are the numbers `simulate` gives in Node for the same scenario on the same data; the scenario travels in the
 * URL and reopening it gives the same report; no request leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { formatEuros, formatNumber } from '#lib/rules/cents.ts';
import { fetchScenarioData } from '#lib/scenario/load.ts';
import { populationFromColumns } from '#lib/scenario/population.ts';
import { classesTable } from '#lib/scenario/chart-tables.ts';
import { publish } from '#lib/scenario/publish.ts';
import { simulate } from '#lib/scenario/report.ts';
import { openSite, type Site } from '../../scripts/headless.ts';

let site: Site;
beforeAll(async () => {
	site = await openSite();
});
afterAll(async () => {
	await site?.close();
});

const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The same scenario computed in Node on the default data (static/data, as the page loads it), as published. */
async function nodeReport(changes: Record<string, number>) {
	const db = await createNodeConnector();
	await loadFolder(db, 'static/data');
	const d = await fetchScenarioData(db, { communes: ['93061'] });
	await db.close();
	return publish(simulate(populationFromColumns(d, d.year, d.flow), { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', communes: ['93061'], changes }));
}

describe('Simulateur page', () => {
	it('moves a threshold, shows the Node figures, and restores the shared URL', async () => {
		const { page } = site;
		await page.goto(site.url + '/simulateur');
		await expect(page.locator('h1').innerText()).resolves.toBe('Simulateur');
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		// Defaults: statut-rsa (paid with the scheme's rule) vs pre-saint-gervais, in its own commune.
		await expect(page.getByLabel('Dispositif simulé').inputValue()).resolves.toBe('pre-saint-gervais');
		await expect(page.getByLabel('Comparé à (référence)').inputValue()).resolves.toBe('statut-rsa');
		await expect(page.getByLabel('Territoire').inputValue()).resolves.toBe('93061');
		const eligible = () => page.getByTestId('scenario-eligible').innerText().then(text);
		const before = await eligible();
		const base = await nodeReport({});
		// Figures on fewer than 11 unweighted households are secret (DESIGN.md §4.1; publish.ts).
		const shownEligible = (r: typeof base) => (r.scenario.eligible === null ? 'secret' : text(formatNumber(Math.round(r.scenario.eligible))));
		expect(before).toBe(shownEligible(base));

		await page.getByLabel('Reste à vivre maximal', { exact: true }).fill('14');
		const moved = await nodeReport({ rav_max: 14 });
		// Both rest on 11 rows or more in the default data (shown), and the move raises the count.
		expect(moved.scenario.eligible).toBeGreaterThan(base.scenario.eligible!);
		await expect.poll(eligible).toBe(shownEligible(moved));
		expect(await page.getByTestId('scenario-cost').innerText().then(text)).toBe(moved.scenario.cost === null ? 'secret' : text(formatEuros(moved.scenario.cost)));
		// Targeting: a figure secret in Node is secret in the page, and only those.
		for (const [row, value] of [
			['exclusion', moved.scenario.targeting.exclusion.households],
			['inclusion', moved.scenario.targeting.inclusion.households]
		] as const) {
			const cell = await page.locator(`[data-testid=targeting] tr[data-row=${row}] td`).nth(1).innerText();
			expect(cell.startsWith('secret'), row).toBe(value === null);
		}
		// The classes as the page shows them: counts under 11 households are secret (chart-tables.ts).
		for (const row of classesTable(moved).rows) {
			const shown = await page.locator(`[data-testid=classes] tr[data-key=${row.key}] td`).first().innerText();
			expect(text(shown), row.key).toBe(row.suppressed ? 'secret' : text(formatNumber(Math.round(row.households as number))));
		}
		await expect(page.getByTestId('changes').innerText()).resolves.toContain('14');

		await expect.poll(() => page.url()).toContain('p.rav_max=14');
		const shared = page.url();
		const totals = await page.getByTestId('totals').innerText();
		const months = await page.getByTestId('months').innerText();
		await page.goto(site.url + '/');
		await page.goto(shared);
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		await expect.poll(() => page.getByLabel('Reste à vivre maximal', { exact: true }).inputValue()).toBe('14');
		await expect.poll(() => page.getByTestId('totals').innerText()).toBe(totals);
		expect(await page.getByTestId('months').innerText()).toBe(months);
		// Four charts (cost, classes, deciles, envelope), each with its table and a CSV export.
		// (A chart with nothing to show after secrecy says so instead of drawing empty axes.)
		await expect(page.locator('[data-testid=report] figure[data-chart] .chart:has(svg, p.chart-empty)').count()).resolves.toBe(4);
		await expect(page.locator('[data-chart=chart-envelope] .chart svg').count()).resolves.toBeGreaterThan(0);
		await expect(page.locator('[data-testid=report] figure[data-chart] details table').count()).resolves.toBe(4);
		await expect(page.getByTestId('deciles').locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(10);

		// Saved in this browser under a `vigie:` key, then compared (and drawn in the cost chart).
		await page.getByLabel('Nom du scénario').fill('seuil à 14 €');
		await page.getByRole('button', { name: 'Enregistrer dans ce navigateur' }).click();
		const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('vigie:')));
		expect(stored).toEqual(['vigie:simulateur:scenarios']);
		await expect(page.getByTestId('comparison').innerText()).resolves.toContain('seuil à 14 €');
		await expect(page.getByTestId('cost-table').locator('tbody tr').count()).resolves.toBe(3);

		// Printed: the report and charts, no controls.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('#s-scheme').isVisible()).toBe(false);
		expect(await page.getByTestId('print-summary').isVisible()).toBe(true);
		expect(await page.locator('[data-chart=chart-envelope] .chart svg[viewBox]').last().isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });

		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/simulateur.png', fullPage: true });
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('says what is wrong in a bad shared link', async () => {
		const { page } = site;
		await page.goto(site.url + '/simulateur?dispositif=elan&p.rav_max=3');
		await expect(page.getByRole('alert').first().innerText()).resolves.toContain('paramètre inconnu « rav_max »');
	});
});
