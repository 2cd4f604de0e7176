/**
 * Which DuckDB a CLI command runs on. `wasm` (default) is DuckDB-wasm, the browser's engine, so the CLI gives
 * the page's numbers; `native` is @duckdb/node-api, same SQL, for datasets beyond the wasm build's 4 GiB
 * memory ceiling (several départements, millions of households) and about 2–3× faster.
 */
import type { Connector } from '../lib/db/connector.ts';
import { createNativeConnector } from '../lib/db/native.ts';
import { createNodeConnector } from '../lib/db/node.ts';
import { UsageError } from './common.ts';

export const ENGINES = ['wasm', 'native'] as const;
export type Engine = (typeof ENGINES)[number];

/** The parseArgs option every data command takes. */
export const ENGINE_OPTION = { engine: { type: 'string', default: 'wasm' } } as const;

export function openConnector(engine: string | undefined = 'wasm'): Promise<Connector> {
	if (engine === 'wasm') return createNodeConnector();
	if (engine === 'native') return createNativeConnector();
	throw new UsageError(`--engine doit valoir ${ENGINES.join(' ou ')} (reçu « ${engine} »)`);
}
