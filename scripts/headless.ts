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
	close(): Promise<void>;
}

export async function openSite(root = process.env.VIGIE_BUILD ?? 'build'): Promise<Site> {
	if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html absent : lancez d’abord « npm run build »`);
	const port = await freePort();
	const server: ChildProcess = spawn('node_modules/.bin/sirv', [root, '--host', '127.0.0.1', '--port', String(port), '--quiet'], {
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
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
		async close() {
			await context.close();
			server.kill();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}
