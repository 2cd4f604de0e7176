/**
 * Privacy, proven end to end: the built site is used as a person would (every page, change of group and year,
 * an indicator opened, a simulator threshold moved, a CSV imported, exports downloaded) and the test fails on
 * any request leaving 127.0.0.1, any Content-Security-Policy violation, any cookie, and any stylesheet, font
 * or script from another origin. The CSP itself is checked in every built page, then shown to block a fetch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Site } from '../../scripts/headless.ts';

const root = process.env.VIGIE_BUILD ?? 'build';
let site: Site;
beforeAll(async () => {
	site = await openSite(root);
});
afterAll(async () => {
	await site?.close();
});

/** Every URL the document refers to or has fetched, and every remote url() in its stylesheets. */
function resourcesOf(page: Page) {
	return page.evaluate(() => {
		const urls = [
			...[...document.querySelectorAll('link[href]')].map((l) => (l as HTMLLinkElement).href),
			...[...document.querySelectorAll('script[src], img[src], iframe[src], source[src], audio[src], video[src]')].map(
				(e) => (e as HTMLImageElement).src
			),
			...performance.getEntriesByType('resource').map((e) => e.name)
		];
		for (const sheet of document.styleSheets) {
			for (const rule of sheet.cssRules) {
				if (rule instanceof CSSImportRule) urls.push(new URL(rule.href, sheet.href ?? location.href).href);
				for (const m of rule.cssText.matchAll(/url\(["']?([^"')]+)/g)) urls.push(new URL(m[1], sheet.href ?? location.href).href);
			}
		}
		return { origin: location.origin, urls };
	});
}

async function expectOwnOriginOnly(page: Page) {
	const { origin, urls } = await resourcesOf(page);
	const foreign = urls.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
	expect(foreign, `ressources hors de ${origin}`).toEqual([]);
}

/** Downloads are made in the page (blob: URLs), never fetched from a server; returns the file's text. */
async function download(page: Page, click: () => Promise<void>): Promise<string> {
	const [d] = await Promise.all([page.waitForEvent('download'), click()]);
	expect(d.url()).toMatch(/^blob:http:\/\/127\.0\.0\.1:/);
	return readFileSync((await d.path())!, 'utf8');
}

describe('privacy', () => {
	it('every built page carries a CSP that keeps loads and connections on its own origin', () => {
		const pages = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.html') && !f.startsWith('_app'));
		expect(pages.length).toBe(7);
		for (const f of pages) {
			const html = readFileSync(join(root, f), 'utf8');
			const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
			expect(csp, f).toBeDefined();
			const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
			expect(directives.get('default-src'), f).toEqual(["'none'"]);
			expect(directives.get('connect-src'), f).toEqual(["'self'"]);
			expect(directives.get('font-src'), f).toEqual(["'self'"]);
			expect(directives.get('worker-src'), f).toEqual(["'self'"]);
			expect(directives.get('script-src')!.filter((s) => !s.startsWith("'sha256-")), f).toEqual(["'self'"]);
			// no host, scheme wildcard or remote source anywhere
			expect(csp, f).not.toMatch(/https?:|\*|ws:/);
		}
	});

	it('every Worker runs under the same policy: a fetch to another origin fails from inside each, and the README headers are the served ones', async () => {
		const { page } = site;
		// Another origin (same host, another port) that would answer anyone: it counts what reaches it.
		let reached = 0;
		const other = createServer((_, res) => (reached++, res.writeHead(200, { 'access-control-allow-origin': '*' }), res.end('ok')));
		await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
		const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
		try {
			await page.goto(site.url + '/');
			await page.waitForSelector('[data-testid=ready]', { timeout: 90_000 });
			// The two Workers of the site: DuckDB's (started by the page) and the import's (started here from its own
			// URL, as the Données page starts it: a Worker's policy comes from its script's headers).
			const files = readdirSync(join(root, '_app/immutable/workers'));
			const importWorker = files.find((f) => f.startsWith('import-worker'))!;
			await page.evaluate((u) => void new Worker(u, { type: 'module' }), `${site.url}/_app/immutable/workers/${importWorker}`);
			await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
			const urls = page.workers().map((w) => w.url());
			expect(urls.some((u) => /duckdb-browser-eh\.worker/.test(u))).toBe(true);
			expect(urls.some((u) => u.includes(importWorker))).toBe(true);
			for (const w of page.workers()) {
				const answer = await w.evaluate((u) => fetch(u).then(() => 'atteint', (e: Error) => `bloqué : ${e.message}`), target);
				expect(answer, w.url()).toMatch(/^bloqué/);
			}
			// And from the page itself, for comparison.
			expect(await page.evaluate((u) => fetch(u).then(() => 'atteint', () => 'bloqué'), target)).toBe('bloqué');
			expect(reached).toBe(0);
			// The page's refused fetch is reported (console error and violation, which comes a moment later); the tests
			// after this one count theirs.
			await expect.poll(() => site.cspViolations.some((v) => v.startsWith(`connect-src ${target}`))).toBe(true);
			expect(site.pageErrors.every((e) => e.includes(target) || /Content Security Policy/.test(e)), site.pageErrors.join('\n')).toBe(true);
			expect(site.cspViolations.every((v) => v.startsWith('connect-src')), site.cspViolations.join('\n')).toBe(true);
			site.pageErrors.splice(0);
			site.cspViolations.splice(0);
		} finally {
			other.close();
		}
		// The Workers' policy is the `_headers` file the README tells a deployment to serve.
		const headers = readFileSync(join(root, '_headers'), 'utf8');
		const readme = readFileSync('README.md', 'utf8');
		const csp = /Content-Security-Policy: (.+)/.exec(headers)![1];
		expect(readme).toContain(csp);
		expect(csp).toContain("connect-src 'self'");
		expect(csp).not.toMatch(/https?:|\*|ws:/);
	});

	it('a whole session on every page sends nothing outside 127.0.0.1, sets no cookie, loads nothing remote', async () => {
		const { page } = site;
		const nav = (name: string) => page.getByRole('link', { name, exact: true }).click();

		// Territoire: another group, then another year.
		await page.goto(site.url + '/');
		await page.waitForSelector('[data-testid=ready]', { timeout: 90_000 });
		const other = page.locator('#group option').nth(2);
		const otherName = (await other.innerText()).replace(/ \(.*$/, '');
		await page.selectOption('#group', (await other.getAttribute('value'))!);
		await expect.poll(() => page.getByTestId('ready').innerText()).toContain(otherName);
		await expect.poll(() => page.locator('#year option').count(), { timeout: 90_000 }).toBeGreaterThan(1);
		const firstYear = await page.locator('#year option').first().getAttribute('value');
		await page.selectOption('#year', firstYear!);
		await expect.poll(() => page.locator('caption').first().innerText()).toContain(`revenus ${firstYear}`);
		await expectOwnOriginOnly(page);

		// Indicateurs: export the table, open an indicator.
		await nav('Indicateurs');
		await page.waitForSelector('[data-testid=ready]', { timeout: 90_000 });
		await download(page, () => page.getByRole('button', { name: 'Exporter le tableau (CSV)' }).click());
		await page.locator('thead th[data-indicator=median_living_standard] a').click();
		await page.waitForSelector('[data-indicator-detail=median_living_standard] figure svg', { timeout: 60_000 });
		// The exported chart is the drawing itself, standalone, not hidden (aria-hidden is for the page only).
		const svg = await download(page, () => page.getByRole('button', { name: 'Exporter le graphique (SVG)' }).first().click());
		expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		expect(svg).not.toMatch(/^<svg [^>]*aria-hidden/);
		expect(svg.match(/<rect /g)?.length).toBeGreaterThanOrEqual(30);
		await expectOwnOriginOnly(page);

		// Aides: tables and charts, one chart exported as SVG.
		await nav('Aides');
		await page.waitForSelector('[data-testid=ready][aria-busy=false]', { timeout: 120_000 });
		await download(page, () => page.getByRole('button', { name: 'Exporter le graphique (SVG)' }).first().click());
		await expectOwnOriginOnly(page);

		// Simulateur: move a threshold, export the report.
		await nav('Simulateur');
		await page.waitForSelector('[data-testid=report]', { timeout: 120_000 });
		await page.getByLabel('Reste à vivre maximal', { exact: true }).fill('14');
		await expect.poll(() => page.getByTestId('summary').innerText()).toContain('à 14');
		await download(page, () => page.getByRole('button', { name: 'Exporter le rapport (CSV)' }).click());
		await expectOwnOriginOnly(page);

		// Cas type: pick a typical household.
		await nav('Cas type');
		await page.waitForSelector('article[data-scheme]');
		await page.locator('button.case').nth(1).click();
		await expect(page.locator('button.case').nth(1).getAttribute('aria-pressed')).resolves.toBe('true');
		await expectOwnOriginOnly(page);

		// Données: import a small file of the user's, download its rejects.
		await nav('Données');
		await page.waitForSelector('tr[data-kind=households]', { timeout: 60_000 });
		await page.setInputFiles('#file-households', 'tests/fixtures/import/menages-windows-1252.csv');
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('Vos fichiers'), null, {
			timeout: 60_000
		});
		await download(page, () => page.getByTestId('download-rejects').click());
		await expectOwnOriginOnly(page);

		await nav('Méthodologie');
		await expect.poll(() => page.locator('h1').innerText()).toBe('Méthodologie');
		await expectOwnOriginOnly(page);

		expect(site.offOrigin).toEqual([]);
		expect(site.cspViolations).toEqual([]);
		expect(site.pageErrors, site.pageErrors.join("\n")).toEqual([]);
		expect(await site.context.cookies()).toEqual([]);
		expect(await page.evaluate(() => document.cookie)).toBe('');
	});

	it('the policy is enforced: a fetch to another host is refused before it reaches the network', async () => {
		const { page } = site;
		const before = site.cspViolations.length;
		const outcome = await page.evaluate(() =>
			fetch('http://192.0.2.1/vigie-exfiltration').then(
				() => 'envoyé',
				(e: Error) => `refusé : ${e.message}`
			)
		);
		expect(outcome).toMatch(/^refusé/);
		// Two policies hold, the page's <meta> and the served header (_headers): each reports the refusal.
		const refusal = expect.stringMatching(/^connect-src http:\/\/192\.0\.2\.1/);
		await expect.poll(() => site.cspViolations.slice(before)).toEqual([refusal, refusal]);
		expect(site.offOrigin).toEqual([]);
	});
});

describe('« Effacer les données enregistrées »', () => {
	it('lists, then clears everything Vigie stored in this browser, and only that', async () => {
		const { page } = site;
		await page.goto(site.url + '/methodologie');
		await page.evaluate(async () => {
			localStorage.setItem('vigie:essai', '1');
			localStorage.setItem('vigie.simulateur.scenarios', '[]');
			localStorage.setItem('autre-application', 'garder');
			await new Promise((ok) => (indexedDB.open('vigie-essai').onsuccess = (e) => ok((e.target as IDBOpenDBRequest).result.close())));
		});
		// The file imported on Données earlier in this file is kept as « the last dataset loaded »: it goes too.
		const imported = await page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'vigie-import'));
		const confirm = page.getByRole('group', { name: 'Confirmer l’effacement' });
		// Clicked until the page has hydrated and answers (a click on the prerendered HTML does nothing).
		await expect
			.poll(async () => {
				await page.getByRole('button', { name: 'Effacer les données enregistrées' }).click();
				return confirm.locator('li').allInnerTexts();
			})
			.toEqual([
				'stockage local « vigie.simulateur.scenarios » (scénarios enregistrés du simulateur)',
				'stockage local « vigie:essai »',
				'base IndexedDB « vigie-essai »',
				...(imported ? ['base IndexedDB « vigie-import » (dernier jeu de données chargé)'] : [])
			]);
		await confirm.getByRole('button', { name: 'Confirmer l’effacement' }).click();
		await expect.poll(() => page.getByTestId('storage').getByRole('status').innerText()).toMatch(/^Effacé de ce navigateur : stockage local « vigie\.simulateur\.scenarios » .* ; base IndexedDB « vigie-essai »/);
		const left = await page.evaluate(async () => ({
			keys: Object.keys(localStorage),
			dbs: (await indexedDB.databases()).map((d) => d.name)
		}));
		expect(left).toEqual({ keys: ['autre-application'], dbs: [] });
		// Nothing left: a second click says so.
		await page.getByRole('button', { name: 'Effacer les données enregistrées' }).click();
		await expect
			.poll(() => page.getByTestId('storage').getByRole('status').innerText())
			.toBe('Rien à effacer : Vigie n’a rien enregistré dans ce navigateur.');
	});
});
