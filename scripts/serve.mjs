/**
 * The test server: the built site served by sirv (as `sirv-cli` does: /page → page/index.html) with the HTTP
 * headers of the site's own `_headers` file, as Netlify or Cloudflare Pages apply them, so the e2e tests run
 * under the headers a real deployment sends (a Worker obeys only its script's headers). Plain JavaScript: the
 * tests' Node runs it without a TypeScript loader.
 * Usage: node scripts/serve.mjs ROOT PORT
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

const [root, port] = process.argv.slice(2);

/** `_headers`: a path pattern (« /* », « /_app/* »), then its « Name: value » lines, indented. */
function parseHeaders(text) {
	const rules = [];
	for (const line of text.split('\n')) {
		if (!line.trim() || line.trimStart().startsWith('#')) continue;
		if (!/^\s/.test(line)) rules.push({ pattern: new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`), headers: [] });
		else {
			const at = line.indexOf(':');
			rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
		}
	}
	return rules;
}

const file = join(root, '_headers');
const rules = existsSync(file) ? parseHeaders(readFileSync(file, 'utf8')) : [];
const serve = sirv(root, {
	etag: true,
	setHeaders(res, pathname) {
		for (const r of rules) if (r.pattern.test(pathname)) for (const [k, v] of r.headers) res.setHeader(k, v);
	}
});
createServer((req, res) =>
	serve(req, res, () => {
		res.statusCode = 404;
		res.end('introuvable');
	})
).listen(Number(port), '127.0.0.1');
