/**
 * The differencing attack of issue 21, on real-looking data (no manifest): the generator's 93 at 1/20 with 93015 cut
 * to 5 households a year. Before one pattern per dataset, the group {93015, 93001} minus 93001 gave back 48 of
 * 93015's 48 secret additive cells of 2023 (bench/secrecy-attack.ts on the commit before); now none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFolder } from '#lib/data/folder.ts';
import { createNodeConnector } from '#lib/db/node.ts';
import { INDICATORS } from '#lib/indicators/catalogue.ts';
import { runIndicators, type IndicatorValue } from '#lib/indicators/run.ts';
import { distribution, type Bin } from '#lib/indicators/distribution.ts';
import { buildAttackData, SMALL } from '../scripts/attack-data.ts';
import { boundsToTheCent, recoveredAidCells, recoveredCells, recoveredSimulatorFields } from '../scripts/attack-measure.ts';
import { aidReport, type AidReport } from '#lib/aid/report.ts';
import { publishSimulation } from '../scripts/attack-simulate.ts';
import { fetchScenarioData } from '#lib/scenario/load.ts';
import { resolveScenario } from '#lib/scenario/spec.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-attack-'));
let plain: IndicatorValue[];
let group: IndicatorValue[];
let department: IndicatorValue[];
let singleParents: Map<string, number>;
let both: Record<string, unknown>;
let one: Record<string, unknown>;
let all: Record<string, unknown>;
let allButSmall: Record<string, unknown>;
let smallWeight: number;
let aid: { whole: AidReport; others: AidReport; smallAll: AidReport; both: AidReport; one: AidReport; small: AidReport; years: { both: AidReport; one: AidReport; part: AidReport } };
let histograms: { both: Bin[]; one: Bin[]; smallBins: number };

beforeAll(async () => {
	buildAttackData(dir);
	const db = await createNodeConnector();
	const loaded = await loadFolder(db, dir);
	expect(loaded.synthetic).toBe(false);
	plain = await runIndicators(db, { year: 2023 });
	group = await runIndicators(db, { year: 2023, group: { code: 'G', communes: [SMALL, '93001'] } });
	const communes = [...new Set(plain.filter((r) => r.territory_type === 'commune').map((r) => r.territory))];
	department = await runIndicators(db, { year: 2023, group: { code: 'G', communes: communes.filter((c) => c !== '93001') } });
	const counts = await db.query<{ commune: string; n: number }>(
		"SELECT commune, count(*)::INTEGER AS n FROM households WHERE year = 2023 AND family_type = 'single_parent' GROUP BY commune"
	);
	singleParents = new Map(counts.map((c) => [c.commune, c.n]));
	const [w] = await db.query<{ w: number }>(`SELECT sum(weight)::DOUBLE AS w FROM households WHERE year = 2023 AND commune = '${SMALL}'`);
	smallWeight = w.w;
	// The simulator as `vigie simulate --communes` runs it, Le Pré-Saint-Gervais' scheme against the RSA status rule.
	const r = resolveScenario({ scheme: 'pre-saint-gervais', baseline: 'statut-rsa', changes: {} }, 2023);
	const data = await fetchScenarioData(db, { year: 2023 });
	const ccas = (await db.query<{ c: string }>('SELECT DISTINCT commune AS c FROM aid_requests ORDER BY 1')).map((x) => x.c);
	const span = (await db.query<{ a: number; b: number }>('SELECT min(year(date_request))::INTEGER AS a, max(year(date_request))::INTEGER AS b FROM aid_requests'))[0];
	aid = {
		whole: await aidReport(db, { communes: [], from: span.a, to: span.b }),
		others: await aidReport(db, { communes: ccas.filter((c) => c !== SMALL), from: span.a, to: span.b }),
		smallAll: await aidReport(db, { communes: [SMALL], from: span.a, to: span.b }),
		both: await aidReport(db, { communes: [SMALL, '93001'], from: 2023, to: 2023 }),
		one: await aidReport(db, { communes: ['93001'], from: 2023, to: 2023 }),
		small: await aidReport(db, { communes: [SMALL], from: 2023, to: 2023 }),
		// Two years minus one: the other year's figures.
		years: { both: await aidReport(db, { communes: ['93001'], from: 2022, to: 2023 }), one: await aidReport(db, { communes: ['93001'], from: 2022, to: 2022 }),
			part: await aidReport(db, { communes: ['93001'], from: 2023, to: 2023 })
		}
	};
	histograms = {
		both: await distribution(db, { measure: 'living_standard', year: 2023, communes: [SMALL, '93001'] }),
		one: await distribution(db, { measure: 'living_standard', year: 2023, communes: ['93001'] }),
		smallBins: (await distribution(db, { measure: 'living_standard', year: 2023, communes: [SMALL] })).length
	};
	both = publishSimulation(data, [SMALL, '93001'], r);
	one = publishSimulation(data, ['93001'], r);
	const every = Object.keys(data.households_by_commune);
	all = publishSimulation(data, every, r);
	allButSmall = publishSimulation(data, every.filter((c) => c !== SMALL), r);
	await db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true }));

describe('secrecy across queries', () => {
	it('the small commune is secret on every additive cell, and no subtraction gives one back', () => {
		const r = recoveredCells(plain, group, SMALL, '93001');
		// 5 households: every cell of the commune rests on fewer than 11.
		expect(r.secret).toBe(INDICATORS.filter((i) => i.kind === 'sum').length);
		expect(r.recovered).toBe(0);
	});
	it('the commune rows are the same whatever group is asked', () => {
		const communes = (rows: IndicatorValue[]) => rows.filter((r) => r.territory_type !== 'group');
		expect(communes(group)).toEqual(communes(plain));
		expect(communes(department)).toEqual(communes(plain));
	});
	it('a group holding the small commune but not every commune secret beside it is secret, with the reason', () => {
		const g = group.find((r) => r.indicator === 'households' && r.territory === 'G')!;
		expect(g).toMatchObject({ value: null, suppressed: true, secret_reason: 'contiendrait des communes sous le secret' });
	});
	it('no published share rests on 1 to 10 counted households', () => {
		// Single-parent families counted from the raw rows, independently of the catalogue's SQL.
		let hidden = 0;
		for (const [commune, n] of singleParents) {
			const r = plain.find((x) => x.indicator === 'single_parent_share' && x.territory === commune)!;
			if (n >= 1 && n <= 10) expect(r.suppressed, commune).toBe(true);
			if (n >= 1 && n <= 10) hidden++;
		}
		// The rule has something to hide at 1/20: some communes have 1 to 10 single-parent families in the file.
		expect(hidden).toBeGreaterThan(0);
	});
	it('quantiles of living standard are published rounded to 10 €, as INSEE does', () => {
		const q = plain.filter((r) => ['median_living_standard', 'd1', 'd9'].includes(r.indicator) && !r.suppressed);
		expect(q.length).toBeGreaterThan(100);
		for (const r of q) expect(r.value! % 10, `${r.indicator} ${r.territory}`).toBe(0);
		const rav = plain.filter((r) => r.indicator === 'rav_median_person_day' && !r.suppressed);
		for (const r of rav) expect(Math.round(r.value! * 10) / 10).toBe(r.value);
	});
});

describe('secrecy across queries in the simulator', () => {
	it('the territory with the small commune shows its households, as the sum of the two communes', () => {
		const t = (x: Record<string, unknown>) => x.territory as { households: number };
		// 5 rows of 93015, each of the generator's weight: the headline is always shown.
		expect(t(both).households - t(one).households).toBeCloseTo(smallWeight, 6);
	});
	it('no breakdown field of {93015, 93001} minus {93001} gives a figure of the 5 households', () => {
		expect(recoveredSimulatorFields(both, one)).toBe(0);
	});
	it('the small commune’s own row is secret in the territory: 5 rows, under 11', () => {
		const row = (both.by_commune as Array<{ key: string; n: number | null }>).find((r) => r.key === SMALL)!;
		expect(row.n).toBeNull();
	});
	it('the département minus every other commune gives nothing of the 5 households either', () => {
		expect(recoveredSimulatorFields(all, allButSmall)).toBe(0);
		// Totals: each side's eligible, beneficiaries and cost, and the classes.
		const figures = (x: Record<string, unknown>) => {
			const side = (k: string) => x[k] as Record<string, number | null>;
			const wl = x.winners_losers as Record<string, { households: number | null }>;
			return [
				...['baseline', 'scenario'].flatMap((k) => ['eligible', 'beneficiaries', 'cost'].map((f) => side(k)[f])),
				...['gagnant', 'perdant', 'perdant_zero'].map((c) => wl[c].households)
			];
		};
		const [a, b] = [figures(all), figures(allButSmall)];
		const leaks = a.filter((x, i) => typeof x === 'number' && typeof b[i] === 'number' && Math.abs(x - b[i]!) > 1e-9);
		expect(leaks).toEqual([]);
		// The département still answers: its headline figures are shown (93015 is one commune of 39).
		expect((all.scenario as Record<string, number | null>).beneficiaries).not.toBeNull();
	});
	it('decile bounds are never an individual living standard to the cent', () => {
		expect(boundsToTheCent(both) + boundsToTheCent(one)).toBe(0);
	});
});

describe('secrecy across queries in the histograms', () => {
	it('{93015, 93001} minus {93001}: every bin shown in both is the same, so none gives the 5 households back', () => {
		const one = new Map(histograms.one.map((b) => [b.x0, b]));
		let compared = 0;
		for (const b of histograms.both) {
			const o = one.get(b.x0);
			if (b.suppressed || !o || o.suppressed) continue;
			compared++;
			expect(b.weight, `bin ${b.x0}`).toBe(o.weight);
		}
		expect(compared).toBeGreaterThan(0);
		// 93015's 5 households fall in 1 to 5 bins, each of fewer than 11 rows: those bins are hidden in the pair.
		expect(histograms.smallBins).toBeGreaterThan(0);
		expect(histograms.both.filter((b) => b.suppressed).length).toBeGreaterThanOrEqual(1);
	});
});

describe('secrecy across queries on the Aides page', () => {
	it('{93015, 93001} minus {93001}: no figure of the report gives the 6 requests of 93015 back', () => {
		expect(recoveredAidCells(aid.both, aid.one, aid.small)).toBe(0);
		// The pair's total rests on the 6 requests of 93015 beside 93001's: hidden, as a commune's part of it is secret.
		expect(aid.both.activity.requests.suppressed).toBe(true);
		expect(aid.one.activity.requests.suppressed).toBe(false);
	});
	it('every CCAS minus all but 93015 gives nothing of its requests, and the whole still answers', () => {
		expect(recoveredAidCells(aid.whole, aid.others, aid.smallAll)).toBe(0);
		expect(aid.whole.activity.requests.suppressed).toBe(false);
	});
	it('2022–2023 minus 2022 gives nothing of 93001’s 2023 that its 2023 alone hides (a type, a band of 1 to 10 requests)', () => {
		expect(recoveredAidCells(aid.years.both, aid.years.one, aid.years.part)).toBe(0);
	});
});
