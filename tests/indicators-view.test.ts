/** The Indicateurs page's pure shaping: French CSV, comparison marks, series and their breaks. */
import { describe, expect, it } from 'vitest';
import { formatValue } from '#lib/ui/format.ts';
import { compareFlag, frenchCsv, indicatorTable, series, seriesBreaks, seriesRows, sortRows, tableCsv } from '#lib/app/indicators-view.ts';
import { publishedReferences } from '#lib/references/published.ts';
import { indicatorById } from '#lib/indicators/catalogue.ts';
import type { IndicatorValue } from '#lib/indicators/run.ts';
import type { DepartementGeography } from '#lib/territory/geography.ts';

const geo: DepartementGeography = {
	code: '93',
	nom: 'Seine-Saint-Denis',
	communes: [
		{ code: '93001', nom: 'Aubervilliers', departement: '93', population: null, groups: [] },
		{ code: '93061', nom: 'Le Pré-Saint-Gervais', departement: '93', population: null, groups: [] }
	],
	groups: [],
	formerCodes: {}
};
const v = (indicator: string, territory: string, territory_type: IndicatorValue['territory_type'], value: number | null, year = 2021): IndicatorValue => ({
	indicator,
	territory,
	territory_type,
	year,
	value,
	numerator: null,
	denominator: null,
	unit: indicatorById(indicator)!.unit,
	suppressed: value === null
});

describe('French CSV', () => {
	it('BOM, semicolons, decimal comma, CRLF, quoting, and formula-looking text neutralised', () => {
		const csv = frenchCsv(['code', 'valeur'], [['93061', 23.5], ['=HYPERLINK("x")', -3.25], ['+1', null], ['@a;b', 'secret']]);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'code;valeur',
			'93061;23,5',
			`"'=HYPERLINK(""x"")";-3,25`,
			"'+1;",
			`"'@a;b";secret`,
			''
		]);
	});
});

describe('comparison with the département', () => {
	it('5 points for rates, 20 % otherwise, never for counts', () => {
		expect(compareFlag(30, 25, '%')).toBe('above'); // +5 points
		expect(compareFlag(29.9, 25, '%')).toBe('');
		expect(compareFlag(20, 25, '%')).toBe('below');
		expect(compareFlag(24000, 20000, '€/an')).toBe('above'); // +20 %
		expect(compareFlag(16100, 20000, '€/an')).toBe(''); // −19.5 %
		expect(compareFlag(50000, 10, 'ménages')).toBe('');
	});
});

describe('table, sort and series', () => {
	const values = [
		v('poverty_rate_60', '93001', 'commune', 40),
		v('poverty_rate_60', '93061', 'commune', null),
		v('poverty_rate_60', '93', 'departement', 28),
		v('households', '93001', 'commune', 29000)
	];
	it('marks cells, keeps secret cells secret, and sorts them last', () => {
		const t = indicatorTable(values, geo, null, { theme: 'pauvrete' });
		expect(t.indicators.every((i) => i.theme === 'pauvrete')).toBe(true);
		const auber = t.communes.find((r) => r.code === '93001')!;
		// A poverty rate well above the département's is a greater need: the tone that colours it red.
		expect(auber.cells.poverty_rate_60).toEqual({ value: 40, suppressed: false, flag: 'above', tone: 'worse' });
		expect(auber.cells.households).toBeUndefined(); // another theme
		expect(t.communes.find((r) => r.code === '93061')!.cells.poverty_rate_60.suppressed).toBe(true);
		expect(sortRows(t.communes, 'poverty_rate_60', 'ascending').map((r) => r.code)).toEqual(['93001', '93061']);
		expect(formatValue(null, '%', true)).toBe('secret');
	});
	it('puts published figures beside the département and in a France métropolitaine row, into the CSV too', () => {
		const refs = publishedReferences(['93']);
		const t = indicatorTable(values, geo, null, { theme: 'pauvrete', references: refs });
		expect(t.departement!.insee.poverty_rate_60).toEqual({ value: 28.4, suppressed: false, flag: '' });
		expect(t.france!.name).toBe('France métropolitaine');
		expect(t.france!.insee.poverty_rate_60.value).toBe(14.9);
		expect(t.france!.cells).toEqual({}); // nothing computed for France
		const lines = tableCsv(t).split('\r\n');
		expect(lines.find((l) => l.startsWith('93;'))).toContain(';28;28,4');
		expect(lines.find((l) => l.startsWith('FRM;'))).toMatch(/^FRM;France métropolitaine;france;;14,9/);
		// Another theme with no published figure: no France row.
		expect(indicatorTable(values, geo, null, { theme: 'menages', references: refs }).france).toBeNull();
	});
	it('gives year-to-year changes and notes the break between Filosofi 2021 and ERFS 2022', () => {
		const byYear = new Map([
			[2021, [v('poverty_rate_60', '93', 'departement', 28, 2021)]],
			[2022, [v('poverty_rate_60', '93', 'departement', 29.5, 2022)]]
		]);
		const s = series(byYear, 'poverty_rate_60', geo, null, []);
		expect(s.map((p) => p.change)).toEqual([null, 1.5]);
		const breaks = seriesBreaks([2021, 2022], indicatorById('poverty_rate_60')!);
		expect(breaks).toHaveLength(1);
		expect(breaks[0].year).toBe(2022);
		expect(seriesBreaks([2021, 2022], indicatorById('aid_grant_rate')!)).toEqual([]);
	});
	it('lays every commune’s series out as one row per territory, group and département first', () => {
		const byYear = new Map([
			[2021, [v('poverty_rate_60', '93', 'departement', 28, 2021), v('poverty_rate_60', '93001', 'commune', 40, 2021), v('poverty_rate_60', '93061', 'commune', null, 2021)]],
			[2022, [v('poverty_rate_60', '93', 'departement', 29.5, 2022), v('poverty_rate_60', '93001', 'commune', 41, 2022), v('poverty_rate_60', '93061', 'commune', 22, 2022)]]
		]);
		const t = seriesRows(series(byYear, 'poverty_rate_60', geo, null, ['93001', '93061']));
		expect(t.years).toEqual([2021, 2022]);
		expect(t.rows.map((r) => r.territory)).toEqual(['93', '93001', '93061']);
		expect(t.rows[1].years[2022]).toMatchObject({ value: 41, change: 1 });
		// secret in 2021: no change can be given for 2022
		expect(t.rows[2].years[2021].suppressed).toBe(true);
		expect(t.rows[2].years[2022]).toMatchObject({ value: 22, change: null });
	});
});
