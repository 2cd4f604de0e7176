/**
 * End to end (issue 4): on the built site in headless chromium, the user imports a Windows-1252 `;` file
 * written by Excel through the Données page, sees the counts, reasons and mapping, downloads the rejects,
 * re-imports the corrected file, picks a workbook's sheet, maps a header by hand, watches the progress of a
 * large file and cancels it, finds the files again after a reload, and goes back to the default data in one
 * click. No request leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import type { Page } from 'playwright-core';
import { openSite, type Site } from '../../scripts/headless.ts';

/** A workbook as Excel users make them: a notes sheet first, the aid requests on the second sheet. */
async function aidWorkbook(): Promise<Buffer> {
	const day = (y: number, m: number, d: number) => ({ value: new Date(Date.UTC(y, m - 1, d)), format: 'dd/mm/yyyy' });
	const blob = await writeXlsxFile([
		{ sheet: 'notes', data: [[{ value: 'Registre des aides 2024' }]] },
		{
			sheet: 'demandes',
			data: [
				['identifiant', 'commune', 'date_demande', 'date_decision', 'type_aide', 'forme', 'montant_accorde', 'decision'].map((value) => ({ value })),
				[{ value: 'x1' }, { value: '93061' }, day(2024, 1, 5), { value: '10/01/2024' }, { value: 'Alimentaire' }, { value: 'bon' }, { value: 120.5 }, { value: 'accordé' }],
				[{ value: 'x2' }, { value: '93061' }, day(2024, 2, 5), null, { value: 'énergie' }, { value: 'paiement direct' }, { value: 80 }, { value: 'refusé' }],
				[{ value: 'x3' }, { value: '93061' }, day(2024, 2, 9), null, { value: 'loyer' }, { value: 'Bon & co' }, { value: 0 }, { value: 'ajourné' }]
			]
		}
	]).toBlob();
	return Buffer.from(await blob.arrayBuffer());
}

/** The same requests as a Parquet file, typed: dates, a number. */
async function aidParquet(): Promise<ArrayBuffer> {
	const { parquetWriteBuffer } = await import('hyparquet-writer');
	const day = (m: number, d: number) => new Date(Date.UTC(2024, m - 1, d));
	return parquetWriteBuffer({
		columnData: [
			{ name: 'identifiant', data: ['p1', 'p2', 'p3'], type: 'STRING' },
			{ name: 'commune', data: [93061, 93061, 93061], type: 'INT32' },
			{ name: 'date_demande', data: [day(1, 5), day(2, 5), day(2, 9)], type: 'TIMESTAMP' },
			{ name: 'type_aide', data: ['Alimentaire', 'énergie', 'loyer'], type: 'STRING' },
			{ name: 'forme', data: ['bon', 'paiement direct', 'Bon & co'], type: 'STRING' },
			{ name: 'montant_accorde', data: [120.5, 80, 0], type: 'DOUBLE' },
			{ name: 'decision', data: ['accordé', 'refusé', 'ajourné'], type: 'STRING' }
		]
	});
}

let site: Site;
beforeAll(async () => {
	site = await openSite();
});
afterAll(async () => {
	await site?.close();
});

