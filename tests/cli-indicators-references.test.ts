/**
 * `vigie indicators` prints INSEE's published figures after the computed ones, as the Indicateurs page shows
 * them: the département and France métropolitaine always (domain.md §3.2, §3.4), the communes of the data
 * from the base-cc file given with --insee (read from ../shared/data/insee/, never copied). Expected values
 * are read off the file by eye (grep ^93061; …) and from domain.md, not from the code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorValue } from '#lib/indicators/run.ts';

/** A row of the CLI's JSON: the engine's value, and where it comes from. */
type Row = IndicatorValue & { source: string };

const BASE_CC = '../shared/data/insee/cc_filosofi_2021_COM.csv';
function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', 'indicators', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
// The small fixture: 12 households in 93061 (Le Pré-Saint-Gervais), 2 in 93006 (Bagnolet), 2021.
const small = readFileSync('tests/fixtures/households-small.csv', 'utf8');
function folder(text: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'vigie-refs-'));
	writeFileSync(join(dir, 'households.csv'), text);
	return dir;
}

let plain: Row[];
let withInsee: Row[];
const insee = (rows: Row[], indicator: string, territory: string) =>
	rows.find((r) => r.source === 'insee' && r.indicator === indicator && r.territory === territory);

beforeAll(() => {
	const dir = folder(small);
	const a = vigie('--data', dir);
	const b = vigie('--data', dir, '--insee', BASE_CC);
	expect(a.code, a.stderr).toBe(0);
	expect(b.code, b.stderr).toBe(0);
	plain = JSON.parse(a.stdout);
	withInsee = JSON.parse(b.stdout);
});

describe('vigie indicators: published INSEE references', () => {
	it('adds the Filosofi 2021 figures of the département and France métropolitaine, labelled insee, after the computed rows', () => {
		const published = plain.filter((r) => r.source === 'insee');
		// domain.md §3.4: 93 TP60 28,4 %, median 19 020 €; §3.2: France métropolitaine (Filosofi) 14,9 %. Nothing else.
		expect(published).toEqual([
			{ indicator: 'poverty_rate_60', territory: '93', territory_type: 'departement', year: 2021, value: 28.4, numerator: null, denominator: null, unit: '%', suppressed: false, source: 'insee' },
			{ indicator: 'median_living_standard', territory: '93', territory_type: 'departement', year: 2021, value: 19020, numerator: null, denominator: null, unit: '€/an', suppressed: false, source: 'insee' },
			{ indicator: 'poverty_rate_60', territory: 'FRM', territory_type: 'france', year: 2021, value: 14.9, numerator: null, denominator: null, unit: '%', suppressed: false, source: 'insee' }
		]);
		// Never mixed: every computed row comes first and keeps its own value (the fixture's 130 households; its
		// poverty rate rests on 6 poor households, secret, and is not replaced by INSEE's).
		const firstInsee = plain.findIndex((r) => r.source === 'insee');
		expect(plain.slice(0, firstInsee).every((r) => r.source === 'computed')).toBe(true);
		expect(plain.slice(firstInsee).every((r) => r.source === 'insee')).toBe(true);
		expect(plain.find((r) => r.source === 'computed' && r.indicator === 'households' && r.territory === '93')?.value).toBe(130);
		expect(plain.find((r) => r.source === 'computed' && r.indicator === 'poverty_rate_60' && r.territory === '93')).toMatchObject({ value: null, suppressed: true });
		// Nothing computed for France: its only row is the published one.
		expect(plain.filter((r) => r.territory_type === 'france').every((r) => r.source === 'insee')).toBe(true);
	});

	it('adds the base-cc values of the communes in the data with --insee, secret kept secret', () => {
		// 93061;7399;16373;21600;56,0;23,0;s;20,0;26,0;23,0;22,0;18,0;6,0;30,0;…;9870;42900;4,3
		expect(insee(withInsee, 'households', '93061')).toMatchObject({ value: 7399, territory_type: 'commune', year: 2021, suppressed: false });
		expect(insee(withInsee, 'persons', '93061')?.value).toBe(16373);
		expect(insee(withInsee, 'median_living_standard', '93061')).toMatchObject({ value: 21600, unit: '€/an', numerator: null, denominator: null });
		expect(insee(withInsee, 'poverty_rate_60', '93061')).toMatchObject({ value: 23, unit: '%' });
		expect(insee(withInsee, 'poverty_rate_tenants', '93061')?.value).toBe(30);
		expect(insee(withInsee, 'd1', '93061')?.value).toBe(9870);
		expect(insee(withInsee, 'd9', '93061')?.value).toBe(42900);
		// TP60AGE121 of 93061 is « s »: null and suppressed, never 0
		expect(insee(withInsee, 'poverty_rate_ref_under_30', '93061')).toMatchObject({ value: null, suppressed: true });
		// 93006;16390;38991;19060;49,0;28,0;…
		expect(insee(withInsee, 'median_living_standard', '93006')?.value).toBe(19060);
		expect(insee(withInsee, 'poverty_rate_60', '93006')?.value).toBe(28);
		// Only the communes of the data (93001 is in the file, not in the fixture); the published rows still follow.
		expect(withInsee.some((r) => r.territory === '93001')).toBe(false);
		expect(insee(withInsee, 'poverty_rate_60', 'FRM')?.value).toBe(14.9);
		// The computed rows are the same with or without the reference file.
		expect(withInsee.filter((r) => r.source === 'computed')).toEqual(plain.filter((r) => r.source === 'computed'));
	});

	it('prints the same rows in CSV, secret as an empty value with suppressed true', () => {
		const r = vigie('--data', folder(small), '--insee', BASE_CC, '--format', 'csv', '--communes', '93061');
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.trim().split('\n');
		expect(lines[0]).toBe('indicator,territory,territory_type,year,value,numerator,denominator,unit,suppressed,source');
		expect(lines).toContain('median_living_standard,93061,commune,2021,21600,,,€/an,false,insee');
		expect(lines).toContain('poverty_rate_ref_under_30,93061,commune,2021,,,,%,true,insee');
		expect(lines).toContain('poverty_rate_60,93,departement,2021,28.4,,,%,false,insee');
		expect(lines).toContain('poverty_rate_60,FRM,france,2021,14.9,,,%,false,insee');
	});

	it('folds a former commune into its current one: counts add up, a median is not invented', () => {
		// Households of Saint-Denis (93066), which absorbed Pierrefitte (93059) after Filosofi 2021.
		const r = vigie('--data', folder(small.replaceAll(',93006,', ',93066,')), '--insee', BASE_CC);
		expect(r.code, r.stderr).toBe(0);
		const rows: Row[] = JSON.parse(r.stdout);
		// 93066: 41 208 ménages, 106 397 personnes; 93059: 10 276 and 30 999
		expect(insee(rows, 'households', '93066')?.value).toBe(41208 + 10276);
		expect(insee(rows, 'persons', '93066')?.value).toBe(106397 + 30999);
		expect(insee(rows, 'median_living_standard', '93066')).toMatchObject({ value: null, suppressed: false });
		expect(rows.some((x) => x.territory === '93059')).toBe(false);
	});

	it('refuses another INSEE file in one line naming it', () => {
		const r = vigie('--data', folder(small), '--insee', '../shared/data/insee/BASE_TD_FILO_IRIS_2021_DEC.csv');
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('BASE_TD_FILO_IRIS_2021_DEC.csv : aucune colonne du fichier communal Filosofi');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(vigie('--data', folder(small), '--insee', 'absent.csv').stderr).toContain('absent.csv : fichier introuvable');
	});
});
