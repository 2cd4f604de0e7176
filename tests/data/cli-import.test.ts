/** `vigie validate` reads the same CSV variants as the Données page (same pre-step). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { tableParquet } from '#lib/data/export.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-formats-'));
const AID_HEADER = ['identifiant', 'commune', 'date_demande', 'type_aide', 'forme', 'montant_accorde', 'decision'];
const AID_ROWS = [
	['x1', '93061', '2024-01-05', 'alimentaire', 'bon', 120.5, 'accordé'],
	['x2', '93061', '2024-02-05', 'énergie', 'paiement direct', 80, 'refusé'],
	['x3', '93061', '2024-02-09', 'loyer', 'Bon & co', 0, 'ajourné']
];
beforeAll(async () => {
	// A workbook with a notes sheet first (the requests on « demandes »), and the same rows as Parquet.
	const cells = (r: Array<string | number>) => r.map((value) => ({ value }));
	const xlsx = await writeXlsxFile([
		{ sheet: 'notes', data: [cells(['à lire'])] },
		{ sheet: 'demandes', data: [cells(AID_HEADER), ...AID_ROWS.map(cells)] }
	]).toBlob();
	writeFileSync(join(dir, 'demandes.xlsx'), new Uint8Array(await xlsx.arrayBuffer()));
	writeFileSync(join(dir, 'demandes.parquet'), await tableParquet({ columns: AID_HEADER, rows: AID_ROWS }));
});

function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', ...args], { encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vigie validate on files written by French tools', () => {
	it('reads a Windows-1252 ; file with French headers and values, and returns the mapping', () => {
		const r = vigie('validate', 'tests/fixtures/import/menages-windows-1252.csv', '--kind', 'households');
		expect(r.code).toBe(1);
		const out = JSON.parse(r.stdout);
		expect([out.read, out.loaded, out.rejected, out.encoding, out.separator]).toEqual([5, 4, 1, 'windows-1252', ';']);
		expect(out.errors).toEqual([
			{ line: 6, column: 'tenure', value: 'squat', reason: 'valeur inconnue (attendu : social_rent, private_rent, owner, hosted, no_home)' }
		]);
		expect(out.mapping[0]).toEqual({ header: 'identifiant', column: 'household_id' });
		expect(r.stderr).toContain('ligne 6, colonne tenure');
	});

	it('names the physical line after a quoted line break, and refuses a duplicated header', () => {
		const q = vigie('validate', 'tests/fixtures/import/menages-saut-de-ligne.csv', '--kind', 'households');
		expect(JSON.parse(q.stdout).errors.map((e: { line: number }) => e.line)).toEqual([7, 8]);
		const d = vigie('validate', 'tests/fixtures/import/menages-en-tete-double.csv', '--kind', 'households');
		expect(d.code).toBe(1);
		expect(d.stderr).toContain('tests/fixtures/import/menages-en-tete-double.csv : en-tête en double : « commune »');
		expect(d.stderr).not.toMatch(/\n\s+at /);
	});

	it('exits 0 on a valid UTF-8 file with BOM', () => {
		const r = vigie('validate', 'tests/fixtures/import/menages-bom.csv', '--kind', 'households');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ read: 3, loaded: 3, rejected: 0, encoding: 'utf-8-bom', separator: ',' });
	});
});

describe('vigie validate on XLSX and Parquet', () => {
	it('reads the chosen sheet of a workbook, and says which sheets exist when the first is not the data', () => {
		const first = vigie('validate', join(dir, 'demandes.xlsx'), '--kind', 'aid_requests');
		expect(first.code).toBe(1);
		expect(JSON.parse(first.stdout).sheets).toEqual(['notes', 'demandes']);
		expect(first.stderr).toContain('colonne obligatoire absente');
		const r = vigie('validate', join(dir, 'demandes.xlsx'), '--kind', 'aid_requests', '--sheet', 'demandes');
		const out = JSON.parse(r.stdout);
		expect([out.read, out.loaded, out.rejected, out.encoding, out.sheet]).toEqual([3, 2, 1, 'xlsx', 'demandes']);
		expect(out.errors).toEqual([{ line: 4, column: 'form', value: 'Bon & co', reason: 'valeur inconnue (attendu : voucher, cash, direct_payment, loan)' }]);
	});

	it('reads Parquet', () => {
		const r = vigie('validate', join(dir, 'demandes.parquet'), '--kind', 'aid_requests');
		const out = JSON.parse(r.stdout);
		expect([out.read, out.loaded, out.rejected, out.encoding]).toEqual([3, 2, 1, 'parquet']);
		expect(out.errors[0]).toMatchObject({ line: 4, column: 'form', value: 'Bon & co' });
	});
});

describe('vigie indicators --data DIR with files written by French tools', () => {
	it('reads a Windows-1252 ; households file and a Parquet aid file from the folder', () => {
		const data = mkdtempSync(join(tmpdir(), 'vigie-fr-'));
		copyFileSync('tests/fixtures/import/menages-windows-1252.csv', join(data, 'households-2023.csv'));
		copyFileSync(join(dir, 'demandes.parquet'), join(data, 'aid_requests.parquet'));
		const r = vigie('indicators', '--data', data, '--year', '2023');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toContain('households-2023.csv : 1 ligne(s) rejetée(s) sur 5');
		expect(r.stderr).toContain('aid_requests.parquet : 1 ligne(s) rejetée(s) sur 3');
		const rows = JSON.parse(r.stdout) as Array<{ indicator: string; territory_type: string; territory: string; numerator: number | null }>;
		const households = rows.find((x) => x.indicator === 'households' && x.territory_type === 'commune' && x.territory === '93061');
		expect(households).toBeDefined();
	});
});
