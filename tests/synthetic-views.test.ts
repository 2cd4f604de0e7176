/**
 * What the pages read on synthetic data (indicators-view.ts, territory-view.ts): a value real data would hide
 * keeps its number and carries `would_be_secret: true` into cells, bars and series points; the CSV writes it
 * followed by « ◌ » and ends with the legend. Real data: no mark anywhere.
 */
import { describe, expect, it } from 'vitest';
import { anyWouldBeSecret, indicatorTable, ranking, series, tableCsv, WOULD_BE_SECRET_LEGEND } from '#lib/app/indicators-view.ts';
import { territoryRows } from '#lib/app/territory-view.ts';
import { indicatorById } from '#lib/indicators/catalogue.ts';
import type { IndicatorValue } from '#lib/indicators/run.ts';
import type { DepartementGeography } from '#lib/territory/geography.ts';

const geo: DepartementGeography = {
	code: '93',
	nom: 'Seine-Saint-Denis',
	communes: [
		{ code: '93001', nom: 'Aubervilliers', departement: '93', population: null, groups: [] },
		{ code: '93006', nom: 'Bagnolet', departement: '93', population: null, groups: [] }
	],
	groups: [],
	formerCodes: {}
};
const v = (indicator: string, territory: string, territory_type: IndicatorValue['territory_type'], value: number | null, would_be_secret?: boolean): IndicatorValue => ({
	indicator,
	territory,
	territory_type,
	year: 2021,
	value,
	numerator: null,
	denominator: null,
	unit: indicatorById(indicator)!.unit,
	suppressed: value === null,
	...(would_be_secret === undefined ? {} : { would_be_secret })
});

// Synthetic: Bagnolet's 60 % rests on 5 households; Aubervilliers' 30 % does not.
const synthetic = [
	v('poverty_rate_60', '93001', 'commune', 30, false),
	v('poverty_rate_60', '93006', 'commune', 60.5, true),
	v('poverty_rate_60', '93', 'departement', 31, false)
];
const real = [v('poverty_rate_60', '93001', 'commune', 30), v('poverty_rate_60', '93006', 'commune', null), v('poverty_rate_60', '93', 'departement', 31)];

describe('views on synthetic data', () => {
	it('the table keeps the value and marks the cell; real data keep their cells as they were', () => {
		const t = indicatorTable(synthetic, geo, null, { theme: 'pauvrete' });
		// 60,5 % against the département's 31 %: well above, a greater need (red).
		expect(t.communes.find((r) => r.code === '93006')!.cells.poverty_rate_60).toEqual({ value: 60.5, suppressed: false, flag: 'above', tone: 'worse', would_be_secret: true });
		expect(t.communes.find((r) => r.code === '93001')!.cells.poverty_rate_60).toEqual({ value: 30, suppressed: false, flag: '' });
		const r = indicatorTable(real, geo, null, { theme: 'pauvrete' });
		expect(Object.keys(r.communes.find((x) => x.code === '93006')!.cells.poverty_rate_60)).toEqual(['value', 'suppressed', 'flag']);
	});

	it('the CSV writes the marked value with « ◌ » and the legend last; real data’s CSV has neither', () => {
		const lines = tableCsv(indicatorTable(synthetic, geo, null, { theme: 'pauvrete' })).slice(1).trim().split('\r\n');
		const bagnolet = lines.find((l) => l.startsWith('93006;'))!.split(';');
		expect(bagnolet[3]).toBe('60,5 ◌');
		expect(lines.find((l) => l.startsWith('93001;'))!.split(';')[3]).toBe('30');
		expect(lines[lines.length - 1]).toBe(WOULD_BE_SECRET_LEGEND);
		expect(WOULD_BE_SECRET_LEGEND).toContain('serait secret sur des données réelles : moins de 11 ménages');
		const plain = tableCsv(indicatorTable(real, geo, null, { theme: 'pauvrete' }));
		expect(plain).not.toContain('◌');
		expect(plain.slice(1).trim().split('\r\n').find((l) => l.startsWith('93006;'))!.split(';')[3]).toBe('secret');
	});

	it('the ranking draws the marked commune as a bar; series points carry the mark', () => {
		const rank = ranking(synthetic, 'poverty_rate_60', geo, null);
		expect(rank.bars.map((b) => [b.code, b.value, b.would_be_secret])).toEqual([
			['93001', 30, undefined],
			['93006', 60.5, true]
		]);
		expect(rank.hidden).toBe(0);
		expect(ranking(real, 'poverty_rate_60', geo, null).hidden).toBe(1);
		const points = series(new Map([[2021, synthetic]]), 'poverty_rate_60', geo, null, ['93001', '93006']);
		expect(points.find((p) => p.territory === '93006')).toMatchObject({ value: 60.5, would_be_secret: true });
		expect(anyWouldBeSecret(points)).toBe(true);
		expect(anyWouldBeSecret(series(new Map([[2021, real]]), 'poverty_rate_60', geo, null, ['93001', '93006']))).toBe(false);
	});

	it('the Territoire rows keep the figure and its mark', () => {
		const rows = territoryRows(synthetic, geo, null);
		expect(rows.communes.find((r) => r.code === '93006')!.figures.poverty_rate_60).toEqual({ value: 60.5, suppressed: false, would_be_secret: true });
		expect(territoryRows(real, geo, null).communes.find((r) => r.code === '93006')!.figures.poverty_rate_60).toEqual({ value: null, suppressed: true });
	});
});
