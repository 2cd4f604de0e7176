/**
 * Native DuckDB (@duckdb/node-api) behind the same Connector: for the CLI and benchmarks at a scale the
 * wasm build cannot reach. DuckDB v1.5 here vs v1.4 in the wasm build: the wasm build stays the reference
 * in tests (it is what the browser runs); this one is measured against it (bench/indicators.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { SETUP_SQL, type Connector, type Row } from './connector.ts';

/** BigInts (counts) and DuckDB's value objects (decimals, dates) → plain JS, as the wasm connectors give. */
function plain(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (v instanceof Date) return v.getTime(); // the wasm connectors give dates as epoch milliseconds
	return v;
}

export async function createNativeConnector(threads = 2): Promise<Connector> {
	const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
	const conn = await instance.connect();
	for (const s of SETUP_SQL) await conn.run(s);
	// Registered files are written to a private folder; a registered name quoted in SQL ('households.csv')
	// is replaced by its path, which is how the wasm build resolves registered names too.
	const dir = mkdtempSync(join(tmpdir(), 'vigie-native-'));
	const files = new Map<string, string>();
	const external = new Set<string>();
	const rewrite = (sql: string) => {
		let out = sql;
		for (const [name, path] of files) out = out.replaceAll(`'${name}'`, `'${path}'`);
		return out;
	};
	return {
		async query<T>(sql: string, params?: unknown[]) {
			const reader = await conn.runAndReadAll(rewrite(sql), params as DuckDBValue[] | undefined);
			return reader.getRowObjectsJS().map((r) => {
				const o: Row = {};
				for (const k in r) o[k] = plain(r[k]);
				return o as T;
			});
		},
		async queryColumns(sql) {
			const reader = await conn.runAndReadAll(rewrite(sql));
			// Numeric columns come as JS numbers already (a BIGINT as a bigint: the contract excludes them).
			return reader.getColumnsObject() as Record<string, number[]>;
		},
		async registerFile(name, data) {
			const path = join(dir, name.replaceAll('/', '_'));
			writeFileSync(path, data);
			files.set(name, path);
		},
		async registerPath(name, path) {
			files.set(name, path);
			external.add(name);
		},
		async dropFile(name) {
			const path = files.get(name);
			// Never delete a user's file: only the copies this connector wrote itself.
			if (path && !external.has(name)) rmSync(path, { force: true });
			external.delete(name);
			files.delete(name);
		},
		async close() {
			conn.closeSync();
			instance.closeSync();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
