/**
 * End to end: the built static site in headless chromium shows the Indicateurs table computed by
 * DuckDB-wasm in the page, with the same numbers as runIndicators in Node (the CLI's engine) on the same
 * files, for every commune × indicator cell; the detail view, the theme filter and the CSV export work;
 * no request leaves 127.0.0.1.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorValue } from '#lib/indicators/run.ts';
import { INDICATORS, THEMES } from '#lib/indicators/catalogue.ts';
import { compareFlag } from '#lib/app/indicators-view.ts';
import { openSite, type Site } from '../../scripts/headless.ts';
import { cellText, estEnsemble, expectedCell, expectedIndicators, geo93 } from './expected.ts';

let site: Site;
let expected: IndicatorValue[];
const geo = geo93;

beforeAll(async () => {
	expected = await expectedIndicators();
	site = await openSite();
});

afterAll(async () => {
	await site?.close();
});

const clean = cellText;

// The printable area of the page's @page rule (A4 landscape, 10 mm margins) in CSS px (96 per inch): a
// layout at this width in print media is what chromium lays out on paper.
const PRINTABLE = { width: Math.floor((277 / 25.4) * 96), height: Math.floor((190 / 25.4) * 96) };

/** Runs `f` with the page laid out for paper (print media at the printable width), then back to screen. */
async function inPrint<T>(page: Site['page'], f: () => Promise<T>): Promise<T> {
	const screen = page.viewportSize()!;
	await page.setViewportSize(PRINTABLE);
	await page.emulateMedia({ media: 'print' });
	try {
		return await f();
	} finally {
		await page.emulateMedia({ media: null });
		await page.setViewportSize(screen);
	}
}

/** For every table shown: how far it reaches and how wide its content is. */
const printLayout = (page: Site['page']) =>
	page.evaluate(() => ({
		width: document.documentElement.clientWidth,
		scrollWidth: document.documentElement.scrollWidth,
		tables: [...document.querySelectorAll('table')]
			.filter((t) => t.getClientRects().length > 0)
			.map((t) => ({ caption: t.caption?.textContent ?? '', right: t.getBoundingClientRect().right, scrollWidth: t.scrollWidth, width: t.clientWidth }))
	}));
function expectFits(layout: Awaited<ReturnType<typeof printLayout>>) {
	expect(layout.width).toBe(PRINTABLE.width);
	for (const t of layout.tables) {
		expect(t.right, t.caption).toBeLessThanOrEqual(layout.width + 0.5);
		expect(t.scrollWidth, t.caption).toBeLessThanOrEqual(t.width + 0.5);
	}
	expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
}
const fig = (indicator: string, type: string, territory: string) => expectedCell(expected, indicator, type, territory);

