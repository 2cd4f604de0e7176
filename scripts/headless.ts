/**
 * Shared harness for end-to-end tests: serves build/ on 127.0.0.1 with sirv and drives Debian's
 * chromium through playwright-core. Every request leaving 127.0.0.1 is recorded so a test can fail on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

async function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => res(port));
		});
		s.on('error', rej);
	});
}

export interface Site {
	url: string;
	context: BrowserContext;
	page: Page;
	/** Requests to any host other than 127.0.0.1. */
	offOrigin: string[];
	/** Console errors and uncaught page errors. */
	pageErrors: string[];
	/** Responses with an HTTP error status (« 404 http://… »). */
	failed: string[];
	/** Content-Security-Policy violations reported by any page ('securitypolicyviolation' events). */
	cspViolations: string[];
	close(): Promise<void>;
}

export interface SiteOptions {
	/**
	 * 'sirv' (default) maps /page to page.html and sends the headers of the site's `_headers`; 'plain' is Python's
	 * http.server, a file server that knows no such rule and sends no header of ours.
	 */
	server?: 'sirv' | 'plain';
	/** Folder under root where the site sits (e.g. 'intranet/vigie'); `url` then points there. */
	under?: string;
}

const SERVERS: Record<NonNullable<SiteOptions['server']>, (root: string, port: number) => [string, string[]]> = {
	// sirv with the site's `_headers` (scripts/serve.mjs), as a real deployment serves it.
	sirv: (root, port) => [process.execPath, ['scripts/serve.mjs', root, String(port)]],
	plain: (root, port) => ['python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root]]
};

export async function openSite(root = process.env.VIGIE_BUILD ?? 'build', options: SiteOptions = {}): Promise<Site> {
	const under = options.under ? `/${options.under}` : '';
	if (!existsSync(join(root, under, 'index.html'))) throw new Error(`${root}${under}/index.html absent : lancez d’abord « npm run build »`);
	const port = await freePort();
	const [cmd, args] = SERVERS[options.server ?? 'sirv'](root, port);
	const server: ChildProcess = spawn(cmd, args, { stdio: 'ignore' });
	const url = `http://127.0.0.1:${port}${under}`;
	for (let i = 0; i < 100; i++) {
		try {
			await fetch(url);
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const profile = mkdtempSync(join(tmpdir(), 'vigie-chromium-'));
	const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	const offOrigin: string[] = [];
	const pageErrors: string[] = [];
	const cspViolations: string[] = [];
	const failed: string[] = [];
	context.on('response', (res) => {
		if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
	});
	await context.exposeBinding('__vigieCspViolation', (_source, v: string) => void cspViolations.push(v));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { __vigieCspViolation: (v: string) => void }).__vigieCspViolation;
			report(`${e.effectiveDirective} ${e.blockedURI || '(inline)'} ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	context.on('request', (req) => {
		const u = new URL(req.url());
		if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && u.hostname !== '127.0.0.1') offOrigin.push(req.url());
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (e) => pageErrors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error') pageErrors.push(m.text());
	});
	return {
		url,
		context,
		page,
		offOrigin,
		pageErrors,
		cspViolations,
		failed,
		async close() {
			await context.close();
			server.kill();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/** The pages of the site, with what shows that each one's data has loaded (so checks run on what a person sees). */
export interface SitePage {
	name: string;
	path: string;
	ready: string;
}

export const PAGES: SitePage[] = [
	{ name: 'Territoire', path: '/', ready: '[data-testid=ready]' },
	{ name: 'Indicateurs', path: '/indicateurs/', ready: '[data-testid=ready]' },
	{ name: 'Indicateur (détail)', path: '/indicateurs/?id=median_living_standard', ready: 'table[data-testid=series]' },
	{ name: 'Aides', path: '/aides/', ready: '[data-testid=ready][aria-busy=false]' },
	{ name: 'Simulateur', path: '/simulateur/', ready: '[data-testid=report]' },
	{ name: 'Cas type', path: '/cas-type/', ready: 'article[data-scheme]' },
	{ name: 'Données', path: '/donnees/', ready: 'tr[data-kind=households]' },
	{ name: 'Méthodologie', path: '/methodologie/', ready: 'h1' }
];

/**
 * Opens one page and waits for its data. Follows a link to it when the current page has one (client-side
 * navigation keeps the loaded data, as a person clicking through would); loads it afresh otherwise.
 */
export async function visit(site: Site, p: SitePage): Promise<void> {
	const { page } = site;
	const target = new URL(p.path, site.url + '/');
	// Pages live at /<page>/ (trailingSlash 'always'); links may omit the slash, the router adds it.
	const slashed = (u: URL) => `${u.origin}${u.pathname.replace(/\/?$/, '/')}${u.search}`;
	const link = page.url().startsWith(site.url)
		? await page.evaluate(
				(t) => [...document.querySelectorAll('a[href]')].findIndex((a) => {
					const u = new URL((a as HTMLAnchorElement).href);
					return `${u.origin}${u.pathname.replace(/\/?$/, '/')}${u.search}` === t;
				}),
				slashed(target)
			)
		: -1;
	if (link >= 0) await page.locator('a[href]').nth(link).click();
	else await page.goto(target.href);
	// A page writes its state into the query once open (shareable links): the path and the parameters asked for must match.
	const asked = [...target.searchParams];
	await page.waitForURL((u) => slashed(new URL(u.pathname, u)) === slashed(new URL(target.pathname, target)) && asked.every(([k, v]) => u.searchParams.get(k) === v));
	await page.waitForSelector(p.ready, { timeout: 120_000 });
}
