/**
 * Synthetic data shows its figures (issue 17, DESIGN.md §4.1): publish(r, { synthetic: true }) decides secrecy as
 * on real data but nulls nothing; `secret` lists what would be null, `synthetic: true` says it is shown, and rows,
 * reasons and classes that would be hidden carry `would_be_secret`. Real data (the option absent): as before.
 */
import { describe, expect, it } from 'vitest';
import { publish } from '#lib/scenario/publish.ts';
import { simulate } from '#lib/scenario/report.ts';
import { psgRow, population } from './helpers.ts';

const times = (k: number, over: Record<string, unknown>) => Array.from({ length: k }, () => psgRow(over));

describe('breakdown rows', () => {
	// 12 private renters and 3 social renters served (A of hand.test.ts: 99,90 € each), 20 owners not eligible.
	const raw = simulate(
		population([
			...times(12, { tenure: 'private_rent', income_work: 900, charge_rent: 700 }),
			...times(3, { tenure: 'social_rent', income_work: 900, charge_rent: 700 }),
			...times(20, { tenure: 'owner', income_work: 2000 })
		]),
		{ scheme: 'pre-saint-gervais' }
	);
	const real = publish(raw);
	const synthetic = publish(raw, { synthetic: true });
	const by = (p: typeof real) => Object.fromEntries(p.by_tenure.map((x) => [x.key, x]));

	it('real data: social renters (3) secret, private renters (12) too, else 35 − 20 − 12 would give them', () => {
		expect(by(real).social_rent).toMatchObject({ suppressed: true, n: null, households: null, baseline: null, scenario: null, gagnant: null });
		expect(by(real).private_rent).toMatchObject({ suppressed: true, households: null });
		expect(by(real).owner).toMatchObject({ suppressed: false, households: 20 });
		expect(real.synthetic).toBeUndefined();
		for (const row of real.by_tenure) expect(row).not.toHaveProperty('would_be_secret');
	});

	it('synthetic data: the same rows shown, with their values and the mark', () => {
		// Social renters: 3 households, 3 served, 3 × 99,90 = 299,70 €; private renters 12, 1 198,80 €.
		expect(by(synthetic).social_rent).toMatchObject({ suppressed: false, would_be_secret: true, n: 3, households: 3, scenario: { eligible: 3, beneficiaries: 3, cost: 299.7 } });
		expect(by(synthetic).social_rent.would_be_secret_cells).toContain('scenario.cost');
		expect(by(synthetic).private_rent).toMatchObject({ suppressed: false, would_be_secret: true, households: 12, scenario: { cost: 1198.8 } });
		expect(by(synthetic).owner).toMatchObject({ suppressed: false, would_be_secret: false, would_be_secret_cells: [], households: 20 });
		expect(synthetic.synthetic).toBe(true);
	});

	it('lists the same secret paths, shown on synthetic data, null on real data', () => {
		expect(synthetic.secret).toEqual(real.secret);
		// Uniform months for 35 households: the 15 served are rows 0–14, 3 a month from January to May → each
		// month's demand and payments secret, and the running sums through April (May's 15 = April's 12 + May's 3).
		expect(real.secret).toEqual(expect.arrayContaining(['envelope.by_month.1.spent', 'envelope.by_month.4.cumulative_demand']));
		expect(real.secret).not.toContain('envelope.by_month.5.cumulative_demand');
		// The 15 beneficiaries rest on 15 rows: shown either way.
		expect([real.scenario.beneficiaries, synthetic.scenario.beneficiaries]).toEqual([15, 15]);
		expect(real.envelope.by_month[0].spent).toBeNull();
		expect(synthetic.envelope.by_month[0].spent).toBe(raw.envelope.by_month[0].spent);
		expect(synthetic.envelope.by_commune[0]).toEqual(raw.envelope.by_commune[0]);
		expect(synthetic.need).toEqual(raw.need);
	});
});

