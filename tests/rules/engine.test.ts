/**
 * The engine's parts on small hand-made cases: scheme files and their validation, parameter overrides,
 * the RAV with each divisor and period, bands, envelope/capacity with the priority rule, the rights check.
 * Expected values are worked out by hand in the comments (domain.md §4.2, §6, §10.2).
 */
import { describe, expect, it } from 'vitest';
import { toColumns } from '#lib/rules/columns.ts';
import { explain } from '#lib/rules/explain.ts';
import { allocate, evaluatePopulation } from '#lib/rules/population.ts';
import { getScheme, listSchemes, parseSets, withAmountRuleOf, withOverrides } from '#lib/rules/registry.ts';
import { computeRav, ravViews } from '#lib/rules/reste-a-vivre.ts';
import { rightsCheck, scaleFactor } from '#lib/rules/rights-check.ts';
import { isHypothesis, parseScheme, type RavSpec } from '#lib/rules/scheme-schema.ts';
import bandsFixture from './fixtures/bands-scheme.ts';
import { household } from './households.ts';

const fixture = parseScheme(bandsFixture, 'fixture');

describe('scheme files', () => {
	it('holds the five schemes with every field of DESIGN.md §5', () => {
		expect(listSchemes().map((s) => s.id)).toEqual(['pre-saint-gervais', 'elan', 'la-rochelle', 'boulogne-billancourt', 'statut-rsa']);
		for (const s of listSchemes()) {
			for (const k of ['id', 'label', 'communes', 'source', 'parameters', 'rav', 'conditions', 'amount', 'form', 'duration', 'budget'])
				expect(s, `${s.id}.${k}`).toHaveProperty(k);
			for (const p of s.parameters) expect(p.source, `${s.id}.${p.id}`).toMatch(/^(\d{3}_[0-9a-f]{16}\.txt|domain\.md §|hypothèse : )/);
		}
	});

	it('labels the defaults of domain.md §10.2 as hypothèse and the seed figures as seed', () => {
		const hyp = (id: string, p: string) => isHypothesis(getScheme(id).parameters.find((x) => x.id === p)!);
		expect([hyp('pre-saint-gervais', 'rav_max'), hyp('pre-saint-gervais', 'plafond_exceptionnel'), hyp('elan', 'forfait')]).toEqual([true, true, true]);
		expect([hyp('la-rochelle', 'rav_max'), hyp('la-rochelle', 'plafond'), hyp('boulogne-billancourt', 'rav_max')]).toEqual([true, true, true]);
		expect([hyp('pre-saint-gervais', 'plafond'), hyp('elan', 'capacite'), hyp('boulogne-billancourt', 'degressivite')]).toEqual([false, false, false]);
		const v = (id: string, p: string) => getScheme(id).parameters.find((x) => x.id === p)!.value;
		// Seed figures: 400 €, 12 000 €, 15 beneficiaries, 56 000 €, 1 200 000 €, 17 265 €, 3 months, −50 %.
		expect([v('pre-saint-gervais', 'plafond'), v('pre-saint-gervais', 'enveloppe'), v('elan', 'capacite'), v('elan', 'enveloppe')]).toEqual([400, 12000, 15, 56000]);
		expect([v('la-rochelle', 'enveloppe'), v('boulogne-billancourt', 'enveloppe'), v('boulogne-billancourt', 'duree_mois'), v('boulogne-billancourt', 'degressivite')]).toEqual([
			1200000, 17265, 3, 0.5
		]);
		expect(getScheme('elan').communes.source).toMatch(/^hypothèse/);
	});

	it('refuses a malformed scheme with French reasons', () => {
		const bad = structuredClone(bandsFixture) as Record<string, any>;
		bad.conditions.of[0].param = 'nope';
		bad.conditions.of[1].of[0].variable = 'shoe_size';
		bad.parameters[0].source = 'parce que';
		bad.rav.resources.push('benefit_housing');
		expect(() => parseScheme(bad, 'mauvais.ts')).toThrow(/mauvais\.ts invalide/);
		const msg = (() => {
			try {
				parseScheme(bad, 'mauvais.ts');
			} catch (e) {
				return (e as Error).message;
			}
		})();
		expect(msg).toContain('paramètre inconnu « nope »');
		expect(msg).toContain('variable inconnue « shoe_size »');
		expect(msg).toContain('hypothèse');
		expect(msg).toContain('double compte');
	});
});

