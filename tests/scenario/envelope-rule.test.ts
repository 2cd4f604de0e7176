/**
 * Each CCAS with its own envelope (issue 17): two communes, a hand-made population, the exhaustion months and
 * costs worked out by hand under `same`, `per_household` and `custom` (src/lib/scenario/envelope-rule.ts).
 *
 * Every eligible household is A of hand.test.ts: single, 900 € of wages, 700 € of rent, RAV 200 / 30 = 6,67 €/j,
 * pre-saint-gervais pays (10 − 6,67) × 30 = 99,90 €. The scenario's envelope is 250 € (--set enveloppe=250).
 * Requests: every commune's flow of aid_requests is one request a month from January to August, so the months
 * have shares 1/8 (cumulative 0,125, 0,25, 0,375, 0,5…); a household asks in the month holding the mid-point
 * of its weight within its commune, rows in order (population.ts spreadRequests):
 *  - Le Pré-Saint-Gervais (93061): 4 eligible (weight 1) first, then 8 not eligible (weight 0,5): 8 households
 *    (weighted) on 12 rows. Mid-points 0,5/8 = 0,0625 (January), 1,5/8 = 0,1875 (February), 0,3125 (March),
 *    0,4375 (April).
 *  - Bagnolet (93006): 6 eligible (weight 1) first, then 10 not eligible (weight 1): 16 households. Mid-points
 *    0,5/16 = 0,03125 and 0,09375 (January), 0,15625 and 0,21875 (February), 0,28125 and 0,34375 (March).
 */
import { describe, expect, it } from 'vitest';
import { parseEnvelopeCsv } from '#lib/scenario/envelope-rule.ts';
import { simulate } from '#lib/scenario/report.ts';
import type { ScenarioSpec } from '#lib/scenario/spec.ts';
import { psgRow, population } from './helpers.ts';

const A = { income_work: 900, charge_rent: 700 };
const NOT = { income_work: 3000 };
const times = (k: number, over: Record<string, unknown>) => Array.from({ length: k }, () => psgRow(over));
const rows = [
	...times(4, { ...A, commune: '93061' }),
	...times(8, { ...NOT, commune: '93061', weight: 0.5 }),
	...times(6, { ...A, commune: '93006' }),
	...times(10, { ...NOT, commune: '93006' })
];
const EIGHT_MONTHS = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
const pop = population(rows, { '93061': EIGHT_MONTHS, '93006': EIGHT_MONTHS });
const run = (spec: Partial<ScenarioSpec>) => simulate(pop, { scheme: 'pre-saint-gervais', changes: { enveloppe: 250 }, ...spec });
const commune = (r: ReturnType<typeof run>, code: string) => r.envelope.by_commune.find((c) => c.commune === code)!;

describe('arrivals', () => {
	it('follow the mid-points worked out above', () => {
		const r = run({});
		// Demand by month of the territory: January 1 + 2 households, February 1 + 2, March 1 + 2, April 1.
		expect(r.envelope.by_month.slice(0, 5).map((m) => m.demand_households)).toEqual([3, 3, 3, 1, 0]);
	});
});

describe('same: each commune has the scheme’s envelope on its own', () => {
	const r = run({ envelope_rule: { kind: 'same' } });

	it('runs 93061 out in March and 93006 in February', () => {
		// 93061 (250 €): January 99,90, February 199,80, March 299,70 > 250 → March; served 2 (199,80 €), 2 left out.
		expect(commune(r, '93061')).toMatchObject({ budget: 250, spent: 199.8, beneficiaries: 2, eligible: 4, left_out_households: 2, left_out_cost: 199.8, exhausted_month: 3, exhausted_month_label: 'mars' });
		// 93006 (250 €): January 2 × 99,90 = 199,80 ; February 399,60 > 250 → February; served 2, 4 left out (399,60 €).
		expect(commune(r, '93006')).toMatchObject({ budget: 250, spent: 199.8, beneficiaries: 2, eligible: 6, left_out_households: 4, left_out_cost: 399.6, exhausted_month: 2 });
		expect(commune(r, '93006').remaining).toBe(50.2);
		expect(commune(r, '93006').consumed).toBe(79.92);
	});

	it('sums the communes in the total, which runs out when the sum of demand passes the sum of envelopes', () => {
		// Budget 250 + 250 = 500 €, paid 199,80 + 199,80 = 399,60 €, 4 served. Territory demand: January 3 × 99,90 =
		// 299,70 ≤ 500 ; February 6 × 99,90 = 599,40 > 500 → February (as 93006; 93061 lasts until March).
		expect(r.envelope).toMatchObject({ budget: 500, spent: 399.6, exhausted_month: 2, rule: 'same', rule_note: null, reference: null });
		expect(r.scenario).toMatchObject({ eligible: 10, beneficiaries: 4, cost: 399.6, eligible_cost: 999 });
		expect(r.envelope.rule_label).toMatch(/^Même enveloppe pour chaque commune/);
		// Same as giving no rule.
		expect(run({}).envelope).toEqual(r.envelope);
	});
});

