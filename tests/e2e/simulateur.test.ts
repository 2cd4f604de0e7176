/**
 * End to end: the built Simulateur page in headless chromium at 1366×768, on the default (synthetic) data. The
 * answer comes first (a sentence and cards of figures, never « secret » on demo data), the figures are those
 * `simulate` gives in Node for the same scenario, a moved threshold changes the sentence, the scenario travels
 * in the URL and a fresh browser opened on it gives the same sentence; a link the data cannot honour gets a
 * notice and a working page; no request leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadFolder } from '#lib/data/folder.ts';
import { formatNumber } from '#lib/rules/cents.ts';
import { formatValue } from '#lib/ui/format.ts';
import { fetchScenarioData } from '#lib/scenario/load.ts';
import { populationFromColumns } from '#lib/scenario/population.ts';
import { publish } from '#lib/scenario/publish.ts';
import { simulate } from '#lib/scenario/report.ts';
import { summarySentence } from '#lib/scenario/summary.ts';
import { openSite, type Site } from '../../scripts/headless.ts';

let site: Site;
beforeAll(async () => {
	site = await openSite();
	await site.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
	await site?.close();
});

const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** A figure as read, without the mark of a value real data would hide (« ◌ (serait secret …) »). */
const figure = (s: string) => text(s.replace(/◌[\s\S]*$/, ''));

/** The same scenario computed in Node on the default data (static/data, as the page loads it). */
async function nodeReport(changes: Record<string, number>) {
	const db = await createNodeConnector();
	const loaded = await loadFolder(db, 'static/data');
	const d = await fetchScenarioData(db, { communes: ['93061'] });
	await db.close();
	return publish(simulate(populationFromColumns(d, d.year, d.flow), { scheme: 'pre-saint-gervais', baseline: 'statut-rsa', communes: ['93061'], changes }), { synthetic: loaded.synthetic });
}

