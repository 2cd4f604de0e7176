/**
 * End to end: the built Cas type page in headless chromium. Choosing a typical case or typing in the form
 * shows, for every scheme, the verdict and amount that explain() gives in Node for the same household; the
 * household travels in the URL; no request leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEuros } from '#lib/rules/cents.ts';
import { evaluateCase } from '#lib/rules/cas-type.ts';
import { parseHousehold } from '#lib/rules/household-input.ts';
import { TYPICAL_CASES } from '#lib/rules/typical-cases.ts';
import { openSite, type Site } from '../../scripts/headless.ts';

let site: Site;
beforeAll(async () => {
	site = await openSite();
});
afterAll(async () => {
	await site?.close();
});

const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function verdicts() {
	const { page } = site;
	return page.locator('article[data-scheme]').evaluateAll((els) =>
		els.map((e) => ({
			scheme: e.getAttribute('data-scheme')!,
			eligible: e.getAttribute('data-eligible') === 'true',
			amount: e.querySelector('[data-testid=amount]')?.textContent ?? null
		}))
	);
}

function expected(household: Record<string, unknown>) {
	const r = evaluateCase(parseHousehold(household));
	return r.schemes.map((e) => ({ scheme: e.scheme, eligible: e.eligible, amount: e.eligible ? text(formatEuros(e.amount)) : null }));
}

describe('Cas type page', () => {
	it('shows each typical case’s verdicts as the engine computes them, with no off-origin request', async () => {
		const { page } = site;
		await page.goto(site.url + '/cas-type');
		await expect(page.locator('h1').innerText()).resolves.toBe('Cas type');
		await page.waitForSelector('article[data-scheme]');
		for (const t of TYPICAL_CASES) {
			await page.getByRole('button', { name: t.label }).click();
			await expect(page.getByRole('button', { name: t.label }).getAttribute('aria-pressed')).resolves.toBe('true');
			const got = (await verdicts()).map((v) => ({ ...v, amount: v.amount === null ? null : text(v.amount) }));
			expect(got, t.id).toEqual(expected(t.household));
		}
		// The single parent working part time: eligible in Pré-Saint-Gervais at the 400 € cap, and the rights check fires.
		await page.getByRole('button', { name: 'Parent isolé à temps partiel' }).click();
		const psg = page.locator('article[data-scheme=pre-saint-gervais]');
		await expect(psg.getAttribute('data-eligible')).resolves.toBe('true');
		expect(text(await psg.locator('[data-testid=amount]').innerText())).toBe(text(formatEuros(400)));
		await expect(page.getByTestId('rights').innerText()).resolves.toContain('Droits à vérifier');
		// Hypothèse labels are shown where a threshold is ours, not the seed's.
		expect(await psg.locator('li[data-condition=rav] .hyp').innerText()).toBe('hypothèse');
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/cas-type.png', fullPage: true });
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('recomputes as the form is filled from the keyboard, and shares the household by URL', async () => {
		const { page } = site;
		await page.goto(site.url + '/cas-type');
		await page.waitForSelector('article[data-scheme]');
		await page.getByRole('button', { name: 'Salarié seul au SMIC' }).click();
		// Salaried at the SMIC: RAV (1 443,11 − 1 014,35) / 30 = 14,29 €/day: no scheme. Halve the wage and add
		// social follow-up: RAV (721,55 − 1 014,35) / 30 < 0 → eligible in Pré-Saint-Gervais, capped at 400 €.
		const wage = page.getByLabel('revenus d’activité');
		await wage.fill('721.55');
		await page.getByLabel('suivi par un service social').focus();
		await page.keyboard.press('Space');
		const household = { ...TYPICAL_CASES[0].household, income_work: 721.55, social_followup: true };
		await expect.poll(async () => (await verdicts()).find((v) => v.scheme === 'pre-saint-gervais')?.eligible).toBe(true);
		const got = (await verdicts()).map((v) => ({ ...v, amount: v.amount === null ? null : text(v.amount) }));
		expect(got).toEqual(expected(household));
		expect(text(await page.getByTestId('rav-monthly').innerText())).toBe(text(formatEuros(721.55 - 1014.35)));

		// The URL carries the household: opening it elsewhere restores the same form and verdicts.
		await expect.poll(() => page.url()).toContain('income_work=721.55');
		const shared = page.url();
		expect(shared).toContain('social_followup=1');
		await page.goto(site.url + '/');
		await page.goto(shared);
		await page.waitForSelector('article[data-scheme]');
		await expect.poll(async () => page.getByLabel('revenus d’activité').inputValue()).toBe('721.55');
		const again = (await verdicts()).map((v) => ({ ...v, amount: v.amount === null ? null : text(v.amount) }));
		expect(again).toEqual(expected(household));
		expect(site.offOrigin).toEqual([]);
	});

	it('says which field is wrong instead of computing', async () => {
		const { page } = site;
		await page.goto(site.url + '/cas-type?persons_14_plus=0&persons_under_14=0&family_type=single&age_ref=40&activity_ref=employed&tenure=owner');
		await expect(page.getByRole('alert').innerText()).resolves.toContain('persons_14_plus');
	});
});
