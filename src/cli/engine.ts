/**
 * Which DuckDB a CLI command runs on. `native` (default) is @duckdb/node-api: it starts in a tenth of a second
 * where DuckDB-wasm takes two, and reads beyond the wasm build's 4 GiB ceiling. `wasm` is DuckDB-wasm, the
 * browser's engine, for parity checks: the same SQL gives the same numbers (tests/cli-engine.test.ts).
 */
import type { Connector } from '../lib/db/connector.ts';
import { UsageError } from './common.ts';

export const ENGINES = ['wasm', 'native'] as const;
export type Engine = (typeof ENGINES)[number];

/** The parseArgs option every data command takes. */
export const ENGINE_OPTION = { engine: { type: 'string', default: 'native' } } as const;

/** Each engine is loaded only when chosen. One thread: on a 2-core machine it is the faster (4.8 s against 5.6 s for indicators on the default data). */
export async function openConnector(engine: string | undefined = 'native'): Promise<Connector> {
	if (engine === 'wasm') return (await import('../lib/db/node.ts')).createNodeConnector();
	if (engine === 'native') return (await import('../lib/db/native.ts')).createNativeConnector(1);
	throw new UsageError(`--engine doit valoir ${ENGINES.join(' ou ')} (reçu « ${engine} »)`);
}
