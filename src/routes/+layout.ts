import { config } from 'zod';

// Every page is prerendered to static HTML (adapter-static); DuckDB starts in the browser only.
export const prerender = true;

// Each page is written as <page>/index.html and addressed as /<page>/: any file server (Apache, nginx, IIS,
// python -m http.server), at the root or in a sub-folder, serves a folder's index.html, so a page reloads or
// opens from a bookmark without any rewrite rule.
export const trailingSlash = 'always';

// Zod's compiled fast path probes `new Function` (eval), which our Content-Security-Policy forbids: the probe
// is caught, but the browser reports a CSP violation. The interpreted path gives the same results.
config({ jitless: true });
