/**
 * End to end (issue 4): on the built site in headless chromium, the user imports a Windows-1252 `;` file
 * written by Excel through the Données page, sees the counts, reasons and mapping, downloads the rejects,
 * re-imports the corrected file, and goes back to the default data in one click. No request leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/headless.ts';

let site: Site;
beforeAll(async () => {
	site = await openSite();
});
afterAll(async () => {
	await site?.close();
});

const text = (s: string) => s.replace(/\s+/g, ' ').trim();
const counts = async (sel: string) => (await site.page.locator(sel).allInnerTexts()).map((c) => Number(c.replace(/\s/g, '')));

describe('Données page: bring your own data', () => {
	it('imports a French Excel CSV, shows the report, downloads the rejects, re-imports, goes back', async () => {
		const { page } = site;
		await page.goto(site.url + '/donnees');
		await page.waitForSelector('tr[data-kind=households]', { timeout: 60_000 });
		const defaultLabel = await page.getByTestId('dataset-label').innerText();

		// A duplicated header: refused whole, the data in use unchanged.
		await page.setInputFiles('#file-households', 'tests/fixtures/import/menages-en-tete-double.csv');
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForSelector('[data-testid=import-status]', { timeout: 60_000 });
		await expect(page.getByTestId('import-status').innerText()).resolves.toContain('Import refusé');
		await expect(page.locator('[data-import=households] .error').innerText()).resolves.toContain('en-tête en double : « commune »');
		await expect(page.getByTestId('dataset-label').innerText()).resolves.toBe(defaultLabel);

		// The Excel file: 5 rows read, 4 loaded, 1 rejected; accents, mapping and warnings shown.
		await page.setInputFiles('#file-households', 'tests/fixtures/import/menages-windows-1252.csv');
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('Vos fichiers'), null, {
			timeout: 60_000
		});
		expect(await counts('[data-testid=import-counts] td')).toEqual([5, 4, 1]);
		expect(await counts('tr[data-kind=households] td')).toEqual([5, 4, 1]);
		await expect(page.getByTestId('import-status').innerText()).resolves.toContain('Vos fichiers sont chargés');
		await expect(page.locator('[data-import=households]').innerText()).resolves.toContain('Windows-1252');
		const reasons = text(await page.getByTestId('reasons').innerText());
		expect(reasons).toContain('tenure valeur inconnue (attendu : social_rent, private_rent, owner, hosted, no_home) 1');
		await expect(page.getByTestId('first-rejects').innerText()).resolves.toContain('ligne 6, colonne tenure (« squat »)');
		const mapping = text(await page.getByTestId('mapping').innerText());
		expect(mapping).toContain('identifiant household_id');
		expect(mapping).toContain('Commentaire ignorée');
		await expect(page.getByTestId('warnings').innerText()).resolves.toContain('loyer supérieur à 5 000 €');

		// Every page now computes on the user's data: the Territoire page (client-side navigation keeps the
		// session) shows the département figures of 4 households, hence secret.
		await page.getByRole('link', { name: 'Territoire' }).click();
		await page.waitForSelector('[data-testid=ready]', { timeout: 60_000 });
		expect((await page.locator('tr[data-territory=departement] td').allInnerTexts()).map(text)).toEqual(['secret', 'secret', 'secret', 'secret']);
		await page.getByRole('link', { name: 'Données' }).click();
		await page.waitForSelector('[data-testid=download-rejects]', { timeout: 60_000 });
		expect(await counts('[data-testid=import-counts] td')).toEqual([5, 4, 1]);

		// The rejects file: BOM, ;, the original row as written (accents intact).
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejects').click()]);
		expect(download.suggestedFilename()).toBe('menages-windows-1252-rejets.csv');
		const csv = readFileSync((await download.path())!, 'utf8');
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('\ufeffligne;motif;identifiant;annee;commune;poids;nb_adultes;nb_enfants_moins_14;type_menage;age;activite;contrat;temps_partiel;statut_logement;loyer;revenus_activite;rsa;prime_activite;apl;Commentaire');
		expect(lines[1]).toBe(
			'6;tenure : valeur inconnue (attendu : social_rent, private_rent, owner, hosted, no_home);Ève-5;2023;93061;1;1;0;Personne seule;29;salarié;;non;squat;0;0;0;0;0;'
		);

		// The user fixes the row in Excel and re-imports it: loaded, nothing rejected.
		const fixed = lines
			.map((l) => l.split(';').slice(2).join(';'))
			.join('\r\n')
			.replace('squat', 'hébergé');
		await page.setInputFiles('#file-households', { name: 'corrige.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed, 'utf8') });
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('corrige.csv'), null, {
			timeout: 60_000
		});
		expect(await counts('[data-testid=import-counts] td')).toEqual([1, 1, 0]);

		// An aid requests workbook alone (XLSX, first sheet): added to the user's households.
		await page.setInputFiles('#file-households', []);
		await page.setInputFiles('#file-aid', 'tests/fixtures/import/demandes.xlsx');
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('demandes.xlsx'), null, {
			timeout: 60_000
		});
		expect(await counts('[data-import=aid_requests] [data-testid=import-counts] td')).toEqual([3, 2, 1]);
		expect(await counts('tr[data-kind=aid_requests] td')).toEqual([3, 2, 1]);
		expect(await counts('tr[data-kind=households] td')).toEqual([1, 1, 0]);

		// Back to the default data in one click.
		await page.getByTestId('reset').click();
		await page.waitForFunction((label) => document.querySelector('[data-testid=dataset-label]')?.textContent === label, defaultLabel, {
			timeout: 60_000
		});
		const [read, loaded, rejected] = await counts('tr[data-kind=households] td');
		expect(read).toBe(loaded + rejected);
		expect(read).toBeGreaterThan(1000);
		expect(await page.getByTestId('reset').count()).toBe(0);

		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('offers the templates, which download with French headers', async () => {
		const { page } = site;
		await page.goto(site.url + '/donnees');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Modèle ménages (CSV)' }).click()]);
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv.startsWith('\ufeffidentifiant;annee;code_commune;')).toBe(true);
		expect(site.offOrigin).toEqual([]);
	});
});
