/** Node connector: DuckDB-wasm's blocking Node build (same engine and version as the browser). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { OPEN_CONFIG, SETUP_SQL, toColumns, toPlainRows, type Connector } from './connector.ts';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export async function createNodeConnector(): Promise<Connector> {
	const db = await duckdb.createDuckDB(
		{
			mvp: { mainModule: join(DIST, 'duckdb-mvp.wasm'), mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs') },
			eh: { mainModule: join(DIST, 'duckdb-eh.wasm'), mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs') }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	db.open(OPEN_CONFIG);
	const conn = db.connect();
	for (const s of SETUP_SQL) conn.query(s);
	return {
		async query<T>(sql: string, params?: unknown[]) {
			if (!params?.length) return toPlainRows<T>(conn.query(sql));
			const stmt = conn.prepare(sql);
			try {
				return toPlainRows<T>(stmt.query(...params));
			} finally {
				stmt.close();
			}
		},
		async queryColumns(sql) {
			return toColumns(conn.query(sql));
		},
		async registerFile(name, data) {
			if (typeof data === 'string') db.registerFileText(name, data);
			else db.registerFileBuffer(name, data);
		},
		async registerPath(name, path) {
			db.registerFileURL(name, path, duckdb.DuckDBDataProtocol.NODE_FS, false);
		},
		async insertArrow(name, ipc, create) {
			conn.insertArrowFromIPCStream(ipc, { name, create });
		},
		async dropFile(name) {
			db.dropFile(name);
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}
