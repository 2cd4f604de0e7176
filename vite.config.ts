import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { defineConfig } from 'vitest/config';

// VIGIE_BUILD lets several builds coexist (e.g. one per worktree or per experiment): the site goes to that
// folder and Kit's intermediate files to a sibling of .svelte-kit, so two builds never overwrite each other.
const out = process.env.VIGIE_BUILD ?? 'build';

// SvelteKit 3 takes its configuration here (svelte.config.js is no longer read).
export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ pages: out, assets: out, strict: true }),
			// Relative asset and link URLs (Kit's default, stated because deployment relies on it): the same build
			// works at the root of a server, in any intranet sub-folder, and from a plain file server.
			paths: { relative: true },
			// Privacy, enforced by the browser: a <meta http-equiv> CSP in every prerendered page (hashes for Kit's
			// inline bootstrap script) lets the page load and connect only to its own origin. Each source below is
			// there because something needs it.
			csp: {
				mode: 'hash',
				directives: {
					'default-src': ['none'], // anything not listed below is refused
					'script-src': ['self'], // the bundled app; Kit adds the hash of its inline start script
					'worker-src': ['self'], // DuckDB-wasm's worker file, bundled under _app/
					'connect-src': ['self'], // data/*.csv, territory JSON and the DuckDB .wasm: same origin, nowhere else
					// Observable Plot writes a <style> element into each chart and Svelte sets style attributes: inline CSS only,
					// which cannot reach the network since img-src and font-src stay on 'self'.
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:'], // the empty favicon is a data: URL (avoids a /favicon.ico 404)
					'font-src': ['self'], // system fonts only; no remote font can load
					'base-uri': ['none'],
					'form-action': ['none'], // no form is ever submitted anywhere
					'object-src': ['none']
				}
			},
			...(out === 'build' ? {} : { outDir: `.svelte-kit-${out}` })
		})
	],
	test: {
		environment: 'node',
		include: ['tests/**/*.test.ts'],
		testTimeout: 180_000,
		hookTimeout: 180_000,
		// DuckDB-wasm instances are heavy: one test file per worker at a time on this 2-core machine.
		maxWorkers: 2
	}
});