describe('statut-rsa paired with another scheme (DESIGN.md §5)', () => {
	it('keeps the RSA condition and takes Boulogne’s amount rule', () => {
		// RSA 500 €, rent 300 € : RAV 200 / 30 = 6,67 €/day. Paired with Boulogne: 3 × 128 € = 384 €; alone, the
		// pre-saint-gervais rule: (10 − 6,67) × 30 = 99,90 €.
		const paired = withAmountRuleOf(getScheme('statut-rsa'), getScheme('boulogne-billancourt'));
		const e = explain(household({ workers: 0, benefit_rsa: 500, charge_rent: 300 }), paired);
		expect([e.eligible, e.amount, e.conditions.map((c) => c.id)]).toEqual([true, 384, ['eligible', 'rsa']]);
		expect(explain(household({ workers: 0, benefit_rsa: 500, charge_rent: 300 }), getScheme('statut-rsa')).amount).toBe(99.9);
	});
});

describe('parameter overrides (--set)', () => {
	it('parses key=value, decimal comma included, and applies it', () => {
		expect(parseSets(['rav_max=7', 'plafond=450,5'])).toEqual({ rav_max: 7, plafond: 450.5 });
		const s = withOverrides(getScheme('pre-saint-gervais'), { rav_max: 7 });
		expect(s.parameters.find((p) => p.id === 'rav_max')!.value).toBe(7);
		expect(getScheme('pre-saint-gervais').parameters.find((p) => p.id === 'rav_max')!.value).toBe(10);
	});
	it('refuses unknown keys, bad numbers and out-of-bounds values in French', () => {
		expect(() => withOverrides(getScheme('elan'), { seuil: 3 })).toThrow(/paramètre inconnu « seuil » pour elan ; paramètres : seuil_pauvrete, rav_seuil/);
		expect(() => parseSets(['rav_max'])).toThrow(/forme attendue clé=valeur/);
		expect(() => parseSets(['rav_max=dix'])).toThrow(/« dix » n’est pas un nombre/);
		expect(() => withOverrides(getScheme('pre-saint-gervais'), { part_bons: 1.5 })).toThrow(/part_bons : 1.5 dépasse le maximum 1/);
		expect(() => withOverrides(getScheme('elan'), { capacite: 2.5 })).toThrow(/nombre entier/);
		expect(() => getScheme('paris')).toThrow(/dispositif inconnu « paris » ; dispositifs : pre-saint-gervais/);
	});
});

describe('reste à vivre', () => {
	// domain.md §4.2 illustration: couple + 2 children (8 and 12), resources 2 400, charges 1 500 → 900 €/month:
	// 900 / 4 / 30 = 7,50 €/day/person ; 900 / 2,1 / 30 = 14,285… → 14,29 €/day/UC ; 900 / 3 / 30 = 10,00 €/day/part
	// (Saint-Étienne-du-Rouvray: couple 2 parts + 0,5 per child).
	const h = household({ persons_14_plus: 2, persons_under_14: 2, family_type: 'couple_children', income_work: 2400, charge_rent: 1500 });
	const spec = (divisor: RavSpec['divisor'], period: RavSpec['period'] = 'day'): RavSpec => ({
		...getScheme('pre-saint-gervais').rav,
		divisor,
		period
	});
	it('divides by persons, UC or a parts table, per day or per month', () => {
		expect(computeRav(h, spec({ kind: 'persons' }), 30).per_unit_cents).toBe(750);
		expect(computeRav(h, spec({ kind: 'uc' }), 30).per_unit_cents).toBe(1429);
		const parts = { kind: 'parts', first: 2, other_14_plus: 0, under_14: 0.5, single_parent_bonus: 0, source: '[S52]' } as const;
		expect(computeRav(h, spec(parts), 30).per_unit_cents).toBe(1000);
		// Per month: 900 / 4 = 225,00 €/month/person.
		expect(computeRav(h, spec({ kind: 'persons' }, 'month'), 30).per_unit_cents).toBe(22500);
		// 30,42 days per month: 900 / 4 / 30,42 = 7,396… → 7,40.
		expect(computeRav(h, spec({ kind: 'persons' }), 30.42).per_unit_cents).toBe(740);
	});
	it('counts housing aid one way only: resource mode and residual rent give the same RAV', () => {
		const g = household({ income_work: 1000, benefit_housing: 250, charge_rent: 800 });
		const asResource = computeRav(g, spec({ kind: 'persons' }), 30);
		const residual = computeRav(g, { ...spec({ kind: 'persons' }), resources: spec({ kind: 'persons' }).resources.filter((c) => c !== 'benefit_housing'), housing_aid: 'residual_rent' }, 30);
		// (1 000 + 250) − 800 = 450 ; 1 000 − (800 − 250) = 450.
		expect([asResource.monthly_cents, residual.monthly_cents]).toEqual([45000, 45000]);
	});
	it('keeps a negative RAV and rounds it half away from zero', () => {
		// (100 − 600) / 3 / 30 = −5,555… → −5,56.
		const g = household({ persons_14_plus: 3, family_type: 'other', income_work: 100, charge_rent: 600 });
		expect(computeRav(g, spec({ kind: 'persons' }), 30).per_unit_cents).toBe(-556);
	});
	it('gives per person and per UC, per day and per month for the Cas type page', () => {
		const v = ravViews(h, spec({ kind: 'persons' }), 30);
		expect(v).toMatchObject({ monthly: 900, person: { units: 4, day: 7.5, month: 225 }, uc: { day: 14.29, month: 428.57 } });
	});
});

