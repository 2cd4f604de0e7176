/** Builds the browser Session: DuckDB-wasm in a Worker, dataset files served by the app itself. */
import { asset } from '$app/paths';
import type { AssetPath } from '$app/types';
import { Session } from './session.ts';

export function createBrowserSession(): Session {
	return new Session({
		createConnector: async () => (await import('../db/browser.ts')).createBrowserConnector(),
		fetchFile: async (name) => {
			const res = await fetch(asset(`data/${name}` as AssetPath));
			if (!res.ok) throw new Error(`impossible de lire ${name} (HTTP ${res.status})`);
			return new Uint8Array(await res.arrayBuffer());
		}
	});
}
