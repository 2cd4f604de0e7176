/**
 * Reasons for losing (reasons.ts) under nested all / any conditions: the deepest condition that flipped (met
 * in the baseline, not in the scenario) is given, worked out by hand from the scheme files. RAV per person per
 * day = (resources − charges) / persons / 30 (single adults here).
 */
import { describe, expect, it } from 'vitest';
import { getScheme, withOverrides } from '#lib/rules/registry.ts';
import type { Scheme } from '#lib/rules/scheme-schema.ts';
import { buildReport, simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

const keys = (rows: { key: string; households: number | null }[]) => rows.map((x) => [x.key, x.households]);

describe('the deepest condition that flipped', () => {
	it('under a root "any" (elan), gives the category lost rather than the whole rule', () => {
		// Income 1 500, rent 1 365: RAV 135 / 30 = 4,50 €/day; niveau de vie 1 500 €/month, not under the poverty
		// parameter; no debt. Baseline (rav_seuil 5): « RAV sous 5 € » holds (4,50 < 5) → eligible. Scenario
		// (rav_seuil 4): 4,50 ≥ 4, that category no longer holds; « ressources fragiles », « difficultés
		// budgétaires » (no debt) and « surendettement » failed in the baseline too: the reason is rav_bas alone.
		const pop = population([psgRow({ income_work: 1500, charge_rent: 1365 })]);
		const r = simulate(pop, { scheme: 'elan', changes: { rav_seuil: 4 } }, { minRows: 1 });
		expect(keys(r.leaving_reasons.rows)).toEqual([['condition:rav_bas', 1]]);
	});

	it('goes down two groups to each leaf that flipped, and keeps top-level reasons against another scheme', () => {
		// all(suivi_social, any « voie » (rav < rav_max, all « endette » (debt > 0, rav < rav_max))).
		const psg = getScheme('pre-saint-gervais');
		const rav = psg.conditions.kind === 'all' ? psg.conditions.of.find((c) => c.id === 'rav')! : null!;
		const nested: Scheme = {
			...psg,
			conditions: {
				kind: 'all',
				id: 'eligible',
				label: 'Toutes les conditions',
				of: [
					{ kind: 'is', id: 'suivi_social', label: 'Suivi par un service social', variable: 'social_followup', value: true },
					{
						kind: 'any',
						id: 'voie',
						label: 'Reste à vivre bas, ou endetté',
						of: [
							rav,
							{
								kind: 'all',
								id: 'endette',
								label: 'Endetté avec un reste à vivre bas',
								of: [
									{ kind: 'compare', id: 'dettes', label: 'Rembourse des dettes', variable: 'charge_debt', op: '>', value: 0 },
									{ ...rav, id: 'rav_endette', label: 'Reste à vivre bas (endetté)' }
								]
							}
						]
					}
				]
			}
		};
		// Income 1 000, rent 710, debt 50: RAV 240 / 30 = 8 €/day. Baseline (rav_max 10): « voie » holds both
		// ways. Scenario (rav_max 7): 8 ≥ 7, « rav » and « rav_endette » flip, « dettes » still holds: the two
		// leaves are given, not « voie ». The household loses all: (10 − 8) × 30 = 60 €.
		const pop = population([psgRow({ income_work: 1000, charge_rent: 710, charge_debt: 50 })]);
		const spec = { scheme: 'pre-saint-gervais' };
		const r = buildReport(pop, { spec, baseline: nested, scenario: withOverrides(nested, { rav_max: 7 }), changes: [], baseline_label: 'imbriqué' }, { minRows: 1 });
		expect(r.leaving_reasons.rows.map((x) => [x.key, x.households, x.amount])).toEqual([
			['condition:rav', 1, -60],
			['condition:rav_endette', 1, -60]
		]);
		// Against statut-rsa (no condition in common below the root): the failed top-level condition « voie »,
		// as before. A RSA household with that RAV: eligible for RSA (60 €), fails « voie » at rav_max 7.
		const rsa = population([psgRow({ income_work: 500, benefit_rsa: 500, charge_rent: 710, charge_debt: 50 })]);
		const base = getScheme('statut-rsa');
		const x = buildReport(rsa, { spec, baseline: { ...base, amount: nested.amount }, scenario: withOverrides(nested, { rav_max: 7 }), changes: [], baseline_label: 'statut' }, { minRows: 1 });
		expect(keys(x.leaving_reasons.rows)).toEqual([['condition:voie', 1]]);
	});
});
