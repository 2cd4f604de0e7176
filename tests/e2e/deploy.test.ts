/**
 * Deployment: the built folder, copied as is into a CCAS intranet sub-folder (/intranet/vigie/) and served by
 * a plain file server (Python's http.server: no rewrite, no .html mapping), works: the Territoire table is
 * computed, the other pages open by link and by reload, nothing answers 404 and nothing leaves 127.0.0.1.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/headless.ts';

const build = process.env.VIGIE_BUILD ?? 'build';
let tmp: string;
let site: Site;
beforeAll(async () => {
	tmp = mkdtempSync(join(tmpdir(), 'vigie-deploy-'));
	cpSync(build, join(tmp, 'intranet', 'vigie'), { recursive: true });
	site = await openSite(tmp, { server: 'plain', under: 'intranet/vigie' });
});
afterAll(async () => {
	await site?.close();
	if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('deployment in a sub-folder of a plain file server', () => {
	it('shows the Territoire table under /intranet/vigie/', async () => {
		const { page } = site;
		await page.goto(site.url + '/');
		await page.waitForSelector('[data-testid=ready]', { timeout: 90_000 });
		expect(await page.locator('tbody tr[data-commune]').count()).toBe(39);
		expect(await page.locator('figure svg rect').count()).toBeGreaterThanOrEqual(39);
		// every asset came from the sub-folder
		const outside = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((e) => new URL(e.name).pathname)
				.filter((p) => !p.startsWith('/intranet/vigie/'))
		);
		expect(outside).toEqual([]);
	});

	it('opens another page by its link, then by reloading its address', async () => {
		const { page } = site;
		// Méthodologie computes nothing: the check is about addresses, not data (the test above loads the data).
		await page.getByRole('link', { name: 'Méthodologie', exact: true }).click();
		await page.waitForURL((u) => u.pathname === '/intranet/vigie/methodologie/');
		await expect.poll(() => page.locator('h1').innerText()).toBe('Méthodologie');
		await page.reload();
		await expect(page.locator('h1').innerText()).resolves.toBe('Méthodologie');
		await expect(page.locator('nav a[aria-current=page]').innerText()).resolves.toBe('Méthodologie');
		// Its links to the other pages are relative too: follow one back into the app.
		await page.getByRole('link', { name: 'Territoire', exact: true }).click();
		await page.waitForURL((u) => u.pathname === '/intranet/vigie/');
		await page.waitForSelector('[data-testid=ready]', { timeout: 90_000 });
		expect(site.failed).toEqual([]);
		expect(site.offOrigin).toEqual([]);
		expect(site.cspViolations).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});
});