describe('per_household: envelope × households of the commune / households of the scheme’s commune', () => {
	it('scales by the weighted households of the data when the scheme’s commune is there', () => {
		const r = run({ envelope_rule: { kind: 'per_household' } });
		// Reference: 93061, 8 households (weighted) on 12 rows (≥ 11). 93061: 250 × 8 / 8 = 250 € → as under `same`.
		// 93006: 250 × 16 / 8 = 500 €: January 199,80, February 399,60, March: 5th 499,50 ≤ 500 served, 6th
		// 599,40 > 500 → March; served 5 (499,50 €), 1 left out (99,90 €).
		expect(r.envelope.reference).toEqual({ communes: ['93061'], households: 8, source: 'données' });
		expect(r.envelope.rule_note).toContain('8 ménages');
		expect(commune(r, '93061')).toMatchObject({ budget: 250, spent: 199.8, exhausted_month: 3, households: 8 });
		expect(commune(r, '93006')).toMatchObject({ budget: 500, spent: 499.5, beneficiaries: 5, left_out_households: 1, left_out_cost: 99.9, exhausted_month: 3, households: 16 });
		// Total: 750 €, paid 199,80 + 499,50 = 699,30 €; demand 299,70 (Jan), 599,40 (Feb), 899,10 (Mar) > 750 → March.
		expect(r.envelope).toMatchObject({ budget: 750, spent: 699.3, exhausted_month: 3, rule: 'per_household' });
		expect(r.envelope.rule_label).toMatch(/proportionnelle aux ménages/);
	});

	it('falls back on Filosofi’s households when the scheme’s commune is not in the data', () => {
		// Territory 93006 alone, the scheme's envelope of 12 000 €: 12 000 × 16 / 7 399 (INSEE Filosofi 2021,
		// ménages fiscaux du Pré-Saint-Gervais) = 25,95 → 26 €; 99,90 € do not fit: nobody served, out in January.
		const alone = population(rows.filter((x) => x.commune === '93006'), { '93006': EIGHT_MONTHS });
		const r = simulate(alone, { scheme: 'pre-saint-gervais', envelope_rule: { kind: 'per_household' } });
		expect(r.envelope.reference).toEqual({ communes: ['93061'], households: 7399, source: expect.stringContaining('Filosofi 2021') });
		expect(r.envelope.rule_note).toMatch(/absente des données/);
		expect(r.envelope).toMatchObject({ budget: 26, spent: 0, exhausted_month: 1 });
		expect(r.scenario.beneficiaries).toBe(0);
	});

	it('falls back when the scheme’s commune rests on fewer than 11 rows, and reads other communes of the data', () => {
		// A territory of 93006 whose data also holds 93061 (households_by_commune of load.ts): 8 households on
		// 12 rows → the data's figure: 12 000 × 16 / 8 = 24 000 €, all 6 served (599,40 €).
		const alone = population(rows.filter((x) => x.commune === '93006'), { '93006': EIGHT_MONTHS });
		const withData = { ...alone, data_households: { ...alone.data_households, '93061': { households: 8, n: 12 } } };
		const r = simulate(withData, { scheme: 'pre-saint-gervais', envelope_rule: { kind: 'per_household' } });
		expect(r.envelope).toMatchObject({ budget: 24000, spent: 599.4, exhausted_month: null });
		// On 10 rows only: Filosofi's 7 399 instead.
		const few = { ...alone, data_households: { ...alone.data_households, '93061': { households: 8, n: 10 } } };
		const f = simulate(few, { scheme: 'pre-saint-gervais', envelope_rule: { kind: 'per_household' } });
		expect([f.envelope.budget, f.envelope.reference?.households]).toEqual([26, 7399]);
		expect(f.envelope.rule_note).toMatch(/moins de 11 ménages/);
	});

	it('scales the capacity alike, rounded to the household', () => {
		// ELAN (L'Haÿ-les-Roses, 94038, not in the data): 56 000 € and 15 places for 12 610 households (Filosofi).
		// 93061: 8 households → 56 000 × 8 / 12 610 = 35,53 → 36 €, 15 × 8 / 12 610 = 0,0095 → 0 places.
		const r = simulate(pop, { scheme: 'elan', envelope_rule: { kind: 'per_household' } });
		expect(r.envelope.by_commune.map((c) => [c.commune, c.budget, c.capacity])).toEqual([
			['93006', 71, 0], // 56 000 × 16 / 12 610 = 71,05 ; 15 × 16 / 12 610 = 0,02
			['93061', 36, 0]
		]);
		expect(r.scenario.beneficiaries).toBe(0);
	});
});

