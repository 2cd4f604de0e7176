/**
 * Screenshots of built pages as a user sees them (1366×768, headless chromium): the page's full height is
 * printed, so a change that makes a page longer shows. Usage: node scripts/screenshot.ts OUT_DIR path [path…]
 * (e.g. /simulateur). Waits for the selector READY (default: the simulator's report, or any table) to appear.
 */
import { openSite } from './headless.ts';

const [out, ...paths] = process.argv.slice(2);
if (!out || !paths.length) {
	process.stderr.write('usage : node scripts/screenshot.ts DOSSIER /chemin [/chemin…]\n');
	process.exit(2);
}
const site = await openSite();
try {
	await site.page.setViewportSize({ width: 1366, height: 768 });
	for (const p of paths) {
		await site.page.goto(site.url + p);
		await site.page.waitForSelector(process.env.READY ?? '[data-testid=report], main table', { timeout: 180_000 });
		await site.page.waitForTimeout(Number(process.env.WAIT ?? 500));
		const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'index';
		await site.page.screenshot({ path: `${out}/${name}.png` });
		await site.page.screenshot({ path: `${out}/${name}-full.png`, fullPage: true });
		const dims = await site.page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
		console.log(`${p} : ${dims.w}×${dims.h} px`);
	}
} finally {
	await site.close();
}
