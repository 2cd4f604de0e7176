/**
 * Accessibility: axe-core (read from node_modules and evaluated in the page, nothing fetched) runs on every
 * page once its data is loaded, charts' data tables unfolded, and fails on any serious or critical violation
 * not listed in KNOWN below. KNOWN must also stay true: a listed violation that no longer occurs fails the
 * test, so the list only shrinks as pages are fixed.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, PAGES, visit, type Site } from '../../scripts/headless.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious or critical violations already known, in route files owned by others: « rule-id where », where is the
 * chart or block holding the faulty element. Each is reported to the lead with its fix; remove the line once
 * the page is fixed (the test then fails until it is removed).
 */
const KNOWN: Record<string, string[]> = {};

let site: Site;
beforeAll(async () => {
	site = await openSite();
});
afterAll(async () => {
	await site?.close();
});

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
	for (const p of PAGES) {
		it(`${p.name}: no serious or critical violation`, async () => {
			await visit(site, p);
			const { page } = site;
			await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
			// Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an injected inline <script>.
			await page.evaluate(AXE);
			const found = await page.evaluate(async () => {
				const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
				interface AxeViolation {
					id: string;
					impact: string | null;
					nodes: Array<{ target: string[]; failureSummary?: string }>;
				}
				const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
				// Each violation is named by its rule and the chart or block holding it (stable across data changes).
				const where = (target: string) => {
					const el = document.querySelector(target)?.closest('[data-testid], [data-chart]');
					return el ? (el.hasAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : `[data-chart=${el.getAttribute('data-chart')}]`) : target;
				};
				const named = r.violations
					.filter((v) => v.impact === 'serious' || v.impact === 'critical')
					.flatMap((v) => v.nodes.map((n) => `${v.id} ${where(n.target.join(' '))}`));
				return [...new Set(named)];
			});
			expect(found.sort(), `violations sur ${p.path}`).toEqual([...(KNOWN[p.path] ?? [])].sort());
		});
	}
});