describe('classes and reasons (the five households of hand.test.ts, rav_max 10 → 7)', () => {
	const raw = simulate(
		population([
			psgRow({ income_work: 900, charge_rent: 700 }), // A: 99,90 → 9,90 (perdant)
			psgRow({ income_work: 1000, charge_rent: 760 }), // B: 60 → nothing (perdant_zero, condition rav)
			psgRow({ income_work: 1000, charge_rent: 1100 }), // C: 399,90 → 309,90 (perdant)
			psgRow({ income_work: 2000, charge_rent: 500 }), // D: nothing either way
			psgRow({ income_work: 1000, charge_rent: 670 }) // E: nothing either way
		]),
		{ scheme: 'pre-saint-gervais', changes: { rav_max: 7 } }
	);

	it('real data: every class and reason secret, as before', () => {
		const p = publish(raw);
		expect(p.winners_losers.perdant).toEqual({ households: null, n: null, amount: null, suppressed: true });
		expect(p.leaving_reasons.rows.map((x) => [x.key, x.suppressed, x.households, x.amount, x.n])).toEqual([
			['condition:rav', true, null, null, null],
			['montant', true, null, null, null]
		]);
		// The positional threshold and the options object give the same report.
		expect(publish(raw, 11)).toEqual(p);
		expect(publish(raw, { minRows: 11 })).toEqual(p);
	});

	it('synthetic data: shown and marked', () => {
		const p = publish(raw, { synthetic: true });
		// Perdants A and C: 2 households, (9,90 − 99,90) + (309,90 − 399,90) = −180 €.
		expect(p.winners_losers.perdant).toEqual({ households: 2, n: 2, amount: -180, suppressed: false, would_be_secret: true });
		// The gagnants (0 households) are shown on real data too.
		expect(p.winners_losers.gagnant).toMatchObject({ households: 0, suppressed: false, would_be_secret: false });
		expect(p.leaving_reasons.rows.map((x) => [x.key, x.suppressed, x.would_be_secret, x.households, x.amount, x.n])).toEqual([
			['condition:rav', false, true, 1, -60, 1],
			['montant', false, true, 2, -180, 2]
		]);
	});
});

describe('secondary secrecy on synthetic data', () => {
	it('marks the cell a total would reveal, as real data nulls it', () => {
		// Private renters 30 (20 served), social renters 25 (5 served), owners 20 (14 served): beneficiaries column
		// 20, 5, 14 → 5 secret, and 14 (the smallest other) too, else 39 − 20 − 14 would give it.
		const served = { income_work: 900, charge_rent: 700 };
		const not = { income_work: 3000 };
		const raw = simulate(
			population([
				...times(20, { ...served, tenure: 'private_rent' }),
				...times(10, { ...not, tenure: 'private_rent' }),
				...times(5, { ...served, tenure: 'social_rent' }),
				...times(20, { ...not, tenure: 'social_rent' }),
				...times(14, { ...served, tenure: 'owner' }),
				...times(6, { ...not, tenure: 'owner' })
			]),
			{ scheme: 'pre-saint-gervais' }
		);
		const real = Object.fromEntries(publish(raw).by_tenure.map((x) => [x.key, x]));
		const syn = Object.fromEntries(publish(raw, { synthetic: true }).by_tenure.map((x) => [x.key, x]));
		expect(real.owner.scenario).toEqual({ eligible: null, beneficiaries: null, cost: null });
		expect(real.private_rent.scenario).toEqual({ eligible: 20, beneficiaries: 20, cost: 1998 });
		// 14 × 99,90 = 1 398,60 € shown, the cells marked.
		expect(syn.owner).toMatchObject({ would_be_secret: false, scenario: { eligible: 14, beneficiaries: 14, cost: 1398.6 } });
		expect(syn.owner.would_be_secret_cells).toEqual(['baseline.eligible', 'baseline.beneficiaries', 'baseline.cost', 'scenario.eligible', 'scenario.beneficiaries', 'scenario.cost']);
		expect(syn.social_rent.would_be_secret_cells).toContain('scenario.beneficiaries');
		expect(syn.private_rent.would_be_secret_cells).toEqual([]);
	});
});