describe('custom: budgets typed per commune', () => {
	it('serves each commune against its typed budget', () => {
		const r = run({ envelope_rule: { kind: 'custom', budgets: { '93061': 100, '93006': 1000 } } });
		// 93061 (100 €): January 99,90 served; February 199,80 > 100 → February; 1 served, 3 left out.
		expect(commune(r, '93061')).toMatchObject({ budget: 100, spent: 99.9, beneficiaries: 1, left_out_households: 3, exhausted_month: 2 });
		// 93006 (1 000 €): 6 × 99,90 = 599,40 ≤ 1 000 → all served, never out.
		expect(commune(r, '93006')).toMatchObject({ budget: 1000, spent: 599.4, beneficiaries: 6, left_out_households: 0, exhausted_month: null });
		// Total 1 100 €, paid 699,30 €; the territory's whole demand 10 × 99,90 = 999 ≤ 1 100 → never.
		expect(r.envelope).toMatchObject({ budget: 1100, spent: 699.3, exhausted_month: null, rule: 'custom' });
		// The scheme's envelope parameter (250 € here) is not used, and the note says so.
		expect(r.envelope.rule_note).toMatch(/n’est pas utilisé/);
		// Both sides take the typed budgets.
		expect(r.baseline_envelope.budget).toBe(1100);
	});

	it('names a commune missing from the list', () => {
		expect(() => run({ envelope_rule: { kind: 'custom', budgets: { '93061': 100 } } })).toThrow(/pas d’enveloppe saisie pour la commune 93006/);
	});

	it('gives a capacity in proportion to the typed budget', () => {
		// ELAN: 15 places for 56 000 €. 28 000 € → 7,5 → 8 places; 112 000 € → 30.
		const r = simulate(pop, { scheme: 'elan', envelope_rule: { kind: 'custom', budgets: { '93061': 28000, '93006': 112000 } } });
		expect(r.envelope.by_commune.map((c) => [c.commune, c.budget, c.capacity])).toEqual([
			['93006', 112000, 30],
			['93061', 28000, 8]
		]);
		expect(r.envelope.capacity).toBe(38);
	});
});

describe('a CSV of budgets as Excel writes it', () => {
	it('reads ; or , or tab, a decimal comma, thousands spaces, € and an optional header', () => {
		expect(parseEnvelopeCsv('\uFEFFcommune;enveloppe\r\n93061;12 000,50 €\r\n93006;8000\r\n;\r\n')).toEqual({ '93061': 12000.5, '93006': 8000 });
		expect(parseEnvelopeCsv('93061,12000.5\n93006,"8000"\n')).toEqual({ '93061': 12000.5, '93006': 8000 });
		expect(parseEnvelopeCsv('93061\t100\n')).toEqual({ '93061': 100 });
		// Excel drops the leading zero of 01053.
		expect(parseEnvelopeCsv('1053;100')).toEqual({ '01053': 100 });
	});

	it('names the line of a bad row', () => {
		expect(() => parseEnvelopeCsv('commune;enveloppe\n93061;douze mille\n')).toThrow('ligne 2 : enveloppe « douze mille »');
		expect(() => parseEnvelopeCsv('93061;-5\n')).toThrow('ligne 1 : enveloppe « -5 »');
		expect(() => parseEnvelopeCsv('93061;100\n930612;100\n')).toThrow('ligne 2 : code commune invalide « 930612 »');
		expect(() => parseEnvelopeCsv('93061;100\n93061;200\n')).toThrow('ligne 2 : la commune 93061 apparaît deux fois');
		expect(() => parseEnvelopeCsv('93061;100;3\n')).toThrow('ligne 1 : deux colonnes attendues');
		expect(() => parseEnvelopeCsv('commune;enveloppe\n')).toThrow('aucune ligne');
	});
});
