/** The vigie CLI as a user runs it (DESIGN.md §6): JSON on stdout, one-line messages on stderr, exit codes. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('vigie validate', () => {
	it('reports exact rejects and exits 1', () => {
		const r = vigie('validate', 'tests/fixtures/households-invalid.csv', '--kind', 'households');
		expect(r.code).toBe(1);
		const out = JSON.parse(r.stdout);
		expect([out.read, out.loaded, out.rejected]).toEqual([7, 4, 3]);
		expect(out.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
			'3:persons_under_14',
			'4:family_type',
			'5:household_id'
		]);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('households-invalid.csv');
		expect(r.stderr).toContain('ligne 3, colonne persons_under_14');
	});

	it('exits 0 on a valid file', () => {
		const r = vigie('validate', 'tests/fixtures/households-small.csv', '--kind', 'households');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ read: 14, loaded: 14, rejected: 0, errors: [] });
	});

	it('rejects a file missing a required column whole and names the column', () => {
		const r = vigie('validate', 'tests/fixtures/households-missing-column.csv', '--kind', 'households');
		expect(r.code).toBe(1);
		expect(JSON.parse(r.stdout)).toMatchObject({ read: 2, loaded: 0, rejected: 2 });
		expect(r.stderr).toContain('colonne obligatoire absente : tenure');
	});

	it('answers bad usage with one clear line, never a stack trace', () => {
		for (const args of [
			['validate', 'tests/fixtures/households-small.csv', '--kind', 'menages'],
			['validate', 'nope.csv', '--kind', 'households'],
			['frobnicate'],
			['indicators', '--data', 'tests/fixtures', '--format', 'xml']
		]) {
			const r = vigie(...args);
			expect(r.code, args.join(' ')).toBe(1);
			expect(r.stderr).toMatch(/^vigie/);
			noStack(r.stderr);
		}
		expect(vigie('validate', 'nope.csv', '--kind', 'households').stderr).toContain('nope.csv : fichier introuvable');
	});
});

describe('vigie indicators', () => {
	const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
	copyFileSync('tests/fixtures/households-small.csv', join(dir, 'households.csv'));

	it('answers only what the data holds: --communes restricts the output, an absent commune or year is named', () => {
		// households-small.csv: 93061 (12 households) and 93006 (2), year 2021.
		const only = vigie('indicators', '--data', dir, '--communes', '93006');
		expect(only.code).toBe(0);
		const territories = new Set(JSON.parse(only.stdout).map((r: { territory: string }) => r.territory));
		// The commune asked, its group (here itself), the département and France's published figures.
		expect([...territories].sort()).toEqual(['93', '93006', 'FRM']);
		const absent = vigie('indicators', '--data', dir, '--communes', '93006,99999');
		expect([absent.code, absent.stderr]).toEqual([1, 'vigie indicators : --communes : « 99999 » absente(s) des données ; communes : 93006, 93061\n']);
		const year = vigie('indicators', '--data', dir, '--year', '2019');
		expect([year.code, year.stderr]).toEqual([1, 'vigie indicators : --year 2019 : aucun ménage de cette année dans les données ; années : 2021\n']);
		expect(absent.stdout + year.stdout).toBe('');
	});

	it('without a command: the usage on stderr, exit 2; with --help, on stdout, exit 0', () => {
		const none = vigie();
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/^vigie — analyse des besoins sociaux/);
		expect(none.stderr).toContain('vigie indicators --data DOSSIER');
		const help = vigie('--help');
		expect([help.code, help.stdout]).toEqual([0, none.stderr]);
	});

	it('outputs the contract rows in JSON, with a group', () => {
		const r = vigie('indicators', '--data', dir, '--communes', '93061,93006');
		expect(r.code).toBe(0);
		const rows = JSON.parse(r.stdout);
		// 93061 itself is masked by secondary secrecy (département 93 − 93061 would reveal 93006, 2 households).
		const at = (indicator: string, territory: string) =>
			rows.find((x: { indicator: string; territory: string; source: string }) => x.indicator === indicator && x.territory === territory && x.source === 'computed');
		expect(at('households', '93')).toEqual({
			indicator: 'households',
			territory: '93',
			territory_type: 'departement',
			year: 2021,
			value: 130,
			numerator: 130,
			denominator: null,
			unit: 'ménages',
			suppressed: false,
			source: 'computed'
		});
		// Poor households: a1, a2, a5, a8, a9 and b2 = 6, under 11: the département's rate (85 of 170 persons) is secret.
		expect(at('poverty_rate_60', '93')).toMatchObject({ value: null, numerator: null, denominator: null, suppressed: true });
		// The group holds both secret communes (93006, and 93061 beside it): it shows what 93 shows.
		const g = rows.find((x: { indicator: string; territory_type: string }) => x.indicator === 'households' && x.territory_type === 'group');
		expect(g.value).toBe(130);
		const secret = rows.find((x: { indicator: string; territory: string }) => x.indicator === 'households' && x.territory === '93006');
		expect(secret).toMatchObject({ value: null, suppressed: true });
	});

	it('outputs CSV', () => {
		const r = vigie('indicators', '--data', dir, '--format', 'csv');
		expect(r.code).toBe(0);
		const lines = r.stdout.trim().split('\n');
		expect(lines[0]).toBe('indicator,territory,territory_type,year,value,numerator,denominator,unit,suppressed,source');
		expect(lines).toContain('households,93,departement,2021,130,130,,ménages,false,computed');
	});
});

describe('vigie generate', () => {
	it('writes a dataset that validates without a single reject', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-gen-'));
		const r = vigie('generate', '--out', dir, '--sample', '0.02', '--seed', '7');
		expect(r.code).toBe(0);
		expect(existsSync(join(dir, 'households.csv'))).toBe(true);
		const out = JSON.parse(r.stdout);
		expect(out.households).toBeGreaterThan(10_000);
		for (const kind of ['households', 'aid_requests']) {
			const v = vigie('validate', join(dir, `${kind}.csv`), '--kind', kind);
			expect(v.code, v.stderr).toBe(0);
			expect(JSON.parse(v.stdout).rejected).toBe(0);
		}
		// deterministic: same seed, same bytes
		const dir2 = mkdtempSync(join(tmpdir(), 'vigie-gen-'));
		vigie('generate', '--out', dir2, '--sample', '0.02', '--seed', '7');
		expect(readFileSync(join(dir2, 'households.csv'), 'utf8')).toBe(readFileSync(join(dir, 'households.csv'), 'utf8'));
	});

	it('refuses a bad sample rate', () => {
		const r = vigie('generate', '--out', '/tmp/x', '--sample', '3');
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('--sample');
	});
});
