/**
 * Keyboard: on every page, pressing Tab from the top reaches every visible interactive element (links,
 * buttons, fields, sortable headers, « Voir les données »), and each one shows a visible focus indicator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, PAGES, visit, type Site } from '../../scripts/headless.ts';

let site: Site;
beforeAll(async () => {
	site = await openSite();
});
afterAll(async () => {
	await site?.close();
});

/** Real Tab presses per page; the DOM-order argument below covers what lies beyond. */
const WALK = 60;

const INTERACTIVE =
	'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

describe('keyboard navigation', () => {
	for (const p of PAGES) {
		it(`${p.name}: Tab reaches every control, focus always visible`, async () => {
			await visit(site, p);
			const { page } = site;
			// Number every visible control; radio buttons count once per group (arrows move within a group).
			const total = await page.evaluate((sel) => {
				const seen = new Set<string>();
				let n = 0;
				for (const el of document.querySelectorAll<HTMLElement>(sel)) {
					el.removeAttribute('data-kbd');
					if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
					// Folded in a closed disclosure (Chromium keeps its boxes): reached once the summary opens it.
					let folded = false;
					for (let d = el.parentElement?.closest('details'); d; d = d.parentElement?.closest('details'))
						if (!(d as HTMLDetailsElement).open && !(el.tagName === 'SUMMARY' && el.parentElement === d)) folded = true;
					if (folded) continue;
					if (el instanceof HTMLInputElement && el.type === 'radio') {
						if (seen.has(el.name)) continue;
						for (const r of document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${el.name}"]`)) r.dataset.kbd = String(n);
						seen.add(el.name);
					} else el.dataset.kbd = String(n);
					n++;
				}
				(document.activeElement as HTMLElement | null)?.blur();
				window.scrollTo(0, 0);
				return n;
			}, INTERACTIVE);
			expect(total).toBeGreaterThan(8); // skip link, brand, 7 navigation links, footer button at least

			// Every focus move is recorded in the page (one round trip per Tab, not two).
			await page.evaluate(() => {
				const log: Array<{ kbd: string | null; ring: boolean; what: string }> = [];
				(window as unknown as { __kbd: typeof log }).__kbd = log;
				document.addEventListener('focusin', (e) => {
					const el = e.target as HTMLElement;
					const s = getComputedStyle(el);
					const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
					log.push({ kbd: el.dataset.kbd ?? null, ring, what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} « ${(el.textContent ?? '').trim().slice(0, 40)} »` });
				});
			});
			// Real Tab presses through the first WALK stops (each one is slow on a page of a thousand links)...
			for (let i = 0; i < Math.min(total + 5, WALK); i++) await page.keyboard.press('Tab');
			const log = await page.evaluate(() => (window as unknown as { __kbd: Array<{ kbd: string | null; ring: boolean; what: string }> }).__kbd);
			const reached = new Set<string>();
			const unseen: string[] = [];
			let wrapped = false;
			for (const f of log) {
				if (f.kbd !== null && reached.has(f.kbd)) {
					wrapped = true; // back to the start: the whole tab order has been walked
					break;
				}
				if (f.kbd !== null) reached.add(f.kbd);
				if (!f.ring) unseen.push(f.what);
			}
			// ...then the rest: with no positive tabindex, Tab visits every focusable element in document order, so
			// an element past the walk is reachable if it takes sequential focus (tabIndex ≥ 0, not inert); its focus
			// ring is checked by focusing it right after a key press, as the browser does for keyboard users.
			const rest = await page.evaluate(([got, wrapped]) => {
				const what = (el: HTMLElement) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} « ${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)} »`;
				const positive = [...document.querySelectorAll<HTMLElement>('[tabindex]')].filter((el) => el.tabIndex > 0).map(what);
				const missed: string[] = [];
				const unseen: string[] = [];
				for (const el of document.querySelectorAll<HTMLElement>('[data-kbd]')) {
					if (got.includes(el.dataset.kbd!)) continue;
					if (wrapped || el.tabIndex < 0 || el.closest('[inert]') || positive.length) {
						missed.push(what(el));
						continue;
					}
					el.focus();
					const s = getComputedStyle(el);
					if (document.activeElement !== el) missed.push(what(el));
					else if (!((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')) unseen.push(what(el));
				}
				return { positive, missed, unseen };
			}, [[...reached], wrapped] as const);
			expect(rest.positive, `tabindex positif sur ${p.path} (ordre de tabulation forcé)`).toEqual([]);
			const missed = rest.missed;
			unseen.push(...rest.unseen);
			expect(missed, `contrôles jamais atteints au clavier sur ${p.path}`).toEqual([]);
			expect(unseen, `focus invisible sur ${p.path}`).toEqual([]);
		});
	}
});
