/**
 * Scenarios on small hand-made populations (issue 6, Tests). Every expected value is worked out by hand in the
 * comment beside it from the scheme files (domain.md §10.2) and DESIGN.md §5 — never copied from the output.
 * RAV per person per day = (resources − charges) / persons / 30, rounded to the cent.
 */
import { describe, expect, it } from 'vitest';
import { chartTableCsv, classesTable, costTable, envelopeTable } from '#lib/scenario/chart-tables.ts';
import { reportToCsv } from '#lib/scenario/csv.ts';
import { publish } from '#lib/scenario/publish.ts';
import { simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

describe('a threshold move (pre-saint-gervais, rav_max 10 → 7 and 10 → 12)', () => {
	const pop = population([
		psgRow({ income_work: 900, charge_rent: 700 }), // A: 200/30 = 6,67 €/j
		psgRow({ income_work: 1000, charge_rent: 760 }), // B: 240/30 = 8,00 €/j
		psgRow({ income_work: 1000, charge_rent: 1100 }), // C: −100/30 = −3,33 €/j
		psgRow({ income_work: 2000, charge_rent: 500 }), // D: 1500/30 = 50 €/j
		psgRow({ income_work: 1000, charge_rent: 670 }) // E: 330/30 = 11,00 €/j
	]);

	it('makes exactly A and C lose part, B lose all, at 7 €', () => {
		const r = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7 } });
		// Baseline (10 €): A (10 − 6,67) × 30 = 99,90 ; B (10 − 8) × 30 = 60 ; C (10 + 3,33) × 30 = 399,90 (< cap 400).
		// Scenario (7 €): A (7 − 6,67) × 30 = 9,90 ; B not eligible (8 ≥ 7) ; C (7 + 3,33) × 30 = 309,90.
		expect(r.baseline).toMatchObject({ eligible: 3, beneficiaries: 3, cost: 559.8, eligible_cost: 559.8 });
		expect(r.scenario).toMatchObject({ eligible: 2, beneficiaries: 2, cost: 319.8 });
		const wl = r.winners_losers;
		expect([wl.gagnant.households, wl.perdant.households, wl.perdant_zero.households, wl.neutre.households, wl.neutre_zero.households]).toEqual([0, 2, 1, 0, 2]);
		// Perdants: (9,90 − 99,90) + (309,90 − 399,90) = −180 ; B loses 60.
		expect([wl.perdant.amount, wl.perdant_zero.amount]).toEqual([-180, -60]);
		expect(r.changes).toEqual([expect.objectContaining({ parameter: 'rav_max', from: 10, to: 7, hypothese: true })]);
	});

	it('says why they lose: B no longer meets the RAV condition, A and C keep a smaller aid', () => {
		// minRows 1 so that the hand-sized rows are shown. B: RAV 8 ≥ 7 → the "rav" condition flipped, −60 €.
		// A and C still served, −90 € each → "montant", 2 households, −180 €.
		const r = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7 } }, { minRows: 1 });
		expect(r.leaving_reasons.losers).toBe(3);
		const by = Object.fromEntries(r.leaving_reasons.rows.map((x) => [x.key, [x.households, x.amount]]));
		expect(by).toEqual({ 'condition:rav': [1, -60], montant: [2, -180] });
		// At the default threshold of 11 rows, both rows are secret (nulled when published).
		const secret = publish(simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7 } })).leaving_reasons.rows;
		expect(secret.map((x) => [x.key, x.suppressed, x.households, x.amount])).toEqual([
			['condition:rav', true, null, null],
			['montant', true, null, null]
		]);
	});

	it('makes A, B, C win and E enter at 12 €', () => {
		const r = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 12 } });
		// A (12 − 6,67) × 30 = 159,90 (+60) ; B 4 × 30 = 120 (+60) ; C 15,33 × 30 = 459,90 → cap 400 (+0,10) ; E 1 × 30 = 30 (+30).
		const wl = r.winners_losers;
		expect([wl.gagnant.households, wl.gagnant.amount, wl.entrants, wl.neutre_zero.households]).toEqual([4, 150.1, 1, 1]);
		expect(r.scenario.cost).toBe(709.9);
		// Mean aid 709,90 / 4 = 177,475 → 177,48 ; 5 persons: 709,90 / 5 = 141,98 € per inhabitant.
		expect([r.scenario.mean_aid, r.scenario.cost_per_inhabitant]).toEqual([177.48, 141.98]);
	});
});

