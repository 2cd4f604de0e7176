/** `vigie simulate` as a user runs it (DESIGN.md §6): a temp data folder, JSON contract on stdout, one-line French errors, exit 1. */
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

// Le Pré-Saint-Gervais (93061): 12 households like A of hand.test.ts (RAV 6,67 €/j → 99,90 €), year 2023;
// Bagnolet (93006): 3 households with nothing to claim.
const dir = mkdtempSync(join(tmpdir(), 'vigie-simulate-'));
const rows = [
	...Array.from({ length: 12 }, (_, i) => psgRow({ household_id: `p${i}`, year: 2023, income_work: 900, charge_rent: 700 })),
	...Array.from({ length: 3 }, (_, i) => psgRow({ household_id: `b${i}`, year: 2023, commune: '93006', income_work: 3000 }))
];
writeFileSync(join(dir, 'households.csv'), toCsv(HOUSEHOLDS.columns.map((c) => c.name), rows));

describe('vigie simulate', () => {
	it('prints the DESIGN.md §6 contract, with --set and --communes', () => {
		// Envelope 500 €: 5 of 12 served (5 × 99,90 = 499,50), uniform requests → the 6th asks in June.
		// rav_max 7: (7 − 6,67) × 30 = 9,90 € each, 12 × 9,90 = 118,80 €, under the envelope: 12 perdants.
		const r = vigie('--data', dir, '--scheme', 'pre-saint-gervais', '--baseline', 'pre-saint-gervais', '--set', 'enveloppe=500', '--set', 'rav_max=7', '--communes', '93061');
		// One line says which secrecy rule applies (no manifest.json: real data).
		expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vigie simulate : secret statistique : .*moins de 11 ménages/)]);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		for (const k of ['baseline', 'scenario', 'winners_losers', 'by_commune', 'by_decile', 'envelope']) expect(out).toHaveProperty(k);
		// Baseline = the scheme unchanged (12 000 €): 12 × 99,90 = 1 198,80 €.
		expect(out.baseline).toMatchObject({ eligible: 12, beneficiaries: 12, cost: 1198.8, eligible_cost: 1198.8 });
		expect(out.scenario).toMatchObject({ eligible: 12, beneficiaries: 12, cost: 118.8 });
		expect(out.envelope).toMatchObject({ budget: 500, spent: 118.8, exhausted_month: null });
		expect(Object.keys(out.winners_losers)).toEqual(expect.arrayContaining(['gagnant', 'perdant', 'neutre', 'neutre_zero', 'perdant_zero']));
		expect(out.winners_losers.perdant).toMatchObject({ households: 12, amount: -1080 });
		expect(out.by_commune.map((c: { key: string }) => c.key)).toEqual(['93061']);
	});

	it('never prints a class under the secrecy threshold, nor one the total would reveal', () => {
		// All communes: 12 perdants in 93061 and Bagnolet's 3 households in neutre_zero (3 < 11). Masking the 3
		// alone would let 15 − 12 reveal them, so the perdants are masked too (secondary secrecy).
		const r = vigie('--data', dir, '--scheme', 'pre-saint-gervais', '--baseline', 'pre-saint-gervais', '--set', 'rav_max=7');
		expect(r.code).toBe(0);
		const wl = JSON.parse(r.stdout).winners_losers;
		expect(wl.neutre_zero).toEqual({ households: null, n: null, amount: null, suppressed: true });
		expect(wl.perdant).toEqual({ households: null, n: null, amount: null, suppressed: true });
		expect(wl.gagnant).toMatchObject({ households: 0, suppressed: false });
		// With the threshold lowered to 3, both show.
		const low = JSON.parse(vigie('--data', dir, '--scheme', 'pre-saint-gervais', '--baseline', 'pre-saint-gervais', '--set', 'rav_max=7', '--min-rows', '3').stdout);
		expect(low.winners_losers.perdant).toMatchObject({ households: 12, suppressed: false });
		expect(low.winners_losers.neutre_zero).toMatchObject({ households: 3, suppressed: false });
	});

	it('covers every commune by default and runs the envelope out in June', () => {
		const r = vigie('--data', dir, '--scheme', 'pre-saint-gervais', '--set', 'enveloppe=500');
		const out = JSON.parse(r.stdout);
		expect(out.territory.communes).toEqual(['93006', '93061']);
		// Each commune has its own 500 € (envelope rule `same`): 93061's runs out in June; the territory's 1 000 €
		// would only be passed by the sum of demand in November (11 × 99,90 = 1 098,90 > 1 000).
		// 5 served (5 × 99,90 = 499,50 €): fewer than 11 beneficiaries, so what they are paid is secret.
		expect(out.envelope).toMatchObject({ budget: 1000, spent: null, exhausted_month: 11 });
		// 93061's figures are secret: its breakdown row is (Bagnolet's 3 households would be the territory's 15 − 12).
		const psg = (o: { envelope: { by_commune: { commune: string }[] } }) => o.envelope.by_commune.find((c) => c.commune === '93061');
		expect(psg(out)).toMatchObject({ budget: 500, spent: null, exhausted_month: null });
		expect(out.secret).toContain('envelope.by_commune.93061.exhausted_month');
		// Threshold 3: 93061 shows 5 served (499,50 €), 7 left out, its envelope out in June.
		const low = JSON.parse(vigie('--data', dir, '--scheme', 'pre-saint-gervais', '--set', 'enveloppe=500', '--min-rows', '3').stdout);
		expect(psg(low)).toMatchObject({ budget: 500, spent: 499.5, beneficiaries: 5, left_out_households: 7, exhausted_month: 6, exhausted_month_label: 'juin' });
		expect(out.scenario).toMatchObject({ beneficiaries: null, cost: null, mean_aid: null });
		expect(out.secret).toEqual(expect.arrayContaining(['scenario.cost', 'envelope.spent']));
		// Bagnolet has 3 households: secret.
		expect(out.by_commune.find((c: { key: string }) => c.key === '93006')).toMatchObject({ suppressed: true, households: null });
	});

	it('refuses bad input with one French line and exit 1', () => {
		for (const [args, msg] of [
			[['--data', dir, '--scheme', 'nope'], /dispositif inconnu « nope »/],
			[['--data', dir, '--scheme', 'elan', '--set', 'rav_max=3'], /paramètre inconnu « rav_max »/],
			[['--data', dir, '--scheme', 'elan', '--set', 'capacite=-1'], /minimum/],
			[['--data', dir, '--scheme', 'elan', '--communes', '75056'], /commune 75056 absente/],
			[['--data', join(dir, 'absent'), '--scheme', 'elan'], /introuvable/],
			[['--scheme', 'elan'], /--data/]
		] as const) {
			const r = vigie(...args);
			expect(r.code, args.join(' ')).toBe(1);
			expect(r.stdout).toBe('');
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(msg);
		}
	});
});
