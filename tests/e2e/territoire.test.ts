/**
 * End to end: the built static site in headless chromium shows the Territoire table computed by
 * DuckDB-wasm in the page, with the same figures as the engine computes in Node on the same files.
 */
import { compareFlag } from '#lib/app/indicators-view.ts';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorValue } from '#lib/indicators/run.ts';
import { openSite, type Site } from '../../scripts/headless.ts';
import { cellText, estEnsemble, expectedCell, expectedIndicators } from './expected.ts';

let site: Site;
let expected: IndicatorValue[];
beforeAll(async () => {
	expected = await expectedIndicators();
	site = await openSite();
});

afterAll(async () => {
	await site?.close();
});

const fig = (indicator: string, type: string, territory: string) => expectedCell(expected, indicator, type, territory);

describe('Territoire page', () => {
	it('shows every commune of 93 with the figures computed in Node, and no request leaves 127.0.0.1', async () => {
		const { page } = site;
		await page.goto(site.url + '/');
		await page.waitForSelector('[data-testid=ready]', { timeout: 60_000 });
		await expect(page.locator('h1').innerText()).resolves.toContain('Seine-Saint-Denis');
		const rows = page.locator('tbody tr[data-commune]');
		expect(await rows.count()).toBe(39);
		await expect(page.locator('#group option:checked').innerText()).resolves.toContain('Est Ensemble');

		for (const code of ['93061', '93001', '93066', '93048', '93015']) {
			const cells = await page.locator(`tr[data-commune="${code}"] td .v`).allInnerTexts();
			expect(cells.map(cellText)).toEqual([
				fig('households', 'commune', code),
				fig('persons', 'commune', code),
				fig('median_living_standard', 'commune', code),
				fig('poverty_rate_60', 'commune', code)
			]);
		}
		const dep = (await page.locator('tr[data-territory=departement] td .v').allInnerTexts()).map(cellText);
		expect(dep).toEqual(['households', 'persons', 'median_living_standard', 'poverty_rate_60'].map((i) => fig(i, 'departement', '93')));
		const grp = (await page.locator('tr[data-territory=group] td .v').allInnerTexts()).map(cellText);
		expect(grp[3]).toBe(fig('poverty_rate_60', 'group', estEnsemble.code));
		// Published INSEE 2021 figures beside the département, and France métropolitaine (domain.md §3.2, §3.4).
		expect(cellText(await page.locator('tr[data-territory=departement] td').nth(3).innerText())).toContain('INSEE 2021 : 28,4 %');
		expect(cellText(await page.locator('tr[data-territory=france] td').nth(3).innerText())).toContain('INSEE 2021 : 14,9 %');
		// Well above / below the département: coloured and marked, by the rule of compareFlag.
		for (const code of ['93001', '93015']) {
			const rate = expected.find((e) => e.indicator === 'poverty_rate_60' && e.territory === code)!;
			const dep = expected.find((e) => e.indicator === 'poverty_rate_60' && e.territory_type === 'departement')!;
			const flag = compareFlag(rate.value, dep.value, '%');
			const td = page.locator(`tr[data-commune="${code}"] td`).nth(3);
			await expect(td.getAttribute('class')).resolves.toContain(flag || 'x');
			await expect(td.innerText()).resolves.toContain(flag === 'above' ? '▲' : '▼');
			// Colour follows meaning: a poverty rate above the département is a greater need (red), below a lesser one.
			await expect(td.getAttribute('class')).resolves.toContain(flag === 'above' ? 'worse' : 'better');
			// And a median living standard below the département is a greater need too: red, never green.
			const median = expected.find((e) => e.indicator === 'median_living_standard' && e.territory === code)!;
			const depMedian = expected.find((e) => e.indicator === 'median_living_standard' && e.territory_type === 'departement')!;
			const mflag = compareFlag(median.value, depMedian.value, '€/an');
			if (mflag) await expect(page.locator(`tr[data-commune="${code}"] td`).nth(2).getAttribute('class')).resolves.toContain(mflag === 'below' ? 'worse' : 'better');
		}
		// Aubervilliers: median 17 260 € well below the département's (▼), poverty 42,8 % well above (▲): both red.
		await expect(page.locator('tr[data-commune="93001"] td').nth(2).getAttribute('class')).resolves.toContain('worse');

		// The chart is drawn: one bar per commune whose rate is shown.
		expect(await page.locator('figure svg rect').count()).toBeGreaterThanOrEqual(39);

		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/territoire.png', fullPage: true });
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('sorts by poverty rate from the keyboard', async () => {
		const { page } = site;
		const header = page.getByRole('button', { name: /Taux de pauvreté/ });
		await header.focus();
		await page.keyboard.press('Enter');
		await page.keyboard.press('Enter');
		await expect(page.locator('th[aria-sort=descending]').innerText()).resolves.toContain('Taux de pauvreté');
		const rates = expected
			.filter((e) => e.indicator === 'poverty_rate_60' && e.territory_type === 'commune' && !e.suppressed)
			.sort((a, b) => b.value! - a.value!);
		const firstCode = await page.locator('tbody tr[data-commune]').first().getAttribute('data-commune');
		expect(firstCode).toBe(rates[0].territory);
	});

	it('every navigation page answers in French with a heading', async () => {
		const { page } = site;
		for (const [path, title] of [
			['/indicateurs', 'Indicateurs'],
			['/aides', 'Aides'],
			['/simulateur', 'Simulateur'],
			['/cas-type', 'Cas type'],
			['/donnees', 'Données'],
			['/methodologie', 'Méthodologie']
		]) {
			await page.goto(site.url + path);
			await expect(page.locator('h1').innerText()).resolves.toBe(title);
			await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
		}
		await page.goto(site.url + '/donnees');
		await page.waitForSelector('tr[data-kind=households]', { timeout: 60_000 });
		const cells = (await page.locator('tr[data-kind=households] td').allInnerTexts()).map(cellText);
		const [read, loaded, rejected] = cells.map((c) => Number(c.replace(/\s/g, '')));
		expect(read).toBe(loaded + rejected);
		expect(site.offOrigin).toEqual([]);
	});
});
