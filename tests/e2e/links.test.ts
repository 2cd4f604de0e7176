/**
 * Shareable state on every page (issue 17, item 6): Territoire, Indicateurs and Aides keep their choices in the
 * URL; the same URL opened in a fresh browser (a new profile) shows the same view; a link the data cannot honour
 * (a year it lacks, a group it does not know) gets a notice and the nearest valid view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/headless.ts';

let site: Site;
let fresh: Site;
beforeAll(async () => {
	[site, fresh] = await Promise.all([openSite(), openSite()]);
});
afterAll(async () => {
	await Promise.all([site?.close(), fresh?.close()]);
});

const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Each page, a choice made on it, the controls that must come back and what shows it is ready. */
const PAGES = [
	{ path: '/', choose: { '#group': '', '#year': '2021' }, ready: '[data-testid=ready]' },
	{ path: '/indicateurs/', choose: { '#group': '', '#year': '2022' }, ready: '[data-testid=ready]' },
	{ path: '/aides/', choose: { '#scope': 'all', '#from': '2021', '#to': '2023' }, ready: '[data-testid=ready][aria-busy=false]' }
] as const;

describe('shared links', () => {
	for (const p of PAGES) {
		it(`${p.path}: the choices travel in the URL and a fresh browser shows the same view`, async () => {
			const { page } = site;
			await page.goto(site.url + p.path);
			await page.waitForSelector(p.ready, { timeout: 120_000 });
			for (const [sel, value] of Object.entries(p.choose)) {
				await page.locator(sel).selectOption(value);
				await page.waitForSelector(p.ready, { timeout: 120_000 });
			}
			await expect.poll(() => new URL(page.url()).searchParams.get('donnees')).toBe('defaut');
			const query = new URL(page.url()).search;
			const shown = text(await page.locator(p.ready).innerText());

			await fresh.page.goto(fresh.url + p.path + query);
			await fresh.page.waitForSelector(p.ready, { timeout: 120_000 });
			for (const [sel, value] of Object.entries(p.choose)) await expect.poll(() => fresh.page.locator(sel).inputValue()).toBe(value);
			await expect.poll(() => fresh.page.locator(p.ready).innerText().then(text)).toBe(shown);
			expect(fresh.offOrigin).toEqual([]);
		});
	}

	it('a year or a group the data lacks: a notice and the nearest view', async () => {
		const { page } = site;
		await page.goto(site.url + '/?annee=2031&groupe=inconnu');
		await page.waitForSelector('[data-testid=ready]', { timeout: 120_000 });
		const notices = await page.locator('p.notice').allInnerTexts();
		const last = /\(années .*?(\d{4})\)/.exec(notices.join(' '))![1];
		expect(notices.join(' ')).toContain(`Année 2031 absente des données`);
		expect(notices.join(' ')).toContain(`année ${last} affichée`);
		expect(notices.join(' ')).toContain('Groupe « inconnu » inconnu');
		await expect(page.locator('#year').inputValue()).resolves.toBe(last);
		expect(site.pageErrors).toEqual([]);
	});
});
