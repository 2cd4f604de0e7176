/**
 * `vigie simulate --envelope-rule same|per-household|FILE`, `--indexed`, and data marked synthetic (issue 17).
 * Same folder as cli.test.ts: Le Pré-Saint-Gervais (93061) 12 households like A of hand.test.ts (RAV 6,67 €/j →
 * 99,90 €), Bagnolet (93006) 12 more like A and 4 with nothing to claim; year 2023, requests uniform.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLDS } from '#lib/data/schema.ts';
import { toCsv } from '#lib/synth/csv.ts';
import { psgRow } from './helpers.ts';

function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', 'simulate', ...args], { encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const A = { year: 2023, income_work: 900, charge_rent: 700 };
const rows = [
	...Array.from({ length: 12 }, (_, i) => psgRow({ ...A, household_id: `p${i}` })),
	...Array.from({ length: 12 }, (_, i) => psgRow({ ...A, household_id: `b${i}`, commune: '93006' })),
	...Array.from({ length: 4 }, (_, i) => psgRow({ household_id: `n${i}`, year: 2023, commune: '93006', income_work: 3000 }))
];
const dir = mkdtempSync(join(tmpdir(), 'vigie-envelope-'));
writeFileSync(join(dir, 'households.csv'), toCsv(HOUSEHOLDS.columns.map((c) => c.name), rows));
// The same households marked synthetic, as `vigie generate` marks its folders.
const synthetic = mkdtempSync(join(tmpdir(), 'vigie-envelope-synth-'));
writeFileSync(join(synthetic, 'households.csv'), toCsv(HOUSEHOLDS.columns.map((c) => c.name), rows));
writeFileSync(join(synthetic, 'manifest.json'), JSON.stringify({ label: 'test', departement: '93', synthetic: true, files: [] }));

const base = ['--data', dir, '--scheme', 'pre-saint-gervais', '--set', 'enveloppe=500', '--min-rows', '3'];
type Row = { commune: string } & Record<string, number | null>;
const byCommune = (out: { envelope: { by_commune: Row[] } }) => Object.fromEntries(out.envelope.by_commune.map((c) => [c.commune, c]));

describe('vigie simulate --envelope-rule', () => {
	it('same (the default): 500 € in each commune', () => {
		// 12 uniform requests in each commune: household k asks in month k + 1. 93061: 5 × 99,90 = 499,50 ≤ 500, the
		// 6th (June) would pass → June. 93006: 16 households, the 12 eligible first (ids b… before n…): mid-points
		// (k + 0,5)/16 × 12 = 0,375, 1,125, 1,875, 2,625, 3,375, 4,125 → January, February, February, March, April,
		// May: 5 served (499,50 €) through April, the 6th (May) does not fit → May.
		const r = vigie(...base, '--envelope-rule', 'same');
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		const c = byCommune(out);
		expect(c['93061']).toMatchObject({ budget: 500, spent: 499.5, beneficiaries: 5, exhausted_month: 6 });
		expect(c['93006']).toMatchObject({ budget: 500, spent: 499.5, beneficiaries: 5, exhausted_month: 5 });
		expect(out.envelope).toMatchObject({ rule: 'same', budget: 1000, spent: 999 });
		expect(JSON.parse(vigie(...base).stdout).envelope).toEqual(out.envelope);
	});

	it('per-household: the envelope × households of the commune / households of 93061 in the data', () => {
		// 93061: 12 households (the reference) → 500 €; 93006: 16 → 500 × 16 / 12 = 666,67 → 667 €: 6 × 99,90 =
		// 599,40 ≤ 667 served, the 7th (699,30) does not fit.
		const out = JSON.parse(vigie(...base, '--envelope-rule', 'per-household').stdout);
		const c = byCommune(out);
		expect([c['93061'].budget, c['93006'].budget, c['93006'].spent, c['93006'].beneficiaries]).toEqual([500, 667, 599.4, 6]);
		expect(out.envelope).toMatchObject({ rule: 'per_household', budget: 1167, reference: { communes: ['93061'], households: 12, source: 'données' } });
	});

	it('per-household on a territory without 93061: its households read from the rest of the data', () => {
		// --communes 93006: the households of 93061 still come from the data (12 rows ≥ 11) → 667 €.
		const out = JSON.parse(vigie(...base, '--communes', '93006', '--envelope-rule', 'per-household').stdout);
		expect([out.territory.communes, out.envelope.budget, out.envelope.reference.households]).toEqual([['93006'], 667, 12]);
	});

	it('FILE: budgets typed per commune, Excel style', () => {
		const file = join(dir, 'enveloppes.csv');
		writeFileSync(file, '\uFEFFcommune;enveloppe\r\n93061;"1 000,50"\r\n93006;200\r\n');
		// Threshold 1 row: at 3, 93061's 2 left out and 93006's 2 served would be secret (and what gives them away).
		const out = JSON.parse(vigie('--data', dir, '--scheme', 'pre-saint-gervais', '--min-rows', '1', '--envelope-rule', file).stdout);
		const c = byCommune(out);
		// 93061: 12 × 99,90 = 1 198,80 > 1 000,50: 10 served (999 €), the 11th (November) does not fit. 93006 (200 €):
		// 2 served (199,80 €), the 3rd, in February, does not fit → February.
		expect([c['93061'].budget, c['93061'].spent, c['93061'].exhausted_month, c['93006'].spent, c['93006'].exhausted_month]).toEqual([1000.5, 999, 11, 199.8, 2]);
		expect(out.envelope).toMatchObject({ rule: 'custom', budget: 1200.5 });
	});

	it('refuses a bad FILE, or one missing a commune, with one French line and exit 1', () => {
		const bad = join(dir, 'bad.csv');
		writeFileSync(bad, 'commune;enveloppe\n93061;mille\n');
		const missing = join(dir, 'missing.csv');
		writeFileSync(missing, '93061;1000\n');
		for (const [file, msg] of [
			[bad, /--envelope-rule .*bad\.csv : ligne 2 : enveloppe « mille »/],
			[missing, /pas d’enveloppe saisie pour la commune 93006/],
			[join(dir, 'absent.csv'), /introuvable/]
		] as const) {
			const r = vigie(...base, '--envelope-rule', file);
			expect(r.code, file).toBe(1);
			expect(r.stdout).toBe('');
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(msg);
		}
	});
});

describe('vigie simulate --indexed and synthetic data', () => {
	it('--indexed puts the indexation in the assumptions', () => {
		const out = JSON.parse(vigie(...base, '--indexed').stdout);
		expect(out.assumptions.indexation).toMatchObject({ indexed: true, to_year: 2023 });
		expect(JSON.parse(vigie(...base).stdout).assumptions.indexation).toMatchObject({ indexed: false });
	});

	it('on synthetic data, prints what secrecy would hide, marked, and says so on stderr', () => {
		// Default threshold 11: 93061's 5 beneficiaries (envelope 500 €) would be secret on real data.
		const args = ['--scheme', 'pre-saint-gervais', '--set', 'enveloppe=500'];
		const real = vigie('--data', dir, ...args);
		const syn = vigie('--data', synthetic, ...args);
		expect(real.stderr).toMatch(/secret statistique/);
		expect(syn.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vigie simulate : données synthétiques .*would_be_secret/)]);
		const r = JSON.parse(real.stdout);
		const s = JSON.parse(syn.stdout);
		expect(byCommune(r)['93061'].spent).toBeNull();
		expect(byCommune(s)['93061'].spent).toBe(499.5);
		expect(s.synthetic).toBe(true);
		expect(r).not.toHaveProperty('synthetic');
		expect(s.secret).toEqual(r.secret);
		expect(s.secret).toContain('envelope.by_commune.93061.spent');
	});
});
