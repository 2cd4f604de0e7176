/**
 * INSEE Filosofi 2021 files read as INSEE publishes them, from ../shared/data/insee/ (never copied
 * into the project). Expected figures are read off the files by eye (grep) and from domain.md §3.5, §10.1.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFilosofi, type FilosofiTable } from '#lib/references/filosofi.ts';
import { irisFigures, referenceValues } from '#lib/references/insee-values.ts';
import { FRANCE_METRO, publishedReferences } from '#lib/references/published.ts';
import type { IndicatorValue } from '#lib/indicators/run.ts';

const DIR = '../shared/data/insee';
let com: FilosofiTable;
let iris: FilosofiTable;
let refs: IndicatorValue[];
const ref = (indicator: string, territory: string) => refs.find((r) => r.indicator === indicator && r.territory === territory)!;

beforeAll(() => {
	com = parseFilosofi(readFileSync(`${DIR}/cc_filosofi_2021_COM.csv`, 'utf8'));
	iris = parseFilosofi(readFileSync(`${DIR}/BASE_TD_FILO_IRIS_2021_DEC.csv`, 'utf8'));
	refs = referenceValues(com, { formerCodes: { '93059': '93066' } });
});

describe('commune base-cc file', () => {
	it('reads every commune and the year', () => {
		expect(com.rows.size).toBe(34909);
		expect(com.year).toBe(2021);
	});

	it('maps published figures onto catalogue ids (93061 Le Pré-Saint-Gervais)', () => {
		// 93061;7399;16373;21600;56,0;23,0;s;20,0;26,0;23,0;22,0;18,0;6,0;30,0;…;9870;42900;4,3
		expect(ref('households', '93061')).toMatchObject({ value: 7399, territory_type: 'commune', year: 2021, suppressed: false });
		expect(ref('persons', '93061').value).toBe(16373);
		expect(ref('median_living_standard', '93061')).toMatchObject({ value: 21600, unit: '€/an' });
		expect(ref('poverty_rate_60', '93061')).toMatchObject({ value: 23, unit: '%' });
		expect(ref('d1', '93061').value).toBe(9870);
		expect(ref('d9', '93061').value).toBe(42900);
		expect(ref('d9_d1_ratio', '93061').value).toBeCloseTo(4.3, 9);
		expect(ref('poverty_rate_owners', '93061').value).toBe(6);
		expect(ref('poverty_rate_tenants', '93061').value).toBe(30);
		expect(ref('social_benefits_share', '93061').value).toBeCloseTo(6.9, 9);
		expect(ref('minima_income_share', '93061').value).toBeCloseTo(3.3, 9);
		// TP60AGE121 is « s »: secret stays secret, never 0
		expect(ref('poverty_rate_ref_under_30', '93061')).toMatchObject({ value: null, suppressed: true });
	});

	it('counts secret cells as published', () => {
		// awk over the file: 751 348 « s » cells and 324 « nd »; MED21: 3 593 secret and 12 nd, i.e. the
		// median published for 31 304 communes and TP60 for 4 397 (domain.md §3.5)
		let secret = 0;
		let nd = 0;
		for (const row of com.rows.values())
			for (const c of Object.values(row)) {
				if (c.status === 'secret') secret++;
				if (c.status === 'not_available') nd++;
			}
		expect(secret).toBe(751348);
		expect(nd).toBe(324);
		const all = referenceValues(com);
		const med = all.filter((r) => r.indicator === 'median_living_standard');
		expect(med.filter((r) => r.suppressed)).toHaveLength(3593);
		expect(med.filter((r) => r.value !== null)).toHaveLength(31304);
		expect(all.filter((r) => r.indicator === 'poverty_rate_60' && r.value !== null)).toHaveLength(4397);
	});

	it('merges Pierrefitte (93059) into Saint-Denis (93066): counts add up, rates are not invented', () => {
		// 93066: 41 208 ménages, 106 397 personnes; 93059: 10 276 and 30 999 (domain.md §10.1)
		expect(ref('households', '93066').value).toBe(41208 + 10276);
		expect(ref('persons', '93066').value).toBe(106397 + 30999);
		expect(ref('median_living_standard', '93066')).toMatchObject({ value: null, suppressed: false });
		expect(refs.some((r) => r.territory === '93059')).toBe(false);
	});

	it('filters on the codes asked for', () => {
		const some = referenceValues(com, { codes: ['93061', '93001'] });
		expect(new Set(some.map((r) => r.territory))).toEqual(new Set(['93061', '93001']));
	});
});

describe('IRIS DEC file', () => {
	it('reads every IRIS, declared-income figures, secret and unavailable cells', () => {
		expect(iris.rows.size).toBe(16026);
		const pre = irisFigures(iris, '93061');
		// 930610101;…;DEC_MED21 20810;…;DEC_D121 4880;…;DEC_D921 45980
		const first = pre.find((f) => f.iris === '930610101')!;
		expect(first.median_declared).toEqual({ value: 20810, status: 'ok' });
		expect(first.d1_declared.value).toBe(4880);
		expect(first.d9_declared.value).toBe(45980);
		expect(first.poverty_rate_declared.value).toBe(31);
		expect(pre.every((f) => f.commune === '93061')).toBe(true);
		// awk over the file: 667 « s » cells, 6 867 « nd », 25 395 « ns » (not significant), 6 786 « so » (sans objet)
		let secret = 0;
		let nd = 0;
		let ns = 0;
		let so = 0;
		for (const row of iris.rows.values())
			for (const c of Object.values(row)) {
				if (c.status === 'secret') secret++;
				if (c.status === 'not_available') nd++;
				if (c.status === 'not_significant') ns++;
				if (c.status === 'not_applicable') so++;
			}
		expect(secret).toBe(667);
		expect(nd).toBe(6867);
		expect(ns).toBe(25395);
		expect(so).toBe(6786);
	});
});

describe('commune contours (2018 geography, 40 communes)', async () => {
	const { parseContours, reconcileContours } = await import('#lib/references/contours.ts');
	const { departementGeography } = await import('#lib/territory/etalab.ts');
	const geo = departementGeography('93');
	it('folds Pierrefitte (93059) into Saint-Denis (93066) and matches the 39 current communes', () => {
		const r = reconcileContours(parseContours(readFileSync('../shared/data/geo/communes-93.geojson', 'utf8')), geo);
		expect(r.features).toHaveLength(39);
		expect(r.merged).toEqual([{ from: '93059', into: '93066' }]);
		expect(r.unmatched).toEqual([]);
		expect(r.missing).toEqual([]);
		const sd = r.features.find((f) => f.properties.code === '93066')!;
		expect(sd.geometry.type).toBe('MultiPolygon');
		expect(sd.properties.nom).toBe('Saint-Denis');
	});
	it('reads TopoJSON: a hand-made topology with one square for 93061 and one for an unknown code', () => {
		const topology = {
			type: 'Topology',
			arcs: [
				[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
				[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]
			],
			objects: {
				communes: {
					type: 'GeometryCollection',
					geometries: [
						{ type: 'Polygon', arcs: [[0]], properties: { code: '93061' } },
						{ type: 'Polygon', arcs: [[1]], properties: { code: '99999' } }
					]
				}
			}
		};
		const r = reconcileContours(parseContours(JSON.stringify(topology)), geo);
		expect(r.features.map((f) => f.properties.code)).toEqual(['93061']);
		// No transform in the topology: arc 0 decodes to the square's ring as written.
		expect(r.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
		expect(r.unmatched).toEqual(['99999']);
		expect(r.missing).toHaveLength(38);
	});
	it('lists contours of another département as unmatched and says what an empty topology lacks', () => {
		const r = reconcileContours(parseContours(readFileSync('../shared/data/geo/communes-94.geojson', 'utf8')), geo);
		expect(r.features).toHaveLength(0);
		expect(r.unmatched.length).toBeGreaterThan(40);
		expect(r.missing).toHaveLength(39);
		expect(() => parseContours('{"type":"Topology","objects":{}}')).toThrow(/TopoJSON sans objet/);
		expect(() => parseContours('{"type":"Feature"}')).toThrow(/FeatureCollection/);
	});
});

describe('figures published for départements and France métropolitaine (domain.md §3.2, §3.4)', () => {
	it('gives 93 and France métropolitaine their Filosofi 2021 figures, and nothing for indicators without one', () => {
		const pub = publishedReferences(['93']);
		const find = (indicator: string, territory: string) => pub.find((p) => p.indicator === indicator && p.territory === territory);
		expect(find('poverty_rate_60', '93')).toMatchObject({ territory_type: 'departement', value: 28.4, unit: '%', suppressed: false, year: 2021 });
		expect(find('median_living_standard', '93')?.value).toBe(19020);
		expect(find('poverty_rate_60', FRANCE_METRO)).toMatchObject({ territory_type: 'france', value: 14.9 });
		// No published France median in Filosofi 2021, no household count for the département: none invented.
		expect(find('median_living_standard', FRANCE_METRO)).toBeUndefined();
		expect(find('households', '93')).toBeUndefined();
		// Only the départements asked for.
		expect(pub.some((p) => p.territory === '94')).toBe(false);
	});
});
