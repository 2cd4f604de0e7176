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
import { fetchScenarioRows } from '#lib/scenario/load.ts';
import { buildPopulation } from '#lib/scenario/population.ts';
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

/** The same scenario computed in Node on the default data (static/data, as the page loads it). */
async function nodeReport(changes: Record<string, number>) {
	const db = await createNodeConnector();
	await loadFolder(db, 'static/data');
	const d = await fetchScenarioRows(db, { communes: ['93061'] });
	await db.close();
	return simulate(buildPopulation(d.rows, d.year, d.flow), { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', communes: ['93061'], changes });
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
		expect(before).toBe(text(formatNumber(Math.round(base.scenario.eligible))));

		await page.getByLabel('Reste à vivre maximal', { exact: true }).fill('14');
		const moved = await nodeReport({ rav_max: 14 });
		expect(moved.scenario.eligible).toBeGreaterThan(base.scenario.eligible);
		await expect.poll(eligible).toBe(text(formatNumber(Math.round(moved.scenario.eligible))));
		expect(await page.getByTestId('scenario-cost').innerText().then(text)).toBe(text(formatEuros(moved.scenario.cost)));
		const gagnants = await page.locator('tr[data-class=gagnant] td').first().innerText();
		expect(text(gagnants)).toBe(text(formatNumber(Math.round(moved.winners_losers.gagnant.households))));
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
		await expect(page.locator('[data-testid=report] .chart svg').count()).resolves.toBeGreaterThanOrEqual(2);

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
