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
