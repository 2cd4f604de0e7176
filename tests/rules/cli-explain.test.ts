/** `vigie explain` as a user runs it (DESIGN.md §6): JSON on stdout, one-line French messages on stderr, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function vigie(...args: string[]) {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', ...args], { encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const FILE = 'tests/rules/fixtures/salarie-seul.json';
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

describe('vigie explain', () => {
	it('prints the DESIGN.md §6 contract', () => {
		// (900 − 700) / 1 / 30 = 6,67 €/day/person < 10 ; need (10 − 6,67) × 30 = 99,90 € (cap 400).
		const r = vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(out).toMatchObject({ scheme: 'pre-saint-gervais', eligible: true, amount: 99.9, rav: { monthly: 200, per_unit_day: 6.67, divisor: 'persons', units: 1 } });
		expect(out.rav.formula).toContain('arrondi au centime');
		for (const c of out.conditions) expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'label', 'passed', 'value', 'threshold']));
		expect(out.conditions.find((c: { id: string }) => c.id === 'rav')).toMatchObject({ passed: true, value: 6.67, threshold: 10 });
	});

	it('applies --set overrides, repeated', () => {
		// Threshold 6 € : 6,67 is not < 6 → not eligible. Then 7 € and cap 5 € : need 9,90 capped at 5.
		const no = JSON.parse(vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE, '--set', 'rav_max=6').stdout);
		expect([no.eligible, no.amount]).toEqual([false, 0]);
		const r = vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE, '--set', 'rav_max=7', '--set', 'plafond=5');
		expect(JSON.parse(r.stdout)).toMatchObject({ eligible: true, amount: 5 });
	});

	it('gives Boulogne’s first grant as 3 × 128 € and the renewal at −50 %', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-explain-'));
		const f = join(dir, 'renouvellement.json');
		writeFileSync(f, JSON.stringify({ ...readJson(FILE), renewal_rank: 1 }));
		expect(JSON.parse(vigie('explain', '--scheme', 'boulogne-billancourt', '--household', FILE).stdout).amount).toBe(384);
		expect(JSON.parse(vigie('explain', '--scheme', 'boulogne-billancourt', '--household', f).stdout).amount).toBe(192);
	});

	it('lists schemes and their parameters', () => {
		const r = vigie('schemes', 'boulogne-billancourt');
		expect(r.code).toBe(0);
		const s = JSON.parse(r.stdout);
		expect(s.parameters.find((p: { id: string }) => p.id === 'rav_max')).toMatchObject({ value: 8, hypothese: true });
		expect(JSON.parse(vigie('schemes').stdout)).toHaveLength(5);
	});

	it('answers bad input with one French line and exit 1, never a stack trace', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vigie-explain-'));
		const badJson = join(dir, 'a.json');
		writeFileSync(badJson, '{ "persons_14_plus": ');
		const badField = join(dir, 'b.json');
		writeFileSync(badField, JSON.stringify({ ...readJson(FILE), tenure: 'castle' }));
		for (const [args, msg] of [
			[['explain', '--household', FILE], '--scheme manquant'],
			[['explain', '--scheme', 'elan'], '--household manquant'],
			[['explain', '--scheme', 'paris', '--household', FILE], 'dispositif inconnu « paris »'],
			[['explain', '--scheme', 'elan', '--household', 'nope.json'], 'nope.json : fichier introuvable'],
			[['explain', '--scheme', 'elan', '--household', badJson], 'JSON invalide'],
			[['explain', '--scheme', 'elan', '--household', badField], 'champ tenure'],
			[['explain', '--scheme', 'elan', '--household', FILE, '--set', 'seuil=3'], 'paramètre inconnu « seuil » pour elan'],
			[['explain', '--scheme', 'pre-saint-gervais', '--household', FILE, '--set', 'part_bons=2'], 'dépasse le maximum']
		] as const) {
			const r = vigie(...args);
			expect([args.join(' '), r.code]).toEqual([args.join(' '), 1]);
			expect(r.stderr).toContain(msg);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).not.toMatch(/\n\s+at /);
		}
		// An unknown option is a usage error: named, then the usage line, exit 2.
		const r = vigie('explain', '--scheme', 'elan', '--bogus');
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split('\n')).toEqual(['vigie explain : option inconnue « --bogus »', expect.stringMatching(/^usage : vigie explain /)]);
	});
});