describe('Indicateurs page', () => {
	it('shows every commune × indicator with the numbers computed in Node, and no request leaves 127.0.0.1', async () => {
		const { page } = site;
		await page.goto(site.url + '/indicateurs');
		await page.waitForSelector('[data-testid=ready]', { timeout: 120_000 });
		await expect(page.locator('h1').innerText()).resolves.toBe('Indicateurs');
		expect(await page.locator('tbody tr[data-commune]').count()).toBe(39);
		expect(await page.locator('thead th[data-indicator]').count()).toBe(INDICATORS.length);

		// Every cell at once: { commune: { indicator: text } }, group and département rows too.
		const cells = await page.evaluate(() => {
			const out: Record<string, Record<string, string>> = {};
			for (const tr of document.querySelectorAll('tr[data-commune], tr[data-territory]')) {
				const k = tr.getAttribute('data-commune') ?? tr.getAttribute('data-territory')!;
				out[k] = {};
				for (const td of tr.querySelectorAll('td[data-indicator]'))
					out[k][td.getAttribute('data-indicator')!] = (td.querySelector('.v') as HTMLElement).innerText;
			}
			return out;
		});
		let compared = 0;
		for (const c of geo.communes)
			for (const ind of INDICATORS) {
				expect(clean(cells[c.code][ind.id]), `${c.code} ${ind.id}`).toBe(fig(ind.id, 'commune', c.code));
				compared++;
			}
		for (const ind of INDICATORS) {
			expect(clean(cells.departement[ind.id]), `93 ${ind.id}`).toBe(fig(ind.id, 'departement', '93'));
			expect(clean(cells.group[ind.id]), `group ${ind.id}`).toBe(fig(ind.id, 'group', estEnsemble.code));
		}
		expect(compared).toBe(39 * INDICATORS.length);
		// Published INSEE figures: the département's and France métropolitaine's (domain.md §3.2, §3.4).
		expect(clean(await page.locator('tr[data-territory=departement] td[data-indicator=poverty_rate_60] .insee').innerText())).toBe('INSEE : 28,4 %');
		expect(clean(await page.locator('tr[data-territory=france] td[data-indicator=poverty_rate_60] .insee').innerText())).toBe('INSEE : 14,9 %');
		// Secret cells read « secret », never 0; on the synthetic default data they show their value, marked.
		const secret = expected.filter((e) => e.territory_type === 'commune' && (e.suppressed || e.would_be_secret));
		for (const s of secret.slice(0, 5)) {
			const td = page.locator(`tr[data-commune="${s.territory}"] td[data-indicator=${s.indicator}]`);
			if (s.suppressed) expect(clean(cells[s.territory][s.indicator])).toBe('secret');
			else await expect(td.getAttribute('class')).resolves.toContain('would-be-secret');
		}
		if (expected.some((e) => e.would_be_secret))
			await expect(page.getByTestId('would-be-secret-legend').innerText()).resolves.toContain('serait secret sur des données réelles : moins de 11 ménages');

		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/indicateurs.png', fullPage: false });
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});

	it('filters by theme and sorts by a column', async () => {
		const { page } = site;
		await page.selectOption('#theme', 'pauvrete');
		const n = INDICATORS.filter((i) => i.theme === 'pauvrete').length;
		await expect.poll(() => page.locator('thead th[data-indicator]').count()).toBe(n);
		await page.getByRole('button', { name: 'Trier par Taux de pauvreté à 60 %' }).click();
		await expect(page.locator('th[aria-sort=descending]').getAttribute('data-indicator')).resolves.toBe('poverty_rate_60');
		const top = expected
			.filter((e) => e.indicator === 'poverty_rate_60' && e.territory_type === 'commune' && !e.suppressed)
			.sort((a, b) => b.value! - a.value!)[0];
		await expect(page.locator('tbody tr[data-commune]').first().getAttribute('data-commune')).resolves.toBe(top.territory);
	});

	it('exports the table as French CSV (BOM, semicolons, decimal comma)', async () => {
		const { page } = site;
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le tableau (CSV)' }).click()]);
		const text = readFileSync((await download.path())!, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trim().split('\r\n');
		expect(lines[0].split(';')[0]).toBe('code');
		const pre = lines.find((l) => l.startsWith('93061;'))!.split(';');
		const v = expected.find((e) => e.indicator === 'poverty_rate_60' && e.territory === '93061')!;
		expect(pre).toContain(v.suppressed ? 'secret' : String(v.value).replace('.', ','));
	});

	it('shows INSEE’s published figure beside the computed one once the user loads the base-cc file', async () => {
		const { page } = site;
		// The real file is read from ../shared (never copied into the project), as a user would pick it.
		await page.setInputFiles('#insee', '../shared/data/insee/cc_filosofi_2021_COM.csv');
		const cell = page.locator('tr[data-commune="93061"] td[data-indicator=poverty_rate_60] .insee');
		await expect.poll(() => cell.count(), { timeout: 30_000 }).toBe(1);
		await expect(cell.innerText()).resolves.toBe('INSEE : 23,0 %'); // TP6021 of 93061
		// TP60AGE121 of 93061 is « s »: secret stays secret
		await expect(page.locator('tr[data-commune="93061"] td[data-indicator=poverty_rate_ref_under_30] .insee').innerText()).resolves.toBe('INSEE : secret');
	});

	it('prints as an ABS annex: one table per theme, none wider than the A4 landscape printable area', async () => {
		const { page } = site;
		await page.selectOption('#theme', '');
		await expect.poll(() => page.locator('thead th[data-indicator]').count()).toBe(INDICATORS.length);
		const themes = new Set(INDICATORS.map((i) => i.theme));
		await inPrint(page, async () => {
			// Built for paper only (print media or the print events): then one table per theme replaces the screen table.
			await page.waitForSelector('[data-testid=print-tables]', { state: 'attached', timeout: 10_000 });
			const layout = await printLayout(page);
			// The 58-column screen table is not printed; one table per theme is, with the INSEE figures loaded above.
			expect(layout.tables.map((t) => t.caption.split(' — ')[0])).toEqual(Object.entries(THEMES).filter(([k]) => themes.has(k as never)).map(([, v]) => v));
			expectFits(layout);
			// The pauvreté section: its indicators as columns, every commune and the totals, definitions and sources below.
			const pov = page.locator('[data-print-theme=pauvrete]');
			const povIds = INDICATORS.filter((i) => i.theme === 'pauvrete');
			expect(await pov.locator('thead th').count()).toBe(1 + povIds.length);
			expect(await pov.locator('tbody tr').count()).toBe(39 + 3); // group, département, France (published TP60)
			const dep = pov.locator('tbody tr.departement td').nth(povIds.findIndex((i) => i.id === 'poverty_rate_60'));
			expect(clean((await dep.textContent())!)).toBe(`${fig('poverty_rate_60', 'departement', '93')} INSEE : 28,4 %`);
			const sources = await pov.locator('.sources').textContent();
			for (const i of povIds) expect(sources).toContain(`${i.label} : ${i.definition} Source : ${i.source}.`);
			// Chromium's own PDF: A4 landscape pages (842 × 595 pt), at least one per theme.
			const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
			const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
			expect(boxes.length).toBeGreaterThanOrEqual(themes.size);
			expect(new Set(boxes.map((b) => b.join('×')))).toEqual(new Set(['842×595']));
		});
		// Back on screen, the print tables are gone: a group change re-renders one table.
		await expect.poll(() => page.getByTestId('print-tables').count()).toBe(0);
	});

	it('opens an indicator: ranked communes, distribution, evolution, definition', async () => {
		const { page } = site;
		await page.selectOption('#theme', '');
		await page.locator('thead th[data-indicator=median_living_standard] a').click();
		await page.waitForSelector('[data-indicator-detail=median_living_standard]', { timeout: 60_000 });
		expect(page.url()).toContain('?id=median_living_standard');
		await expect(page.locator('#detail-title').innerText()).resolves.toBe('Niveau de vie médian');
		const shown = expected.filter((e) => e.indicator === 'median_living_standard' && e.territory_type === 'commune' && !e.suppressed).length;
		await page.waitForSelector('table[data-testid=series]', { timeout: 120_000 });
		// the ranked bars (one per shown commune) and the histogram are drawn
		expect(await page.locator('figure').first().locator('svg rect').count()).toBeGreaterThanOrEqual(shown);
		expect(await page.locator('figure').nth(1).locator('svg rect').count()).toBeGreaterThan(5);
		// evolution: one row per households year for the département
		const manifest = JSON.parse(readFileSync(`${process.env.VIGIE_BUILD ?? 'build'}/data/manifest.json`, 'utf8')) as { files: Array<{ year?: number }> };
		const years = new Set(manifest.files.filter((f) => f.year).map((f) => f.year));
		// (one row per territory: a value per year and the change between consecutive years)
		const depRow = page.locator('table[data-testid=series] tbody tr[data-series=departement]');
		expect(await depRow.count()).toBe(1);
		expect(await depRow.locator('td').count()).toBe(2 * years.size - 1);
		// Communes well above the département (the ▲ of the table) are named under the ranked chart.
		const depMedian = expected.find((e) => e.indicator === 'median_living_standard' && e.territory_type === 'departement')!.value;
		const above = expected
			.filter((e) => e.indicator === 'median_living_standard' && e.territory_type === 'commune' && !e.suppressed)
			.filter((e) => compareFlag(e.value, depMedian, e.unit) === 'above')
			.map((e) => geo.communes.find((c) => c.code === e.territory)!.nom);
		expect(above.length).toBeGreaterThan(0);
		const aboveText = await page.getByTestId('rank-above').locator('..').innerText();
		for (const name of above) expect(aboveText).toContain(name);
		// The same communes carry a ▲ on their bar, in the chart's data table and in its French legend.
		const ranked = page.locator('figure').first();
		expect(await ranked.locator('svg text', { hasText: '▲' }).count()).toBe(above.length);
		const flagged = await ranked.locator('td[data-flag=above]').evaluateAll((tds) => tds.map((td) => td.parentElement!.querySelector('th')!.textContent!));
		expect(flagged.map((n) => n.replace(' (groupe)', '')).sort()).toEqual([...above].sort());
		expect(await ranked.locator('td[data-flag=above]').first().textContent()).toBe('▲ nettement au-dessus du département');
		await expect(ranked.getByTestId('ranked-legend').innerText()).resolves.toContain(`▲ nettement au-dessus du département (${above.length} communes)`);
		// Every commune has its series, not only the group's (Aubervilliers is outside Est Ensemble).
		const auber = page.locator('table[data-testid=series] tbody tr[data-territory-code="93001"]');
		expect(await auber.count()).toBe(1);
		// its newest year reads as in the table (td: v0, v1, Δ1, v2, Δ2…)
		expect(clean(await auber.locator('td').nth(years.size > 1 ? 2 * years.size - 3 : 0).innerText())).toBe(fig('median_living_standard', 'commune', '93001'));
		// Filosofi 2021 → ERFS 2022: the break is noted (domain.md §3.3).
		if (years.has(2021) && years.has(2022))
			await expect(page.locator('section[data-indicator-detail] .note').first().innerText()).resolves.toContain('Rupture de série en 2022');
		await expect(page.locator('dl.meta').innerText()).resolves.toContain('Pourquoi cet indicateur');
		// The published reference beside the definition (domain.md §3.4; no France median published: none shown).
		expect(clean(await page.getByTestId('published').innerText())).toBe('Seine-Saint-Denis : 19 020 €');
		// Map from the user's contours (2018 geography, read from ../shared): 93059 folded into 93066.
		await page.setInputFiles('#contours', '../shared/data/geo/communes-93.geojson');
		await page.waitForSelector('[data-testid=map] svg', { timeout: 30_000 });
		expect(await page.locator('[data-testid=map] svg path').count()).toBeGreaterThanOrEqual(39);
		await expect(page.locator('section[data-indicator-detail]').innerText()).resolves.toContain('93059 → 93066');
		await page.screenshot({ path: 'test-results/indicateur-detail.png', fullPage: true });
		// On paper too, the chart, the map and the series table stay within the page.
		expectFits(await inPrint(page, () => printLayout(page)));
		expect(site.offOrigin).toEqual([]);
		expect(site.pageErrors).toEqual([]);
	});
});
