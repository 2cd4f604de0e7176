/**
 * Constant euros (issue 17, item 5): the seeds' dated euro parameters in euros of the data's year, on INSEE's
 * annual consumer price index (série 001764363, base 2015). Expected values are computed here by hand from the
 * two published index values, never by the function under test.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CPI_LAST_YEAR, cpiIndex, indexAmount } from '../../src/lib/rules/cpi.ts';
import { indexScheme, isIndexable } from '../../src/lib/rules/indexation.ts';
import { getScheme } from '../../src/lib/rules/registry.ts';
import { parseScheme, type Scheme } from '../../src/lib/rules/scheme-schema.ts';
import { resolveScenario } from '../../src/lib/scenario/spec.ts';

// INSEE, indice annuel des prix à la consommation, base 2015, ensemble des ménages, France (série 001764363).
const IPC_2008 = 93.21;
const IPC_2023 = 117.47;
const cent = (x: number) => Math.round(x * 100) / 100;
const param = (s: Scheme, id: string) => s.parameters.find((p) => p.id === id)!;

describe('CPI table', () => {
	it('holds the published annual averages and uses the last known year after it', () => {
		expect([cpiIndex(2008), cpiIndex(2015), cpiIndex(2023)]).toEqual([IPC_2008, 100, IPC_2023]);
		expect(CPI_LAST_YEAR).toBe(2023);
		expect([cpiIndex(2024), cpiIndex(2026)]).toEqual([IPC_2023, IPC_2023]);
		expect(() => cpiIndex(2004)).toThrow(/avant 2005/);
	});
});

describe('indexAmount', () => {
	it('400 € of 2008 → 504,11 € of 2023 (400 × 117,47 / 93,21 = 504,109…)', () => {
		expect(cent((400 * 117.47) / 93.21)).toBe(504.11);
		expect(indexAmount(400, 2008, 2023)).toBe(504.11);
		// After the last year of the table, 2023's index: same amount in euros of 2026.
		expect(indexAmount(400, 2008, 2026)).toBe(504.11);
	});

	it('5 €/jour/personne of 2008 → 6,30 € of 2023 (5 × 117,47 / 93,21 = 6,301…)', () => {
		expect(cent((5 * 117.47) / 93.21)).toBe(6.3);
		expect(indexAmount(5, 2008, 2023)).toBe(6.3);
		const { scheme, rows } = indexScheme(getScheme('elan'), 2023);
		expect(param(scheme, 'rav_seuil')).toMatchObject({ value: 6.3, year: 2023, unit: '€/jour/personne' });
		expect(rows.find((r) => r.id === 'rav_seuil')).toEqual({
			id: 'rav_seuil',
			label: 'Reste à vivre de référence',
			unit: '€/jour/personne',
			year: 2008,
			value: 5,
			indexed_value: 6.3,
			to_year: 2023,
			ratio: 1.2603 // 117,47 / 93,21 = 1,26027…
		});
	});
});

describe('indexScheme', () => {
	it('moves every euro parameter of the seed and nothing else', () => {
		const psg = getScheme('pre-saint-gervais');
		const { scheme, rows } = indexScheme(psg, 2023);
		expect(rows.map((r) => r.id)).toEqual(['rav_max', 'plafond', 'plafond_exceptionnel', 'enveloppe']);
		expect(param(scheme, 'plafond').value).toBe(cent((400 * IPC_2023) / IPC_2008));
		expect(param(scheme, 'enveloppe').value).toBe(cent((12000 * IPC_2023) / IPC_2008)); // 15 123,27 €
		expect(param(scheme, 'rav_max').value).toBe(cent((10 * IPC_2023) / IPC_2008)); // 12,60 €
		expect(param(scheme, 'plafond').source).toContain('400,00 € de 2008 = 504,11 € de 2023');
		// The scheme given is untouched, and indexing twice changes nothing.
		expect(param(psg, 'plafond')).toMatchObject({ value: 400, year: 2008 });
		expect(indexScheme(scheme, 2023).scheme.parameters.map((p) => p.value)).toEqual(scheme.parameters.map((p) => p.value));
	});

	it('never moves a count, a share, months, years or days', () => {
		for (const id of ['pre-saint-gervais', 'elan', 'boulogne-billancourt'] as const) {
			const s = getScheme(id);
			const { scheme, rows } = indexScheme(s, 2023);
			for (const p of s.parameters.filter((q) => !q.unit.startsWith('€'))) {
				expect(param(scheme, p.id)).toEqual(p);
				expect(rows.some((r) => r.id === p.id)).toBe(false);
			}
		}
		const elan = indexScheme(getScheme('elan'), 2023).scheme;
		expect([param(elan, 'capacite').value, param(elan, 'contrat_mois').value, param(elan, 'jours_par_mois').value]).toEqual([15, 6, 30]);
		const boulogne = indexScheme(getScheme('boulogne-billancourt'), 2023).scheme;
		expect([param(boulogne, 'degressivite').value, param(boulogne, 'duree_mois').value, param(boulogne, 'renouvellements').value]).toEqual([0.5, 3, 1]);
		expect(param(indexScheme(getScheme('pre-saint-gervais'), 2023).scheme, 'part_bons').value).toBe(0.5);
	});

	it('leaves a parameter already of the target year, or of a later one, as it is', () => {
		// Poverty threshold: 1 150 €/mois/UC of 2021.
		const { scheme, rows } = indexScheme(getScheme('elan'), 2021);
		expect(param(scheme, 'seuil_pauvrete')).toEqual(param(getScheme('elan'), 'seuil_pauvrete'));
		expect(rows.find((r) => r.id === 'seuil_pauvrete')).toMatchObject({ value: 1150, indexed_value: 1150, ratio: 1, year: 2021, to_year: 2021 });
		// Boulogne's 128 €/mois are of 2009: indexed to 2008 they stay 128 € (never deflated).
		const b = indexScheme(getScheme('boulogne-billancourt'), 2008);
		expect(param(b.scheme, 'montant_mensuel')).toMatchObject({ value: 128, year: 2009 });
		expect(param(b.scheme, 'rav_max').value).toBe(8);
	});

	it('keeps a euro parameter marked indexable: false', () => {
		const psg = getScheme('pre-saint-gervais');
		const fixed = parseScheme({ ...psg, parameters: psg.parameters.map((p) => (p.id === 'plafond' ? { ...p, indexable: false } : p)) });
		expect(isIndexable(param(fixed, 'plafond'))).toBe(false);
		const { scheme, rows } = indexScheme(fixed, 2023);
		expect(param(scheme, 'plafond').value).toBe(400);
		expect(rows.some((r) => r.id === 'plafond')).toBe(false);
		expect(param(scheme, 'rav_max').value).toBe(12.6);
	});
});

describe('resolveScenario with « seuils indexés »', () => {
	it('indexes both schemes to the data’s year and applies the user’s change on top, in euros of that year', () => {
		const r = resolveScenario({ scheme: 'pre-saint-gervais', changes: { rav_max: 12 }, indexed: true }, 2023);
		// 12 typed by the user means 12 € of 2023, not 12 € of 2008.
		expect(param(r.scenario, 'rav_max').value).toBe(12);
		expect(param(r.baseline, 'rav_max').value).toBe(12.6);
		expect([param(r.scenario, 'plafond').value, param(r.baseline, 'plafond').value]).toEqual([504.11, 504.11]);
		expect(r.changes).toEqual([expect.objectContaining({ parameter: 'rav_max', from: 12.6, to: 12 })]);
		expect(r.indexation).toMatchObject({ indexed: true, to_year: 2023, source: expect.stringContaining('001764363') });
		expect(r.indexation!.rows.find((x) => x.id === 'plafond')).toMatchObject({ value: 400, indexed_value: 504.11 });
	});

	it('pairs an indexed statut-rsa baseline with the indexed amount rule', () => {
		const r = resolveScenario({ scheme: 'pre-saint-gervais', baseline: 'statut-rsa', indexed: true }, 2023);
		expect([param(r.baseline, 'plafond').value, param(r.baseline, 'rav_max').value]).toEqual([504.11, 12.6]);
	});

	it('keeps the seed’s euros when not indexed, and still gives both euros for display', () => {
		const r = resolveScenario({ scheme: 'pre-saint-gervais', changes: { rav_max: 12 } }, 2023);
		expect([param(r.scenario, 'rav_max').value, param(r.baseline, 'rav_max').value, param(r.baseline, 'plafond').value]).toEqual([12, 10, 400]);
		expect(r.changes[0]).toMatchObject({ from: 10, to: 12 });
		expect(r.indexation).toMatchObject({ indexed: false, to_year: 2023 });
		expect(r.indexation!.rows.find((x) => x.id === 'rav_max')).toMatchObject({ value: 10, indexed_value: 12.6, year: 2008 });
		// No year given: the last year of the CPI table.
		expect(resolveScenario({ scheme: 'elan' }).indexation!.to_year).toBe(CPI_LAST_YEAR);
	});
});

describe('vigie explain --indexed', () => {
	const vigie = (...args: string[]) => spawnSync(process.execPath, ['src/cli/vigie.ts', ...args], { encoding: 'utf8' });
	const FILE = 'tests/rules/fixtures/salarie-seul.json';

	it('compares the RAV with the indexed threshold and says which euros it used', () => {
		const r = vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE, '--indexed');
		expect(r.status).toBe(0);
		const out = JSON.parse(r.stdout);
		// 10 €/jour/personne of 2008 × 117,47 / 93,21 = 12,60 € of 2023; the RAV is 6,67 €.
		expect(out.conditions.find((c: { id: string }) => c.id === 'rav')).toMatchObject({ passed: true, value: 6.67, threshold: 12.6 });
		// Need (12,60 − 6,67) × 30 = 177,90 €, under the indexed cap of 504,11 €.
		expect(out).toMatchObject({ eligible: true, amount: 177.9, amount_detail: { cap: 504.11 } });
		expect(out.indexation).toMatchObject({ indexed: true, to_year: 2023, source: expect.stringContaining('INSEE') });
		expect(out.indexation.rows.find((x: { id: string }) => x.id === 'rav_max')).toMatchObject({ year: 2008, value: 10, indexed_value: 12.6 });
	});

	it('applies --set on top in euros of the year, and leaves the plain output unchanged', () => {
		const set = JSON.parse(vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE, '--indexed', '--year', '2024', '--set', 'rav_max=7').stdout);
		expect(set.conditions.find((c: { id: string }) => c.id === 'rav').threshold).toBe(7);
		expect(set.indexation.to_year).toBe(2024);
		const plain = JSON.parse(vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE).stdout);
		expect(plain.indexation).toBeUndefined();
		expect(plain.conditions.find((c: { id: string }) => c.id === 'rav').threshold).toBe(10);
	});

	it('refuses --year without --indexed, or before 2005, in one French line', () => {
		for (const [args, msg] of [
			[['--year', '2024'], 'ne s’emploie qu’avec --indexed'],
			[['--indexed', '--year', '2004'], 'une année de 2005 ou après']
		] as const) {
			const r = vigie('explain', '--scheme', 'pre-saint-gervais', '--household', FILE, ...args);
			expect(r.status).toBe(1);
			expect(r.stderr).toContain(msg);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
		}
		expect(vigie('explain', '--help').stdout).toContain('--indexed');
	});
});