describe('Simulateur page', () => {
	it('opens on the answer, with figures on the demo data, and follows a moved threshold', async () => {
		const { page } = site;
		await page.goto(site.url + '/simulateur');
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		await expect(page.locator('#s-scheme').inputValue()).resolves.toBe('pre-saint-gervais');
		await expect(page.locator('#s-baseline').inputValue()).resolves.toBe('statut-rsa');
		await expect(page.locator('#s-territory').inputValue()).resolves.toBe('93061');

		const base = await nodeReport({});
		// The default data is synthetic (its manifest says so): nothing is withheld, and Node agrees.
		expect(base.synthetic).toBe(true);
		const sentence = () => page.getByTestId('summary').innerText().then(text);
		await expect.poll(sentence).toBe(text(summarySentence(base)));
		// « secret » only in the mark's note (« serait secret sur des données réelles »), never as a value.
		const cards = await page.getByTestId('cards').innerText();
		expect(cards).not.toMatch(/\bsecret\b(?! sur des données réelles)/);
		expect(figure(await page.getByTestId('card-cost').locator('.value').innerText())).toBe(text(formatValue(base.scenario.cost, '€')));
		expect(figure(await page.getByTestId('card-beneficiaries').locator('.value').innerText())).toBe(text(formatNumber(Math.round(base.scenario.beneficiaries!))));
		// The answer is on the first screen, and nothing is wider than it.
		const box = await page.getByTestId('cards').boundingBox();
		expect(box!.y + box!.height).toBeLessThan(768);
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

		await page.locator('#p-rav_max').fill('14');
		const moved = await nodeReport({ rav_max: 14 });
		// More households are eligible; the envelope caps those served.
		expect(moved.scenario.eligible).toBeGreaterThan(base.scenario.eligible!);
		await expect.poll(sentence).toBe(text(summarySentence(moved)));
		expect(await sentence()).toContain('« Reste à vivre maximal » de 10 à 14 €/jour/personne');
		expect(figure(await page.getByTestId('card-cost').locator('.value').innerText())).toBe(text(formatValue(moved.scenario.cost, '€')));
		await expect(page.getByTestId('report').innerText()).resolves.not.toMatch(/\bsecret\b(?! sur des données réelles)/);
		// The charts: deciles (winners and losers), cost, envelope, targeting, classes; each with its table.
		await expect(page.locator('[data-testid=report] figure[data-chart] .chart svg').count()).resolves.toBeGreaterThanOrEqual(4);
		await expect(page.getByTestId('deciles').locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(10);
		await expect(page.getByTestId('need-rav').innerText()).resolves.toContain('Écart comblé');

		await expect.poll(() => page.url()).toContain('p.rav_max=14');
		const query = new URL(page.url()).search;
		expect(query).toContain('donnees=defaut');

		// Saved in this browser under a `vigie:` key, compared and exported.
		await page.getByLabel('Nom du scénario').fill('seuil à 14 €');
		await page.getByRole('button', { name: 'Enregistrer dans ce navigateur' }).click();
		const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('vigie:')));
		expect(stored).toEqual(['vigie:simulateur:scenarios']);
		await expect(page.getByTestId('comparison').innerText()).resolves.toContain('seuil à 14 €');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Exporter la comparaison (CSV)' }).click();
		expect((await download).suggestedFilename()).toMatch(/comparaison\.csv$/);

		// Printed: the answer and the charts, no controls.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('#s-scheme').isVisible()).toBe(false);
		expect(await page.getByTestId('summary').isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/simulateur.png', fullPage: true });

		// A fresh browser (new profile) opened on the shared link gives the same sentence.
		const other = await openSite();
		try {
			await other.page.goto(other.url + '/simulateur/' + query);
			await other.page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
			await expect.poll(() => other.page.getByTestId('summary').innerText().then(text)).toBe(text(summarySentence(moved)));
			await expect(other.page.locator('#p-rav_max').inputValue()).resolves.toBe('14');
			expect(other.offOrigin).toEqual([]);
		} finally {
			await other.close();
		}
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('a link the data cannot honour: a notice and a working page; a broken one: what is wrong', async () => {
		const { page } = site;
		await page.goto(site.url + '/simulateur?dispositif=pre-saint-gervais&annee=1900&communes=93061');
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		// The nearest year the data has: its first one.
		const notice = await page.getByRole('status').filter({ hasText: 'Année 1900' }).innerText();
		const first = /\(années (\d{4})/.exec(notice)![1];
		expect(notice).toContain(`année ${first} affichée`);
		await expect(page.locator('#s-year').inputValue()).resolves.toBe(first);
		await expect(page.getByTestId('summary').innerText()).resolves.toContain('aiderait');
		// A value typed outside its range is refused at the input, the range said; the report keeps the last valid one.
		const before = await page.getByTestId('summary').innerText();
		await page.locator('#p-rav_max').fill('900');
		await expect(page.locator('[data-param=rav_max] [role=alert]').innerText()).resolves.toBe('900 : hors de l’intervalle autorisé (0 à 30 € par personne et par jour)');
		await expect(page.locator('#p-rav_max').getAttribute('aria-invalid')).resolves.toBe('true');
		await expect(page.getByTestId('summary').innerText()).resolves.toBe(before);
		// From the URL, the same value becomes its bound, with a notice; a parameter the scheme lacks is left out.
		await page.goto(site.url + '/simulateur?dispositif=pre-saint-gervais&p.rav_max=900');
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		await expect(page.getByRole('status').filter({ hasText: 'hors de l’intervalle' }).innerText()).resolves.toContain('900 hors de l’intervalle autorisé (0 à 30 € par personne et par jour) : 30 affiché');
		await expect(page.locator('#p-rav_max').inputValue()).resolves.toBe('30');
		await page.goto(site.url + '/simulateur?dispositif=elan&p.rav_max=3');
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		await expect(page.getByRole('status').filter({ hasText: 'Paramètre inconnu' }).innerText()).resolves.toContain('« rav_max »');
		// A malformed link still says what is wrong.
		await page.goto(site.url + '/simulateur?dispositif=elan&p.capacite=abc');
		await expect(page.getByRole('alert').first().innerText()).resolves.toContain('n’est pas un nombre');
	});
});