describe('an envelope that runs out in a known month', () => {
	// Twelve copies of A (99,90 € each), weight 1. Envelope 500 € (--set enveloppe=500).
	const rows = Array.from({ length: 12 }, () => psgRow({ income_work: 900, charge_rent: 700 }));

	it('uniform flow: household k asks in month k + 1, so demand passes 500 € in June', () => {
		// Household k's mid-weight point is (k + 0,5)/12, in month k + 1. Through May 5 × 99,90 = 499,50 ≤ 500 ;
		// through June 599,40 > 500 → exhausted in June ; 5 served, 7 left out (7 × 99,90 = 699,30).
		const r = simulate(population(rows), { scheme: 'pre-saint-gervais', changes: { enveloppe: 500 } });
		expect(r.envelope).toMatchObject({ budget: 500, spent: 499.5, exhausted_month: 6, exhausted_month_label: 'juin' });
		expect(r.envelope.left_out).toMatchObject({ households: 7, cost: 699.3 });
		expect(r.envelope.by_month.map((m) => m.spent)).toEqual([99.9, 99.9, 99.9, 99.9, 99.9, 0, 0, 0, 0, 0, 0, 0]);
		expect(r.envelope.flow).toEqual({ aid_requests: [], uniforme: ['93061'] });
	});

	it('flow of aid_requests: half the requests in March, half in April → exhausted in March', () => {
		// Shares 0,5 / 0,5: households 0–5 (points ≤ 0,5) in March, 6–11 in April. March demand 6 × 99,90 = 599,40 > 500.
		const flow = { '93061': [0, 0, 30, 30, 0, 0, 0, 0, 0, 0, 0, 0] };
		const r = simulate(population(rows, flow), { scheme: 'pre-saint-gervais', changes: { enveloppe: 500 } });
		expect([r.envelope.exhausted_month, r.envelope.spent, r.scenario.beneficiaries]).toEqual([3, 499.5, 5]);
		expect(r.envelope.by_month[2]).toMatchObject({ demand_households: 6, demand: 599.4, spent: 499.5, remaining: 0.5 });
		expect(r.envelope.flow.aid_requests).toEqual(['93061']);
	});
});

describe('priority by lowest RAV (elan, capacity 2)', () => {
	it('serves the two lowest RAVs whatever their arrival order', () => {
		// Persons alone, no charge: RAV = income / 30 → 4, 1, 3, 2 €/j, all < 5 (rav_bas). Forfait 1 200 €.
		const rows = [120, 30, 90, 60].map((income) => psgRow({ commune: '94038', income_work: income }));
		const r = simulate(population(rows), { scheme: 'elan', changes: { capacite: 2 } });
		// Served: RAV 1 and 2 → 2 × 1 200 = 2 400 €. Arrivals (uniform, 4 households): Feb, May, Aug, Nov; the
		// third arrival (August) takes demand to 3 households > capacity 2.
		expect(r.scenario).toMatchObject({ eligible: 4, beneficiaries: 2, cost: 2400 });
		expect(r.envelope).toMatchObject({ capacity: 2, exhausted_month: 8, priority: 'lowest_rav' });
		// Left out: RAV 4 and 3 → mean 3,50 €/j.
		expect(r.envelope.left_out).toMatchObject({ households: 2, mean_rav_per_unit: 3.5 });
		// Paid in the month they asked: RAV 1 (May) and RAV 2 (November).
		expect(r.envelope.by_month.filter((m) => m.spent > 0).map((m) => m.month)).toEqual([5, 11]);
	});
});

