/**
 * Secrecy of every figure the Simulateur shows (publish.ts, breakdowns.ts) on hand-made populations at the
 * default threshold of 11 households (DESIGN.md §4.1). Every mask is worked out by hand in the comments.
 * Single adults (1 UC): niveau de vie = 12 × income; poor under 12 × 1 288 = 15 456 €/an (2023, domain.md §3.2).
 * Pre-Saint-Gervais: eligible under 10 €/day of RAV, paid (10 − RAV) × 30 (see hand.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { reportToCsv } from '#lib/scenario/csv.ts';
import { classesTable, envelopeTable } from '#lib/scenario/chart-tables.ts';
import { publish } from '#lib/scenario/publish.ts';
import { simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

const times = (k: number, over: Record<string, unknown>) => Array.from({ length: k }, () => psgRow(over));

describe('targeting figures', () => {
	const pop = population([
		...times(12, { income_work: 900, charge_rent: 700 }), // P: RAV 6,67 → 99,90 € ; 10 800 €/an: poor, working
		...times(4, { income_work: 1600, charge_rent: 1400 }), // A: RAV 6,67 → 99,90 € ; 19 200 €/an: above the line
		...times(15, { income_work: 1000 }), // N: RAV 33,33, not eligible ; 12 000 €/an: poor, working
		...times(13, { activity_ref: 'unemployed', contract_ref: 'none', workers: 0, income_unemployment: 1000 }), // U: poor, not working
		...times(20, { income_work: 3000 }) // R: not eligible, not poor
	]);
	const raw = simulate(pop, { scheme: 'pre-saint-gervais' });
	const p = publish(raw);

	it('rests on the households worked out by hand', () => {
		expect([raw.scenario.beneficiaries_n, raw.scenario.targeting.n]).toEqual([16, { poor: 40, working_poor: 27, served_poor: 12, served_above: 4, served_working_poor: 12 }]);
	});

	it('masks the 4 served above the line, then what the totals would reveal', () => {
		// Inclusion rests on 4 households: secret. Served 16 = poor 12 + above 4 (+ 0 of unknown poverty), so the
		// served poor are masked too (spending to the poor, coverage of the poor); poor 40 = served 12 + unserved
		// 28, so the exclusion error is masked as well. Working poor 27 = served 12 + unserved 15: both ≥ 11 and
		// neither masked, so their coverage stays: 12 / 27 = 44,44 %.
		for (const side of ['baseline', 'scenario'] as const) {
			const t = p[side].targeting;
			expect([t.inclusion.households, t.inclusion.amount, t.inclusion.share, t.spending_to_poor, t.coverage_poor, t.exclusion.households, t.exclusion.share]).toEqual([
				null,
				null,
				null,
				null,
				null,
				null,
				null
			]);
			expect([t.coverage_working_poor, t.poor_households, t.working_poor_households]).toEqual([44.44, 40, 27]);
			for (const k of ['inclusion.households', 'inclusion.amount', 'spending_to_poor', 'coverage_poor', 'exclusion.households']) expect(p.secret).toContain(`${side}.targeting.${k}`);
			expect(p.secret).not.toContain(`${side}.targeting.coverage_working_poor`);
		}
		// The unweighted counts behind secret figures are secret too.
		expect(p.scenario.targeting.n).toEqual({ poor: 40, working_poor: 27, served_poor: null, served_above: null, served_working_poor: 12 });
		// 16 beneficiaries: the totals are shown, 16 × 99,90 = 1 598,40 €, mean 99,90 €.
		expect(p.scenario).toMatchObject({ eligible: 16, beneficiaries: 16, cost: 1598.4, mean_aid: 99.9 });
	});

	it('masks the months of fewer than 11 requests, and the running sums that would give them away', () => {
		// Uniform requests, 64 households: household i asks in month ⌊(i + 0,5) × 12 / 64⌋ + 1. The 16 eligible
		// are rows 0–15: January rows 0–4 (5), February 5–10 (6), March 11–15 (5): all three secret. Cumulative
		// demand: January 5 rows (secret), February 11 rows (shown alone, but March's 16 = February + March's 5
		// would give March away: masked), March 16 rows = 1 598,40 € and after: shown.
		const months = p.envelope.by_month;
		expect(months.slice(0, 4).map((m) => [m.demand_households, m.demand, m.spent])).toEqual([
			[null, null, null],
			[null, null, null],
			[null, null, null],
			[0, 0, 0]
		]);
		expect(months.map((m) => m.cumulative_demand)).toEqual([null, null, ...Array(10).fill(1598.4)]);
		expect(months.slice(0, 4).map((m) => m.demand_n)).toEqual([null, null, null, 0]);
		expect(months.slice(0, 3).map((m) => m.remaining)).toEqual([null, null, 12000 - 1598.4]);
		// The chart's table marks the same cells secret.
		const t = envelopeTable(p);
		expect(t.rows[1].secret).toEqual(expect.arrayContaining(['demand_households', 'demand', 'spent', 'cumulative_demand', 'cumulative_spent', 'remaining', 'baseline_cumulative_spent']));
		expect(t.rows[2].secret).toEqual(expect.arrayContaining(['demand', 'spent']));
		expect(t.rows[2].secret).not.toContain('cumulative_demand');
	});

	it('writes the same masks in the CSV export', () => {
		const lines = reportToCsv(p).split('\n');
		expect(lines).toContain('ciblage,ménages non pauvres aidés,secret,secret,secret');
		expect(lines).toContain('ciblage,couverture des travailleurs pauvres (%),44.44,44.44,0');
		expect(lines).toContain('totaux,coût payé (€),1598.4,1598.4,0');
		expect(lines).toContain('enveloppe par mois,février — payé (€),secret,secret,secret');
	});
});

describe('totals, classes and reasons', () => {
	it('masks what the poor left without aid would give away, down to the baseline totals', () => {
		// 12 households like P at rav_max 10 → 12; 7 households at RAV 11 € (income 1 000, rent 670; 12 000 €/an:
		// poor) enter at 12 €; 30 not eligible, not poor. Baseline: 12 served. Scenario: 19 served, gagnants 19
		// (12 get more, 7 enter).
		const pop = population([...times(12, { income_work: 900, charge_rent: 700 }), ...times(7, { income_work: 1000, charge_rent: 670 }), ...times(30, { income_work: 3000 })]);
		const raw = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 12 } });
		expect([raw.baseline.beneficiaries_n, raw.scenario.beneficiaries_n, raw.winners_losers.gagnant.n, raw.winners_losers.entrants_n]).toEqual([12, 19, 19, 7]);
		const p = publish(raw);
		// Baseline: poor 19 = served 12 + unserved 7 (secret) → the served poor are masked; beneficiaries 12 =
		// served poor + 0 above the line (shown) + 0 of unknown poverty → the beneficiaries, cost, mean aid and
		// cost per inhabitant are masked too.
		expect([p.baseline.beneficiaries, p.baseline.cost, p.baseline.mean_aid, p.baseline.cost_per_inhabitant, p.baseline_envelope.spent]).toEqual([null, null, null, null, null]);
		expect([p.baseline.targeting.coverage_poor, p.baseline.targeting.exclusion.households, p.baseline.targeting.poor_households]).toEqual([null, null, 19]);
		// Scenario: poor 19 = served 19 + unserved 0: nothing to hide; 19 × 12 € … shown as computed.
		expect(p.scenario).toMatchObject({ beneficiaries: 19, cost: raw.scenario.cost, mean_aid: raw.scenario.mean_aid });
		expect(p.scenario.targeting.coverage_poor).toBe(100);
		// Entrants 7: secret; gagnant 19 = entrants 7 + 12 others (never shown): the gagnants stay shown.
		expect(p.winners_losers.entrants).toBeNull();
		expect(p.winners_losers.gagnant).toMatchObject({ suppressed: false, households: 19 });
		expect(classesTable(p).rows.filter((r) => r.suppressed)).toEqual([]);
	});

	it('masks the « lower amount » reason with the perdant class it equals', () => {
		// 15 households like P lose part at rav_max 7 (99,90 → 9,90); 3 like B (RAV 8) lose all. Perdant 15
		// (≥ 11) and perdant_zero 3 (secret); losers 18 = 15 + 3 → perdant masked too, and with it the reason
		// « montant » (the same 15 households), though its 15 rows pass the primary rule.
		const pop = population([...times(15, { income_work: 900, charge_rent: 700 }), ...times(3, { income_work: 1000, charge_rent: 760 }), ...times(20, { income_work: 3000 })]);
		const raw = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7 } });
		expect(raw.leaving_reasons.rows.find((x) => x.key === 'montant')).toMatchObject({ n: 15, suppressed: false });
		const p = publish(raw);
		expect([p.winners_losers.perdant.suppressed, p.winners_losers.perdant_zero.suppressed, p.winners_losers.neutre_zero.suppressed]).toEqual([true, true, false]);
		expect(p.leaving_reasons.rows.find((x) => x.key === 'montant')).toMatchObject({ suppressed: true, households: null, amount: null });
		expect(p.leaving_reasons.losers).toBe(18);
	});
});

describe('cells of breakdown rows', () => {
	it('masks a tenure with 5 beneficiaries, and the next smallest in that column', () => {
		// Private renters 30 (20 served), social renters 25 (5 served), owners 20 (14 served); the rest unserved.
		// Every row has ≥ 11 households: shown. Beneficiaries column: 20, 5, 14 → 5 is secret, and 14 (the
		// smallest other) too, else 39 − 20 − 14 would give it. Their costs rest on the same households.
		const served = { income_work: 900, charge_rent: 700 };
		const not = { income_work: 3000 };
		const pop = population([
			...times(20, { ...served, tenure: 'private_rent' }),
			...times(10, { ...not, tenure: 'private_rent' }),
			...times(5, { ...served, tenure: 'social_rent' }),
			...times(20, { ...not, tenure: 'social_rent' }),
			...times(14, { ...served, tenure: 'owner' }),
			...times(6, { ...not, tenure: 'owner' })
		]);
		const r = simulate(pop, { scheme: 'pre-saint-gervais' });
		const t = Object.fromEntries(publish(r).by_tenure.map((x) => [x.key, x]));
		expect([t.private_rent.suppressed, t.social_rent.suppressed, t.owner.suppressed]).toEqual([false, false, false]);
		expect(t.private_rent.scenario).toEqual({ eligible: 20, beneficiaries: 20, cost: 1998 });
		expect(t.social_rent.scenario).toEqual({ eligible: null, beneficiaries: null, cost: null });
		expect(t.owner.baseline).toEqual({ eligible: null, beneficiaries: null, cost: null });
		// No class changes (same scheme on both sides): gagnant 0 everywhere, shown.
		expect([t.private_rent.gagnant, t.social_rent.gagnant, t.owner.gagnant]).toEqual([0, 0, 0]);
		expect(reportToCsv(publish(r)).split('\n')).toContain('par statut d’occupation,locataire HLM — coût payé (€),secret,secret,secret');
	});
});
