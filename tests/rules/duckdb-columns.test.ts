/**
 * The population evaluator fed from real DuckDB (the one seam, db/node.ts): households loaded and validated
 * under the contract, columns fetched once, every scheme evaluated and checked against explain() row by row —
 * on the small fixture and on the newest year of the default generated dataset (static/data, `npm run data`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLDS, type Household } from '#lib/data/schema.ts';
import { loadCsv } from '#lib/data/validate.ts';
import { createNodeConnector } from '#lib/db/node.ts';
import { loadColumns } from '#lib/rules/columns.ts';
import { explain } from '#lib/rules/explain.ts';
import { allocate, evaluatePopulation } from '#lib/rules/population.ts';
import { listSchemes } from '#lib/rules/registry.ts';

/** The newest households file of the default dataset (one file per year, or a single households.csv). */
const defaultFile = existsSync('static/data')
	? readdirSync('static/data')
			.filter((f) => /^households(-\d{4})?\.csv$/.test(f))
			.sort()
			.map((f) => `static/data/${f}`)
			.pop()
	: undefined;
const FILES = ['tests/fixtures/households-small.csv', ...(defaultFile ? [defaultFile] : [])];

describe.each(FILES)('%s', (file) => {
	it('gives the same verdicts, amounts and reasons as explain on every row, and allocates within the envelope', async () => {
		const db = await createNodeConnector();
		await db.registerFile('h.csv', readFileSync(file));
		const report = await loadCsv(db, HOUSEHOLDS, { file: 'h.csv' });
		expect(report.loaded).toBeGreaterThan(0);
		const cols = await loadColumns(db, 'households');
		const rows = await db.query<Household>('SELECT * FROM households');
		await db.close();
		expect(cols.n).toBe(rows.length);
		for (const s of listSchemes()) {
			const pop = evaluatePopulation(s, cols);
			let mismatches = 0;
			rows.forEach((h, i) => {
				const e = explain(h, s);
				if (e.eligible !== (pop.eligible[i] === 1) || Math.round(e.amount * 100) !== pop.amount_cents[i]) mismatches++;
				else if (e.conditions.some((c) => c.passed !== (pop.conditions[c.id][i] === 1))) mismatches++;
			});
			expect([s.id, mismatches]).toEqual([s.id, 0]);
			const a = allocate(s, pop, cols.weight);
			if (a.envelope !== null) expect(a.spent).toBeLessThanOrEqual(a.envelope);
			if (a.capacity !== null) expect(a.beneficiaries).toBeLessThanOrEqual(a.capacity);
			expect(a.spent).toBeLessThanOrEqual(a.eligible_cost + 1e-6);
		}
	});
});
