/** `vigie validate` reads the same CSV variants as the Données page (same pre-step). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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

describe('vigie indicators --data DIR with files written by French tools', () => {
	it('reads a Windows-1252 ; households file and an XLSX aid file from the folder', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-fr-'));
		copyFileSync('tests/fixtures/import/menages-windows-1252.csv', join(dir, 'households-2023.csv'));
		copyFileSync('tests/fixtures/import/demandes.xlsx', join(dir, 'aid_requests.xlsx'));
		const r = vigie('indicators', '--data', dir, '--year', '2023');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toContain('households-2023.csv : 1 ligne(s) rejetée(s) sur 5');
		expect(r.stderr).toContain('aid_requests.xlsx : 1 ligne(s) rejetée(s) sur 3');
		const rows = JSON.parse(r.stdout) as Array<{ indicator: string; territory_type: string; territory: string; numerator: number | null }>;
		const households = rows.find((x) => x.indicator === 'households' && x.territory_type === 'commune' && x.territory === '93061');
		expect(households).toBeDefined();
	});
});