describe('degressive renewal cost (Boulogne’s food aid applied to Le Pré-Saint-Gervais)', () => {
	// Isolated, small resources (500 €/month < 1 150 €/UC), RAV (500 − 300)/30 = 6,67 < 8 €/j: eligible.
	const rows = [
		psgRow({ income_work: 500, charge_rent: 300 }),
		psgRow({ income_work: 500, charge_rent: 300 }),
		psgRow({ persons_14_plus: 2, family_type: 'couple', income_work: 500, charge_rent: 300 }) // not isolated
	];
	const pop = population(rows);

	it('costs 3 × 128 € + one renewal at −50 % per beneficiary', () => {
		// 384 + 192 = 576 € each, 2 beneficiaries → 1 152 €.
		const r = simulate(pop, { scheme: 'boulogne-billancourt', communes: ['93061'] });
		expect(r.scenario).toMatchObject({ eligible: 2, beneficiaries: 2, cost: 1152, mean_aid: 576 });
		expect(r.territory.communes).toEqual(['93061']);
		// Half the beneficiaries renewed: 384 + 0,5 × 192 = 480 each → 960 €.
		expect(simulate(pop, { scheme: 'boulogne-billancourt', renewal_share: 0.5 }).scenario.cost).toBe(960);
	});

	it('a degressivity of 25 % makes both win 96 €', () => {
		// Renewal 384 × 0,75 = 288 → 672 € each (+96) ; 2 winners, +192 €.
		const r = simulate(pop, { scheme: 'boulogne-billancourt', changes: { degressivite: 0.25 } });
		expect([r.winners_losers.gagnant.households, r.winners_losers.gagnant.amount, r.scenario.cost]).toEqual([2, 192, 1344]);
	});
});

describe('status-based (statut-rsa) vs RAV-based (pre-saint-gervais) coverage', () => {
	// Poverty threshold 2023: 1 288 €/month/UC (15 456 €/year). All single persons (1 UC), weight 1.
	const rows = [
		// P1 poor, RSA, not working: RAV (500 − 300)/30 = 6,67 → statut-rsa pays (10 − 6,67) × 30 = 99,90 ; not salaried: no PSG.
		psgRow({ activity_ref: 'unemployed', contract_ref: 'none', workers: 0, benefit_rsa: 500, charge_rent: 300 }),
		// P2 working poor (900 € < 1 288 €), followed: PSG pays 99,90 ; no RSA.
		psgRow({ income_work: 900, charge_rent: 700 }),
		// P3 working poor, not followed by a social service: neither.
		psgRow({ income_work: 900, charge_rent: 700, social_followup: false }),
		// P4 not poor (2 100 €/month) yet receives RSA: statut-rsa pays 99,90 (RAV 6,67) ; not followed: no PSG.
		psgRow({ income_work: 2000, benefit_rsa: 100, charge_rent: 1900, social_followup: false }),
		// P5 not poor, no RSA: neither.
		psgRow({ income_work: 3000 })
	];
	const r = simulate(population(rows), { scheme: 'pre-saint-gervais', baseline: 'statut-rsa' });

	it('pairs statut-rsa with the scheme’s amount rule', () => {
		expect(r.baseline).toMatchObject({ scheme: 'statut-rsa', eligible: 2, cost: 199.8 });
		expect(r.baseline.label).toContain('montant du dispositif « Le Pré-Saint-Gervais »');
	});

	it('gives the coverage and errors known by construction', () => {
		// Poor: P1, P2, P3 (3); working poor: P2, P3 (2). P4 is not followed, so PSG serves P2 only.
		const b = r.baseline.targeting;
		// Status: serves P1 (poor) and P4 (not poor): coverage 1/3, working poor 0/2, half the € to the poor.
		expect([b.poor_households, b.working_poor_households, b.coverage_poor, b.coverage_working_poor, b.spending_to_poor]).toEqual([3, 2, 33.33, 0, 50]);
		expect(b.exclusion).toEqual({ households: 2, share: 66.67 });
		expect(b.inclusion).toEqual({ households: 1, share: 50, amount: 99.9 });
		const s = r.scenario.targeting;
		// RAV: serves P2: coverage 1/3, working poor 1/2, all € to the poor, no inclusion error.
		expect([s.coverage_poor, s.coverage_working_poor, s.spending_to_poor]).toEqual([33.33, 50, 100]);
		expect(s.exclusion).toEqual({ households: 2, share: 66.67 });
		expect(s.inclusion).toEqual({ households: 0, share: 0, amount: 0 });
		// P1 and P4 lose all, P2 enters, P3 and P5 have nothing either way.
		const wl = r.winners_losers;
		expect([wl.gagnant.households, wl.perdant_zero.households, wl.neutre_zero.households]).toEqual([1, 2, 2]);
	});

	it('gives each status beneficiary’s reason for leaving', () => {
		// P1 is not salaried (condition "emploi"), P4 not followed ("suivi_social"); each loses 99,90 €.
		const x = simulate(population(rows), { scheme: 'pre-saint-gervais', baseline: 'statut-rsa' }, { minRows: 1 }).leaving_reasons;
		expect(x.rows.map((row) => [row.key, row.households, row.amount])).toEqual([
			['condition:emploi', 1, -99.9],
			['condition:suivi_social', 1, -99.9]
		]);
	});
});