describe('each commune’s envelope', () => {
	// Le Pré-Saint-Gervais: 20 served (A-like, 99,90 €) + 10 not eligible; Bagnolet: 5 served + 20 not eligible.
	const served = { income_work: 900, charge_rent: 700 };
	const not = { income_work: 3000 };
	const raw = simulate(
		population([...times(20, { ...served }), ...times(10, { ...not }), ...times(5, { ...served, commune: '93006' }), ...times(20, { ...not, commune: '93006' })]),
		{ scheme: 'pre-saint-gervais' }
	);

	it('real data: Bagnolet’s 5 served are secret, and Pré-Saint-Gervais’s 20 too (25 served in all would give them)', () => {
		const p = publish(raw);
		const c = Object.fromEntries(p.envelope.by_commune.map((x) => [x.commune, x]));
		expect(c['93006']).toMatchObject({ budget: 12000, beneficiaries: null, spent: null, eligible: null });
		expect(c['93061']).toMatchObject({ budget: 12000, beneficiaries: null, spent: null, households: 30 });
		// The commune breakdown hides the same cells.
		const b = Object.fromEntries(p.by_commune.map((x) => [x.key, x]));
		expect([b['93006'].scenario, b['93061'].scenario]).toEqual([
			{ eligible: null, beneficiaries: null, cost: null },
			{ eligible: null, beneficiaries: null, cost: null }
		]);
		// The territory's 25 served (2 497,50 €) stay shown.
		expect([p.scenario.beneficiaries, p.envelope.spent]).toEqual([25, 2497.5]);
		expect(p.secret).toEqual(expect.arrayContaining(['envelope.by_commune.93006.spent', 'envelope.by_commune.93061.spent']));
	});

	it('synthetic data: 5 × 99,90 = 499,50 € and 20 × 99,90 = 1 998 € shown, listed in secret', () => {
		const p = publish(raw, { synthetic: true });
		const c = Object.fromEntries(p.envelope.by_commune.map((x) => [x.commune, x]));
		expect([c['93006'].beneficiaries, c['93006'].spent, c['93061'].spent]).toEqual([5, 499.5, 1998]);
		expect(p.secret).toEqual(publish(raw).secret);
		const b = Object.fromEntries(p.by_commune.map((x) => [x.key, x]));
		expect(b['93061'].would_be_secret_cells).toEqual(expect.arrayContaining(['scenario.beneficiaries', 'scenario.cost']));
	});
});

describe('a commune’s eligible hidden by its breakdown column', () => {
	it('is not given away by its served + left out', () => {
		// Budgets typed per commune, 99,90 € a household: Bagnolet (93006) 5 eligible (all served) + 10 others;
		// Le Pré-Saint-Gervais (93061) 25 eligible, 1 200 € → 12 served (1 198,80), 13 left out; Pantin (93055)
		// 30 eligible, 1 100 € → 11 served (1 098,90), 19 left out.
		// Both sides take the typed budgets. Breakdown columns (totals shown): eligible 5, 25, 30 → 5 secret and 25
		// (the smallest other); served 5, 12, 11 → 5 and 11. So 93061's eligible is hidden while its 12 served and 13
		// left out are ≥ 11: shown both, they would give 25 back, and 25 the 5 of Bagnolet. Each commune's relation
		// eligible = served + left out masks one more: in 93061 the 12 served (fewer than the 13 left out), in 93055
		// (served hidden by the breakdown) the 19 left out (fewer than its 30 eligible); then the column of the left
		// out (13, 19) has one hidden member: 93061's 13 are masked too. 93055's 30 eligible stay shown.
		const A = { income_work: 900, charge_rent: 700 };
		const raw = simulate(
			population([
				...times(5, { ...A, commune: '93006' }),
				...times(10, { income_work: 3000, commune: '93006' }),
				...times(25, { ...A, commune: '93061' }),
				...times(30, { ...A, commune: '93055' })
			]),
			{ scheme: 'pre-saint-gervais', envelope_rule: { kind: 'custom', budgets: { '93006': 1000, '93061': 1200, '93055': 1100 } } }
		);
		const p = publish(raw);
		const e = Object.fromEntries(p.envelope.by_commune.map((x) => [x.commune, x]));
		expect(e['93061']).toMatchObject({ eligible: null, beneficiaries: null, spent: null, left_out_households: null });
		expect(e['93055']).toMatchObject({ eligible: 30, beneficiaries: null, left_out_households: null });
		const b = Object.fromEntries(p.by_commune.map((x) => [x.key, x]));
		expect(b['93061'].scenario).toEqual({ eligible: null, beneficiaries: null, cost: null });
		// The breakdown alone masked 93061's eligible only; its served go with the envelope's.
		expect(raw.by_commune.find((x) => x.key === '93061')!.secret_cells).toEqual(['baseline.eligible', 'scenario.eligible']);
	});
});
