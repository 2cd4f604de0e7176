/**
 * `--engine native` runs the same SQL on @duckdb/node-api (for datasets beyond the wasm build, README
 * « Limites ») and must give the browser engine's numbers: same rows, same secrecy, values equal up to
 * floating-point summation order.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Row {
	indicator: string;
	territory: string;
	year: number;
	value: number | null;
	suppressed: boolean;
}

function indicators(engine: string): Row[] {
	const r = spawnSync(process.execPath, ['src/cli/vigie.ts', 'indicators', '--data', 'static/data', '--year', '2023', '--engine', engine], {
		encoding: 'utf8',
		maxBuffer: 1 << 28
	});
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout);
}

describe('vigie indicators --engine', () => {
	it('gives the same catalogue on native DuckDB as on DuckDB-wasm', () => {
		const wasm = indicators('wasm');
		const native = indicators('native');
		expect(native.length).toBe(wasm.length);
		expect(wasm.length).toBeGreaterThan(2000);
		const key = (r: Row) => `${r.indicator}|${r.territory}|${r.year}`;
		const byKey = new Map(native.map((r) => [key(r), r]));
		let compared = 0;
		for (const w of wasm) {
			const n = byKey.get(key(w))!;
			expect(n, key(w)).toBeDefined();
			expect(n.suppressed, key(w)).toBe(w.suppressed);
			if (w.value === null) expect(n.value, key(w)).toBeNull();
			else {
				expect(n.value! - w.value, key(w)).toBeCloseTo(0, 6);
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(1000);
	});

	it('refuses an unknown engine in one line', () => {
		const r = spawnSync(process.execPath, ['src/cli/vigie.ts', 'indicators', '--data', 'static/data', '--engine', 'spark'], { encoding: 'utf8' });
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('--engine doit valoir wasm ou native');
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});
});