const text = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Entries of the import store (IndexedDB « vigie-import »), 0 when the database does not exist. */
const storedImports = (page: Page) =>
	page.evaluate(async () => {
		if (!(await indexedDB.databases()).some((d) => d.name === 'vigie-import')) return 0;
		return new Promise<number>((resolve) => {
			const req = indexedDB.open('vigie-import');
			req.onsuccess = () => {
				const get = req.result.transaction('last').objectStore('last').count();
				get.onsuccess = () => resolve(get.result);
			};
		});
	});
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
		await expect(page.locator('select[data-header=identifiant]').inputValue()).resolves.toBe('household_id');
		await expect(page.locator('select[data-header=Commentaire]').inputValue()).resolves.toBe('');
		await expect(page.getByTestId('warnings').innerText()).resolves.toContain('loyer supérieur à 5 000 €');

		// Every page now computes on the user's data: the Territoire page (client-side navigation keeps the
		// session) shows the département figures of 4 households, hence secret.
		await page.getByRole('link', { name: 'Territoire' }).click();
		await page.waitForSelector('[data-testid=ready]', { timeout: 60_000 });
		// (each cell may add the INSEE reference figure after « secret »).
		expect((await page.locator('tr[data-territory=departement] td').allInnerTexts()).map((c) => text(c).split(' ')[0])).toEqual(['secret', 'secret', 'secret', 'secret']);
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

		// An aid requests workbook alone: the first sheet holds notes (refused, naming the columns), the user
		// picks the second sheet and the requests are added to the user's households.
		await page.setInputFiles('#file-households', []);
		await page.setInputFiles('#file-aid', { name: 'demandes.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await aidWorkbook() });
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForSelector('[data-import=aid_requests] [data-testid=sheet]', { timeout: 60_000 });
		await expect(page.getByTestId('import-status').innerText()).resolves.toContain('Import refusé');
		await page.selectOption('[data-import=aid_requests] [data-testid=sheet]', 'demandes');
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('demandes.xlsx'), null, {
			timeout: 60_000
		});
		expect(await counts('[data-import=aid_requests] [data-testid=import-counts] td')).toEqual([3, 2, 1]);
		expect(await counts('tr[data-kind=aid_requests] td')).toEqual([3, 2, 1]);
		expect(await counts('tr[data-kind=households] td')).toEqual([1, 1, 0]);

		// The same requests as Parquet (read column by column in the Worker, inserted as Arrow batches): the same
		// counts, the rejected value as written.
		await page.setInputFiles('#file-aid', { name: 'demandes.parquet', mimeType: 'application/vnd.apache.parquet', buffer: Buffer.from(await aidParquet()) });
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('demandes.parquet'), null, {
			timeout: 60_000
		});
		expect(await counts('[data-import=aid_requests] [data-testid=import-counts] td')).toEqual([3, 2, 1]);
		await expect(page.locator('[data-import=aid_requests]').innerText()).resolves.toContain('Parquet');
		await expect(page.getByTestId('first-rejects').innerText()).resolves.toContain('ligne 4, colonne form (« Bon & co »)');

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
		const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Modèle ménages (Excel)' }).click()]);
		expect(xlsx.suggestedFilename()).toBe('modele-menages.xlsx');
		expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');
		expect(site.offOrigin).toEqual([]);
	});

	it('maps an unknown header by hand, shows progress on a large French file, cancel keeps the data in use, which survive a reload', async () => {
		const { page } = site;
		// Still on the Données page of the previous test.
		await page.waitForSelector('tr[data-kind=households]', { timeout: 60_000 });

		// These files are to be kept for the next visit: the box is ticked (unticked, nothing is stored: last test).
		await page.getByTestId('keep-files').check();
		// « situation_logement » is no known header: the file is refused, the user maps it to tenure and re-imports.
		const csv = 'identifiant;annee;commune;nb_adultes;nb_enfants_moins_14;type_menage;age;activite;situation_logement\nA-1;2023;93061;1;0;Personne seule;40;salarié;HLM\n';
		await page.setInputFiles('#file-households', { name: 'a-mapper.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForSelector('[data-import=households] [data-testid=mapping]', { timeout: 60_000 });
		await expect(page.locator('[data-import=households] .error').innerText()).resolves.toContain('colonne obligatoire absente : tenure');
		await expect(page.getByTestId('defaults').innerText()).resolves.toContain('contract_ref (contrat de la personne de référence) = none');
		await page.selectOption('select[data-header=situation_logement]', 'tenure');
		await page.getByTestId('remap').click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('a-mapper.csv'), null, { timeout: 60_000 });
		expect(await counts('[data-testid=import-counts] td')).toEqual([1, 1, 0]);
		const userLabel = await page.getByTestId('dataset-label').innerText();
		const userCounts = await counts('tr[data-kind=households] td');

		// The default households (11 MB) written as French Excel does (; and decimal comma), with a blank line after
		// the header, so the streaming pre-step reads it in a Worker: a progress bar; cancel leaves the data in use
		// (the user's file above) untouched.
		const [head, ...rows] = readFileSync('static/data/households-2023.csv', 'utf8').trimEnd().split('\n');
		const french = [head, '', ...rows].map((l) => l.replaceAll(',', ';').replaceAll('.', ',')).join('\r\n');
		await page.setInputFiles('#file-households', { name: 'gros.csv', mimeType: 'text/csv', buffer: Buffer.from(french, 'utf8') });
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForSelector('[data-testid=import-progress]', { timeout: 30_000 });
		await page.waitForFunction(() => /\d lignes lues/.test(document.querySelector('[data-testid=import-progress-text]')?.textContent ?? ''), null, { timeout: 30_000 });
		await page.getByTestId('cancel').click();
		await page.waitForSelector('[data-testid=import-cancelled]', { timeout: 60_000 });
		await expect(page.getByTestId('dataset-label').innerText()).resolves.toBe(userLabel);
		expect(await counts('tr[data-kind=households] td')).toEqual(userCounts);
		expect(await page.getByTestId('import-progress').count()).toBe(0);

		// The user's files survive a reload (IndexedDB « vigie-import »), until « Revenir aux données par défaut ».
		await expect(page.getByTestId('persist-note').innerText()).resolves.toContain('conservés dans ce navigateur');
		await page.reload();
		await page.waitForSelector('[data-testid=persist-note]', { timeout: 60_000 });
		await expect(page.getByTestId('persist-note').innerText()).resolves.toContain('rechargés depuis ce navigateur');
		await expect(page.getByTestId('dataset-label').innerText()).resolves.toBe(userLabel);
		expect(await counts('tr[data-kind=households] td')).toEqual(userCounts);
		// « Revenir aux données par défaut » forgets them at once (the default data then reload, not awaited here).
		await page.getByTestId('reset').click();
		const storedCount = () => storedImports(page);
		await expect.poll(storedCount, { timeout: 30_000 }).toBe(0);
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('a damaged file: each damaged line rejected with its reason, the others loaded; unticked, nothing is kept', async () => {
		const { page } = site;
		await page.waitForSelector('tr[data-kind=households]', { timeout: 60_000 });
		await expect(page.getByTestId('keep-files').isChecked()).resolves.toBe(false);
		// The 14 lines of households-small.csv with a NUL in line 3, a quote never closed in line 5, 7 fields of 14
		// in line 9: 14 read, 11 loaded, 3 rejected.
		const [head, ...rows] = readFileSync('tests/fixtures/households-small.csv', 'utf8').trimEnd().split('\n');
		rows[1] = rows[1].replace('single', 'sin\0gle');
		rows[3] = rows[3].replace('employed', '"employed');
		rows[7] = rows[7].split(',').slice(0, 7).join(',');
		await page.setInputFiles('#file-households', { name: 'abime.csv', mimeType: 'text/csv', buffer: Buffer.from([head, ...rows].join('\n') + '\n', 'utf8') });
		await page.getByRole('button', { name: 'Importer et contrôler' }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid=dataset-label]')?.textContent?.includes('abime.csv'), null, { timeout: 60_000 });
		expect(await counts('[data-testid=import-counts] td')).toEqual([14, 11, 3]);
		const first = text(await page.getByTestId('first-rejects').innerText());
		expect(first).toContain('ligne 3, colonne family_type');
		expect(first).toContain('caractère interdit');
		expect(first).toContain('ligne 5, colonne ligne entière');
		expect(first).toContain('guillemet non fermé');
		expect(first).toContain('ligne 9, colonne ligne entière');
		expect(first).toContain('7 colonnes au lieu de 14');
		await expect(page.getByTestId('persist-note').innerText()).resolves.toContain('rien n’est écrit dans ce navigateur');
		// Nothing stored: a reload gives the default data back.
		const entries = await storedImports(page);
		expect(entries).toBe(0);
		await page.reload();
		await page.waitForSelector('tr[data-kind=households]', { timeout: 90_000 });
		await expect(page.getByTestId('dataset-label').innerText()).resolves.not.toContain('Vos fichiers');
		expect(site.offOrigin).toEqual([]);
	});
});
