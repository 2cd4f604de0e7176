/**
 * `vigie indicators --data DIR` follows the folder's manifest.json: synthetic (as `vigie generate` writes it) →
 * the values secrecy would hide are printed, marked would_be_secret, and stderr says so; manifest deleted →
 * secrecy applied, nulls. Hand-written folder, answers worked out in the comments; then a generated one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
type Row = { indicator: string; territory: string; source: string; value: number | null; suppressed: boolean; would_be_secret?: boolean };
const computed = (rows: Row[], indicator: string, territory: string) =>
	rows.find((r) => r.source === 'computed' && r.indicator === indicator && r.territory === territory)!;

// 2021, one adult per household, weight 2, 2 000 €/month: 93001 × 12, 93006 × 5 (Bagnolet), 93007 × 20.
// Aid requests of 2021 at 93001: 12 granted food vouchers of 100 €, 3 refused.
function folder(): string {
	const dir = mkdtempSync(join(tmpdir(), 'vigie-synthetic-'));
	const lines = ['household_id,year,commune,weight,persons_14_plus,persons_under_14,family_type,age_ref,activity_ref,tenure,income_work'];
	for (const [commune, n] of [['93001', 12], ['93006', 5], ['93007', 20]] as const)
		for (let i = 0; i < n; i++) lines.push(`${commune}-${i},2021,${commune},2,1,0,single,40,employed,private_rent,2000`);
	writeFileSync(join(dir, 'households.csv'), lines.join('\n') + '\n');
	const requests = ['request_id,commune,date_request,aid_type,form,amount_granted,decision'];
	for (let i = 0; i < 12; i++) requests.push(`g${i},93001,2021-03-01,food,voucher,100,granted`);
	for (let i = 0; i < 3; i++) requests.push(`x${i},93001,2021-03-02,food,voucher,0,refused`);
	writeFileSync(join(dir, 'aid_requests.csv'), requests.join('\n') + '\n');
	writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ synthetic: true }));
	return dir;
}

const SYNTHETIC_LINE = 'vigie indicators : données synthétiques (manifest.json du générateur) : les valeurs que le secret masquerait sur des données réelles sont données, marquées would_be_secret';

describe('vigie indicators on a folder marked synthetic', () => {
	const dir = folder();

	it('prints the values secrecy would hide, marked, and says so on stderr', () => {
		const r = vigie('indicators', '--data', dir);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr.trim()).toBe(SYNTHETIC_LINE);
		const rows: Row[] = JSON.parse(r.stdout);
		// 93006: 5 households × 2 = 10, secret on real data (5 < 11).
		expect(computed(rows, 'households', '93006')).toMatchObject({ value: 10, suppressed: false, would_be_secret: true });
		// 93 − 93001 − 93007 would give 93006: 93001 (12 rows, smaller than 93007's 20) is masked with it.
		expect(computed(rows, 'households', '93001')).toMatchObject({ value: 24, suppressed: false, would_be_secret: true });
		expect(computed(rows, 'households', '93007')).toMatchObject({ value: 40, suppressed: false, would_be_secret: false });
		expect(computed(rows, 'households', '93')).toMatchObject({ value: 74, would_be_secret: false }); // 37 × 2
		// Grant rate at 93001: 12 / 15 decided = 80 %, on 15 requests.
		expect(computed(rows, 'aid_grant_rate', '93001')).toMatchObject({ value: 80, would_be_secret: false });
		// INSEE's published rows are not ours to mark.
		expect(rows.filter((x) => x.source === 'insee').every((x) => !('would_be_secret' in x))).toBe(true);
	});

	it('adds a would_be_secret column to the CSV', () => {
		const r = vigie('indicators', '--data', dir, '--format', 'csv');
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.trim().split('\n');
		expect(lines[0]).toBe('indicator,territory,territory_type,year,value,numerator,denominator,unit,suppressed,would_be_secret,source');
		expect(lines).toContain('households,93006,commune,2021,10,10,,ménages,false,true,computed');
		expect(lines).toContain('households,93007,commune,2021,40,40,,ménages,false,false,computed');
	});

	it('--aid-report: the 3 refusals are printed, marked', () => {
		const r = vigie('indicators', '--data', dir, '--aid-report');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr.trim()).toBe(SYNTHETIC_LINE);
		const report = JSON.parse(r.stdout);
		// [12 granted, 3 refused, 0 postponed]: 3 and 0 are secret on real data, and the 12 grants with them
		// (15 − 12 would give the 3 back).
		expect(report.activity.refused).toEqual({ value: 3, n: 3, suppressed: false, would_be_secret: true });
		expect(report.activity.granted).toEqual({ value: 12, n: 12, suppressed: false, would_be_secret: true });
		const csv = vigie('indicators', '--data', dir, '--aid-report', '--format', 'csv').stdout;
		// Synthèse: requests, granted, refused (marked), postponed (marked), …
		expect(csv).toMatch(/^# Synthèse\n[^\n]+\n15,12 ◌,3 ◌,0 ◌,/);
		expect(csv).toContain('# ◌ : serait secret sur des données réelles : moins de 11 ménages');
	});

	it('the same folder without its manifest: secrecy applied, nulls, the CSV as before', () => {
		const real = folder();
		rmSync(join(real, 'manifest.json'));
		const r = vigie('indicators', '--data', real);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr.trim()).toBe('vigie indicators : secret statistique appliqué : moins de 11 ménages (au dénominateur ou au numérateur), valeur qu’un total révélerait, ou groupe qui contiendrait une partie des communes sous le secret (null, suppressed)');
		const rows: Row[] = JSON.parse(r.stdout);
		expect(computed(rows, 'households', '93006')).toMatchObject({ value: null, suppressed: true });
		expect(computed(rows, 'households', '93001')).toMatchObject({ value: null, suppressed: true });
		expect(computed(rows, 'households', '93007')).toMatchObject({ value: 40, suppressed: false });
		expect(rows.some((x) => 'would_be_secret' in x)).toBe(false);
		const csv = vigie('indicators', '--data', real, '--format', 'csv').stdout.trim().split('\n');
		expect(csv[0]).toBe('indicator,territory,territory_type,year,value,numerator,denominator,unit,suppressed,source');
		expect(csv).toContain('households,93006,commune,2021,,,,ménages,true,computed');
		const aid = JSON.parse(vigie('indicators', '--data', real, '--aid-report').stdout);
		expect(aid.activity.refused).toEqual({ value: null, n: null, suppressed: true });
	});
});

describe('vigie generate then vigie indicators', () => {
	it('a generated folder shows would-be-secret values; with its manifest deleted, exactly those are null', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-generated-'));
		const g = vigie('generate', '--out', dir, '--sample', '0.01', '--seed', '3');
		expect(g.code, g.stderr).toBe(0);
		const synthetic = vigie('indicators', '--data', dir, '--communes', '93061,93006');
		expect(synthetic.code, synthetic.stderr).toBe(0);
		expect(synthetic.stderr).toContain('données synthétiques');
		rmSync(join(dir, 'manifest.json'));
		const real = vigie('indicators', '--data', dir, '--communes', '93061,93006');
		expect(real.stderr).toContain('secret statistique appliqué');
		const a: Row[] = JSON.parse(synthetic.stdout);
		const b: Row[] = JSON.parse(real.stdout);
		const marked = a.filter((r) => r.would_be_secret);
		// At 1/100 some cells rest on fewer than 11 households: shown here, with a value.
		expect(marked.some((r) => r.value !== null)).toBe(true);
		expect(a.length).toBe(b.length);
		a.forEach((r, i) => {
			expect(b[i].suppressed, `${r.indicator} ${r.territory}`).toBe(r.would_be_secret === true);
			if (r.would_be_secret) expect(b[i].value).toBeNull();
			else if (r.source === 'computed') expect(b[i].value).toBe(r.value);
		});
	}, 120_000);
});
