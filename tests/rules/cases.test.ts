/**
 * Hand-written cases (OpenFisca-style YAML, research/engines.md §6c): each file gives a scheme, a default
 * household and cases with parameter overrides, the expected verdict, amount and per-condition outcome.
 * Expected values are worked out by hand in the YAML comments. Both evaluators must give them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { explain } from '#lib/rules/explain.ts';
import { toColumns } from '#lib/rules/columns.ts';
import { parseHousehold } from '#lib/rules/household-input.ts';
import { evaluatePopulation } from '#lib/rules/population.ts';
import { getScheme, withOverrides } from '#lib/rules/registry.ts';
import type { Condition } from '#lib/rules/scheme-schema.ts';

interface Case {
	name: string;
	parameters?: Record<string, number>;
	input: Record<string, unknown>;
	output: { eligible: boolean; amount: number; rav_per_unit?: number; voucher?: number; cash?: number; capped?: boolean; rights_flag?: boolean };
	explain: Record<string, 'pass' | 'fail'>;
}
interface CaseFile {
	scheme: string;
	defaults: Record<string, unknown>;
	cases: Case[];
}

const DIR = 'tests/rules/cases';
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const leaves = (c: Condition): string[] => (c.kind === 'all' || c.kind === 'any' ? c.of.flatMap(leaves) : [c.id]);

describe.each(files)('%s', (file) => {
	const doc = parse(readFileSync(join(DIR, file), 'utf8')) as CaseFile;

	it('has at least 8 cases', () => expect(doc.cases.length).toBeGreaterThanOrEqual(8));

	it.each(doc.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
		const scheme = withOverrides(getScheme(doc.scheme), c.parameters ?? {});
		const hc = parseHousehold({ ...doc.defaults, ...c.input });
		const e = explain(hc.household, scheme, hc);
		expect(e.eligible).toBe(c.output.eligible);
		expect(e.amount).toBeCloseTo(c.output.amount, 2);
		if (c.output.rav_per_unit !== undefined) expect(e.rav.per_unit).toBeCloseTo(c.output.rav_per_unit, 2);
		if (c.output.voucher !== undefined) expect(e.amount_detail.voucher).toBeCloseTo(c.output.voucher, 2);
		if (c.output.cash !== undefined) expect(e.amount_detail.cash).toBeCloseTo(c.output.cash, 2);
		if (c.output.capped !== undefined) expect(e.amount_detail.capped).toBe(c.output.capped);
		if (c.output.rights_flag !== undefined) expect(e.rights_check?.flagged).toBe(c.output.rights_flag);
		const got = Object.fromEntries(e.conditions.map((o) => [o.id, o.passed ? 'pass' : 'fail']));
		for (const [id, want] of Object.entries(c.explain)) expect([id, got[id]]).toEqual([id, want]);
		// The population evaluator gives the same verdict, amount and reasons.
		const r = evaluatePopulation(scheme, toColumns([{ ...hc.household, amount_requested: hc.amount_requested }]), { renewal_rank: hc.renewal_rank });
		expect(r.eligible[0] === 1).toBe(e.eligible);
		expect(r.amount_cents[0] / 100).toBe(e.amount);
		for (const o of e.conditions) expect([o.id, r.conditions[o.id][0] === 1]).toEqual([o.id, o.passed]);
	});

	it('states the outcome of every leaf condition in the first case', () => {
		const ids = leaves(getScheme(doc.scheme).conditions);
		expect(Object.keys(doc.cases[0].explain)).toEqual(expect.arrayContaining(ids));
	});
});