describe('amounts by bands (test scheme)', () => {
	// Parts: 1 + 1 per other person + 1 per child + 0,5 for a single parent; RAV per part per month, rent net of
	// housing aid. Bands: < 150 → 80 % of the need, < 240 → 60 %, < 300 → 50 € ; need 500 € ; cap 350 €.
	const base = { age_ref: 40, tenure: 'private_rent', charge_rent: 900 };
	const run = (over: Record<string, unknown>, req: number | null = null) => explain(household({ ...base, ...over }), fixture, { amount_requested: req });
	it.each([
		['RAV 100 → 80 % de 500 = 400, plafonné à 350', { income_work: 1000 }, null, true, 350],
		['RAV 200 → 60 % de 500 = 300', { income_work: 1100 }, null, true, 300],
		['RAV 250 → 50 € fixes', { income_work: 1150 }, null, true, 50],
		['RAV 300 → au-dessus de la dernière borne', { income_work: 1200 }, null, false, 0],
		['RAV −100 → tranche 1, plafonné à 350', { income_work: 800 }, null, true, 350],
		['RAV 100, demande de 100 € → 80 € ', { income_work: 1000 }, 100, true, 80],
		['loyer résiduel 900 − 200 : RAV (900 − 700) = 200 → 300', { income_work: 900, benefit_housing: 200 }, null, true, 300],
		['parent isolé + 1 enfant = 2,5 parts : 600 / 2,5 = 240 → tranche 3, 50 €', { persons_under_14: 1, family_type: 'single_parent', income_work: 1500 }, null, true, 50],
		['arrivé cette année (0 an) → non éligible', { income_work: 1000, years_in_commune: 0 }, null, false, 0],
		['propriétaire de 40 ans sans enfant → hors public', { income_work: 1000, tenure: 'owner' }, null, false, 0]
	])('%s', (_n, over, req, eligible, amount) => {
		const e = run(over as Record<string, unknown>, req as number | null);
		expect([e.eligible, e.amount]).toEqual([eligible, amount]);
	});
});