describe('secrecy of breakdown rows', () => {
	it('masks a row of fewer than 11 households, and the smallest other row beside it', () => {
		// 12 private renters, 3 social renters, 20 owners: social (3) is secret; the next smallest row with
		// households (private, 12) is masked too, else 35 − 20 − 12 would reveal it.
		const rows = [
			...Array.from({ length: 12 }, () => psgRow({ tenure: 'private_rent', income_work: 900, charge_rent: 700 })),
			...Array.from({ length: 3 }, () => psgRow({ tenure: 'social_rent', income_work: 900, charge_rent: 700 })),
			...Array.from({ length: 20 }, () => psgRow({ tenure: 'owner', income_work: 2000 }))
		];
		const r = publish(simulate(population(rows), { scheme: 'pre-saint-gervais' }));
		const t = Object.fromEntries(r.by_tenure.map((x) => [x.key, x]));
		expect(t.social_rent).toMatchObject({ suppressed: true, households: null, baseline: null, scenario: null });
		expect(t.private_rent).toMatchObject({ suppressed: true, households: null });
		expect(t.owner).toMatchObject({ suppressed: false, households: 20 });
	});
});

describe('tables behind the charts', () => {
	const pop = population([
		psgRow({ income_work: 900, charge_rent: 700 }), // A: 6,67 €/j → 99,90 € at 10 €, 9,90 € at 7 €
		psgRow({ income_work: 1000, charge_rent: 760 }), // B: 8,00 €/j → 60 € at 10 €, nothing at 7 €
		psgRow({ income_work: 1000, charge_rent: 1100 }), // C: −3,33 €/j → 399,90 € at 10 €, 309,90 € at 7 €
		psgRow({ income_work: 2000, charge_rent: 500 }), // D: never eligible
		psgRow({ income_work: 1000, charge_rent: 670 }) // E: 11 €/j, never eligible at ≤ 10 €
	]);
	const r = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7, enveloppe: 300 } });

	it('hides a class under the threshold and the smallest other class that would reveal it', () => {
		// Baseline (10 €, envelope 12 000 €) pays A 99,90, B 60, C 399,90. Scenario (7 €, envelope 300 €):
		// uniform months, midpoints (k + 0,5)/5 → A February, B April, C June; A 9,90 served, then C 309,90
		// would make 319,80 > 300: left out. A perdant; B (no longer eligible) and C (envelope) perdant_zero.
		const wl = r.winners_losers;
		expect([wl.perdant.n, wl.perdant_zero.n, wl.neutre_zero.n]).toEqual([1, 2, 2]);
		// Threshold 2 rows: perdant (1) is secret. The losers (3 rows, shown in the reasons' caption) =
		// perdant + perdant_zero would give it away: perdant_zero, the only other member, is masked too. The
		// territory's 5 households then leave 3 = perdant + perdant_zero, which no longer reveals either:
		// neutre_zero (2) stays shown.
		const t = classesTable(publish(r, 2));
		expect(t.rows.map((x) => [x.key, x.suppressed, x.households])).toEqual([
			['gagnant', false, 0],
			['perdant', true, null],
			['neutre', false, 0],
			['neutre_zero', false, 2],
			['perdant_zero', true, null]
		]);
		expect(chartTableCsv(t)).toContain('Perdants (aide en baisse),secret,secret');
		// Reasons: B fails the RAV condition, C is left out by the envelope, A gets less.
		const reasons = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7, enveloppe: 300 } }, { minRows: 1 }).leaving_reasons.rows;
		expect(reasons.map((x) => [x.key, x.households, x.amount])).toEqual([
			['condition:rav', 1, -60],
			['enveloppe', 1, -399.9],
			['montant', 1, -90]
		]);
	});

	it('gives the cost of both sides and of a saved scenario, and the envelope month by month', () => {
		// Baseline paid 559,80 (A + B + C), scenario 9,90 (A); every eligible served: 559,80 and 319,80.
		const saved = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 12 } });
		// Threshold 1: nothing is secret (the masks are tested in publish.test.ts).
		const t = costTable(publish(r, 1), [{ name: 'seuil 12', report: publish(saved, 1) }]);
		expect(t.rows.map((x) => [x.key, x.cost, x.eligible_cost])).toEqual([
			['reference', 559.8, 559.8],
			['scenario', 9.9, 319.8],
			['compare-0', saved.scenario.cost, saved.scenario.eligible_cost]
		]);
		const env = envelopeTable(publish(r, 1));
		expect(env.rows).toHaveLength(12);
		expect(env.rows[11]).toMatchObject({ cumulative_spent: 9.9, baseline_cumulative_spent: 559.8, cumulative_demand: 319.8 });
	});
});

