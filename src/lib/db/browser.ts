/**
 * Browser connector: DuckDB-wasm (exception-handling build) in a Web Worker. The wasm and worker
 * files are bundled by Vite and served by the app itself: no CDN, nothing fetched elsewhere.
 * Only the EH build is shipped (every current browser supports wasm exceptions); it halves the site.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { OPEN_CONFIG, SETUP_SQL, toColumns, toPlainRows, type Connector } from './connector.ts';

export async function createBrowserConnector(): Promise<Connector> {
	const worker = new Worker(ehWorker);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(ehWasm);
	await db.open(OPEN_CONFIG);
	performance.mark('vigie: duckdb ready');
	const conn = await db.connect();
	for (const s of SETUP_SQL) await conn.query(s);
	return {
		async query<T>(sql: string, params?: unknown[]) {
			if (!params?.length) return toPlainRows<T>(await conn.query(sql));
			const stmt = await conn.prepare(sql);
			try {
				return toPlainRows<T>(await stmt.query(...params));
			} finally {
				await stmt.close();
			}
		},
		async queryColumns(sql) {
			return toColumns(await conn.query(sql));
		},
		async registerFile(name, data) {
			if (typeof data === 'string') await db.registerFileText(name, data);
			else await db.registerFileBuffer(name, data);
		},
		async registerBlob(name, blob) {
			await db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async insertArrow(name, ipc, create) {
			await conn.insertArrowFromIPCStream(ipc, { name, create });
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		async close() {
			await conn.close();
			await db.terminate();
		}
	};
}
