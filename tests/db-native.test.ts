/** Native DuckDB behind the same seam gives the same validation and indicators as the wasm build (the reference). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNativeConnector } from '#lib/db/native.ts';
import { createNodeConnector } from '#lib/db/node.ts';
import type { Connector } from '#lib/db/connector.ts';
import { loadDataset } from '#lib/data/load.ts';
import { runIndicators } from '#lib/indicators/run.ts';

async function run(db: Connector) {
	await db.registerFile('households.csv', readFileSync('tests/fixtures/households-invalid.csv'));
	const invalid = await loadDataset(db, { households: 'households.csv' });
	await db.registerFile('small.csv', readFileSync('tests/fixtures/households-small.csv'));
	await loadDataset(db, { households: 'small.csv' });
	const rows = await runIndicators(db, { minRows: 2, group: { code: 'G', communes: ['93061'] } });
	await db.close();
	return { errors: invalid.households.errors, loaded: invalid.households.loaded, rows };
}

describe('native connector', () => {
	it('agrees with DuckDB-wasm on rejects and on every indicator value', async () => {
		const [wasm, native] = [await run(await createNodeConnector()), await run(await createNativeConnector())];
		expect(native.errors).toEqual(wasm.errors);
		expect(native.loaded).toBe(4);
		expect(native.rows.length).toBe(wasm.rows.length);
		for (let i = 0; i < wasm.rows.length; i++) {
			const [a, b] = [wasm.rows[i], native.rows[i]];
			expect({ ...b, value: null }).toEqual({ ...a, value: null });
			if (a.value === null) expect(b.value).toBeNull();
			else expect(b.value).toBeCloseTo(a.value, 6);
		}
	});
});