describe('envelope, capacity and priority', () => {
	// Test scheme (lowest RAV first, envelope 1 000 €, capacity 5). RAV per part: h0 200 (300 €), h1 100 (350 €),
	// h2 −100 (350 €), h3 250 (50 €), h4 owner → not eligible. Order by RAV: h2, h1, h0 = 350 + 350 + 300 = 1 000 €
	// exactly (fits), then h3 would make 1 050 € > 1 000 €: the envelope is exhausted at position 3.
	const hs = [1100, 1000, 800, 1150, 1000].map((w, i) => household({ household_id: `h${i}`, income_work: w, charge_rent: 900, tenure: i === 4 ? 'owner' : 'private_rent' }));
	const cols = toColumns(hs);
	it('serves the lowest RAV first until the envelope binds', () => {
		const r = evaluatePopulation(fixture, cols);
		expect(Array.from(r.eligible)).toEqual([1, 1, 1, 1, 0]);
		const a = allocate(fixture, r, cols.weight);
		expect(Array.from(a.order)).toEqual([2, 1, 0, 3]);
		expect(Array.from(a.granted)).toEqual([1, 1, 1, 0, 0]);
		expect([a.spent, a.eligible_cost, a.beneficiaries, a.exhausted_at]).toEqual([1000, 1050, 3, 3]);
	});
	it('stops at the yearly capacity', () => {
		const s = withOverrides(fixture, { enveloppe: 100000, capacite: 2 });
		const a = allocate(s, evaluatePopulation(s, cols), cols.weight);
		expect(Array.from(a.granted)).toEqual([0, 1, 1, 0, 0]);
		expect([a.spent, a.beneficiaries]).toEqual([700, 2]);
	});
	it('follows the request order for pre-saint-gervais, weights included', () => {
		// Three eligible salaried households with a negative RAV: 400 € each (cap). Envelope set to 1 000 €;
		// weights 1, 1, 1 → 400 + 400 = 800, the third would make 1 200 > 1 000.
		const s = withOverrides(getScheme('pre-saint-gervais'), { enveloppe: 1000 });
		const ps = [0, 1, 2].map((i) => household({ household_id: `p${i}`, social_followup: true, income_work: 500, charge_rent: 700 }));
		const c = toColumns(ps);
		const a = allocate(s, evaluatePopulation(s, c), c.weight, [2, 0, 1]);
		expect(Array.from(a.granted)).toEqual([1, 0, 1]);
		expect([a.spent, a.exhausted_at]).toEqual([800, 2]);
		// With sample weights of 10, only two households fit in a 10 000 € envelope (4 000 € each).
		c.weight.fill(10);
		const b = allocate(withOverrides(s, { enveloppe: 10000 }), evaluatePopulation(s, c), c.weight);
		expect([b.spent, b.beneficiaries]).toEqual([8000, 20]);
	});
});

describe('rights check (domain.md §6)', () => {
	it('uses the published RSA scale', () => {
		// 646,52 × 1,5 = 969,78 ; × 1,8 = 1 163,74 ; × 2,1 = 1 357,69 (published 1 357,70) ; + 0,4 × 646,52 = 258,61.
		expect([1, 2, 3, 4, 5].map(scaleFactor)).toEqual([1, 1.5, 1.8, 2.1, 2.5]);
	});
	it('flags a single worker at the SMIC without prime d’activité', () => {
		// PA ≈ 633,21 + 59,85 % × 1 443,11 (= 863,70) − 1 443,11 = 53,80 € > 0 ; RSA 646,52 − 1 443,11 < 0.
		const r = rightsCheck(household({ income_work: 1443.11 }));
		expect([r.flagged, r.rsa.looks_eligible, r.activity.looks_eligible, r.activity.estimate]).toEqual([true, false, true, 53.8]);
		expect(r.message).toContain('prime d’activité');
		expect(r.limits).toMatch(/pas un calcul de droits/);
	});
	it('does not flag a household that already receives it, nor a retired person on ASPA', () => {
		expect(rightsCheck(household({ income_work: 1443.11, benefit_activity: 60 })).flagged).toBe(false);
		// ASPA 1 043,59 > RSA 646,52 and nobody works.
		expect(rightsCheck(household({ activity_ref: 'retired', workers: 0, contract_ref: 'none', benefit_old_age: 1043.59 })).flagged).toBe(false);
	});
	it('flags a household with no income for RSA', () => {
		const r = rightsCheck(household({ workers: 0, activity_ref: 'unemployed', contract_ref: 'none' }));
		expect([r.flagged, r.rsa.estimate]).toEqual([true, 646.52]);
	});
});

describe('explain output contract (DESIGN.md §6)', () => {
	it('has scheme, eligible, amount, rav and conditions with value and threshold', () => {
		const e = explain(household({ social_followup: true, income_work: 900, charge_rent: 700 }), getScheme('pre-saint-gervais'));
		expect(e).toMatchObject({ scheme: 'pre-saint-gervais', eligible: true, amount: 99.9, rav: { monthly: 200, per_unit_day: 6.67, divisor: 'persons', units: 1 } });
		expect(e.rav.formula).toContain('200,00');
		const rav = e.conditions.find((c) => c.id === 'rav')!;
		expect(rav).toMatchObject({ label: expect.any(String), passed: true, value: 6.67, threshold: 10, hypothese: true });
		expect(rav.reason).toMatch(/6,67 €\/jour\/personne ; condition < 10,00 €\/jour\/personne \(hypothèse\) → remplie/);
		expect(e.hypotheses.map((h) => h.id)).toContain('rav_max');
	});
});
