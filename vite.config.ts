import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { defineConfig } from 'vitest/config';

// SvelteKit 3 takes its configuration here (svelte.config.js is no longer read).
export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ pages: 'build', assets: 'build', strict: true })
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