describe('the report as CSV', () => {
	it('lists changes, totals and reasons, secret cells written « secret »', () => {
		// Same five households as above at 7 €: cost 559,80 → 319,80 (écart −240); reasons rest on 1 and 2 rows.
		const pop = population([
			psgRow({ income_work: 900, charge_rent: 700 }),
			psgRow({ income_work: 1000, charge_rent: 760 }),
			psgRow({ income_work: 1000, charge_rent: 1100 }),
			psgRow({ income_work: 2000, charge_rent: 500 }),
			psgRow({ income_work: 1000, charge_rent: 670 })
		]);
		const r = simulate(pop, { scheme: 'pre-saint-gervais', changes: { rav_max: 7 } });
		const lines = reportToCsv(publish(r)).split('\n');
		expect(lines[0]).toBe('section,ligne,reference,scenario,ecart');
		expect(lines).toContain('paramètres,Reste à vivre maximal (€/jour/personne),10,7,-3');
		// 3 and 2 beneficiaries: under 11, the costs are secret; at threshold 1 they are shown.
		expect(lines).toContain('totaux,coût payé (€),secret,secret,secret');
		expect(reportToCsv(publish(r, 1)).split('\n')).toContain('totaux,coût payé (€),559.8,319.8,-240');
		expect(lines.filter((l) => l.startsWith('raisons de la perte,')).every((l) => l.endsWith(',secret,secret'))).toBe(true);
	});
});
