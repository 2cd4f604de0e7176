/**
 * The default-data generator (src/lib/synth): determinism, calibration on the real INSEE Filosofi 2021
 * file for every commune of 93 (tolerances of domain.md §10.1), coherence of every household, aid requests,
 * and the column contracts of schema.ts for every generated row.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AID_REQUESTS, HOUSEHOLDS, type AidRequest, type Contract, type Household } from '../src/lib/data/schema.ts';
import {
	consumptionUnits,
	disposableMonthly,
	livingStandard,
	persons,
	povertyThreshold,
	weightedQuantile
} from '../src/lib/measures/living-standard.ts';
import { communeTargets, parseFilosofi, type CommuneTargets } from '../src/lib/references/filosofi.ts';
import { rsaForfait } from '../src/lib/synth/amounts.ts';
import { drawComposition, solveTheta } from '../src/lib/synth/composition.ts';
import { toCsv } from '../src/lib/synth/csv.ts';
import { generate, type GeneratedData } from '../src/lib/synth/generate.ts';
import { buildHousehold, THRESHOLD_2021 } from '../src/lib/synth/household.ts';
import { drawProfile } from '../src/lib/synth/profile.ts';
import { createRng } from '../src/lib/synth/random.ts';
import { TARGETS_93 } from '../src/lib/synth/targets-93.ts';

const FILOSOFI = new URL('../../shared/data/insee/cc_filosofi_2021_COM.csv', import.meta.url);
const HOUSEHOLD_COLUMNS = HOUSEHOLDS.columns.map((c) => c.name);
const AID_COLUMNS = AID_REQUESTS.columns.map((c) => c.name);
const TENANTS = new Set(['social_rent', 'private_rent']);
const CURRENT_COMMUNES_93 = [...new Set(TARGETS_93.map((t) => (t.code === '93059' ? '93066' : t.code)))];

/** Own resources counted against the RSA ceiling: everything but RSA, prime d'activité, family and housing benefits. */
const ownResources = (h: Household) =>
	h.income_work + h.income_unemployment + h.income_pension + h.income_other + h.benefit_disability + h.benefit_old_age;

/** Violations of a contract's constraints (types, enums, bounds, lengths, required cells) in some rows. */
function contractErrors(contract: Contract, rows: readonly object[]): string[] {
	const errors: string[] = [];
	for (const row of rows) {
		const r = row as Record<string, unknown>;
		for (const c of contract.columns) {
			const v = r[c.name];
			const where = `${c.name}=${String(v)} in ${String(r[contract.key[0]])}`;
			if (v == null) {
				if (c.required) errors.push(`missing ${where}`);
				continue;
			}
			switch (c.type) {
				case 'int':
					if (!Number.isInteger(v)) errors.push(`not an int: ${where}`);
					break;
				case 'double':
					if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`not a number: ${where}`);
					break;
				case 'bool':
					if (typeof v !== 'boolean') errors.push(`not a bool: ${where}`);
					break;
				case 'enum':
					if (!c.values!.includes(v as string)) errors.push(`bad enum: ${where}`);
					break;
				case 'date':
					if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(v) || Number.isNaN(Date.parse(v))) errors.push(`bad date: ${where}`);
					break;
				case 'text':
					if (typeof v !== 'string' || !v) errors.push(`bad text: ${where}`);
					break;
			}
			if (c.min != null && typeof v === 'number' && v < c.min) errors.push(`under min ${c.min}: ${where}`);
			if (c.max != null && typeof v === 'number' && v > c.max) errors.push(`over max ${c.max}: ${where}`);
			if (c.length != null && typeof v === 'string' && v.length !== c.length) errors.push(`length ≠ ${c.length}: ${where}`);
		}
		if (errors.length > 20) break;
	}
	return errors;
}

describe('synth: determinism', () => {
	it('gives byte-identical CSV for the same seed and different data for another seed', () => {
		const opts = { departement: '93', sample: 0.03, seed: 7 };
		const a = generate(opts);
		const b = generate(opts);
		const c = generate({ ...opts, seed: 8 });
		const csv = (d: GeneratedData) => toCsv(HOUSEHOLD_COLUMNS, d.households);
		expect(csv(a)).toBe(csv(b));
		expect(toCsv(AID_COLUMNS, a.aidRequests)).toBe(toCsv(AID_COLUMNS, b.aidRequests));
		expect(csv(c)).not.toBe(csv(a));
	});
});

describe('synth: default dataset (93, 1/10, seed 1)', () => {
	let data: GeneratedData;
	/** Same draws, each commune under its own 2021 code (Pierrefitte apart from Saint-Denis). */
	let own: GeneratedData;
	let insee: Map<string, CommuneTargets>;
	beforeAll(() => {
		data = generate({ departement: '93', sample: 0.1, seed: 1 });
		own = generate({ departement: '93', sample: 0.1, seed: 1, communeOf: (c) => c });
		const table = parseFilosofi(readFileSync(FILOSOFI, 'utf8'));
		insee = new Map();
		for (const t of TARGETS_93) {
			const r = communeTargets(table, t.code);
			if (r) insee.set(t.code, r);
		}
	});

	it('embeds the INSEE figures of the 40 communes of the 2021 file', () => {
		const codes = [...parseFilosofi(readFileSync(FILOSOFI, 'utf8')).rows.keys()].filter((c) => c.startsWith('93'));
		expect(codes.sort()).toEqual(TARGETS_93.map((t) => t.code).sort());
		for (const t of TARGETS_93) expect(t).toEqual(insee.get(t.code));
	});

	it('has weight 1/sample, unique ids within a year, the three household years and current communes only', () => {
		const years = new Set(data.households.map((h) => h.year));
		expect([...years].sort()).toEqual([2021, 2022, 2023]);
		for (const y of years) {
			const ids = data.households.filter((h) => h.year === y).map((h) => h.household_id);
			expect(new Set(ids).size).toBe(ids.length);
		}
		expect(data.households.every((h) => h.weight === 10)).toBe(true);
		expect(new Set(data.households.map((h) => h.commune))).toEqual(new Set(CURRENT_COMMUNES_93));
		expect(data.households.every((h) => h.household_id.startsWith(h.commune + '-'))).toBe(true);
	});

	it('matches INSEE households and persons in 2021 for every current commune (±2 %)', () => {
		const y = data.households.filter((h) => h.year === 2021);
		for (const commune of CURRENT_COMMUNES_93) {
			const rows = y.filter((h) => h.commune === commune);
			const codes = commune === '93066' ? ['93066', '93059'] : [commune];
			const households = codes.reduce((s, c) => s + insee.get(c)!.households, 0);
			const people = codes.reduce((s, c) => s + insee.get(c)!.persons, 0);
			const wHouseholds = rows.reduce((s, h) => s + h.weight, 0);
			const wPersons = rows.reduce((s, h) => s + h.weight * persons(h), 0);
			expect(Math.abs(wHouseholds / households - 1), `${commune} households`).toBeLessThan(0.02);
			expect(Math.abs(wPersons / people - 1), `${commune} persons`).toBeLessThan(0.02);
		}
	});

	it('matches INSEE median (±3 %), D1 and D9 (±5 %) and poverty rate (±1.5 pt) in 2021 for every 2021 commune', () => {
		const threshold = povertyThreshold(2021).yearly;
		expect(threshold).toBe(13800);
		const worst = { median: 0, d1: 0, d9: 0, poverty: 0 };
		for (const [code, t] of insee) {
			// As Filosofi: negative disposable incomes count in households but not in the distribution.
			const rows = own.households.filter((h) => h.year === 2021 && h.commune === code && livingStandard(h) >= 0);
			const values = rows.map(livingStandard);
			const weights = rows.map((h) => h.weight * persons(h));
			const total = weights.reduce((a, b) => a + b, 0);
			const poor = rows.reduce((s, _h, i) => s + (values[i] < threshold ? weights[i] : 0), 0);
			const dev = {
				median: weightedQuantile(values, weights, 0.5) / t.median - 1,
				d1: weightedQuantile(values, weights, 0.1) / t.d1! - 1,
				d9: weightedQuantile(values, weights, 0.9) / t.d9! - 1,
				poverty: (100 * poor) / total - t.poverty_rate!
			};
			expect(Math.abs(dev.median), `${code} median`).toBeLessThan(0.03);
			expect(Math.abs(dev.d1), `${code} D1`).toBeLessThan(0.05);
			expect(Math.abs(dev.d9), `${code} D9`).toBeLessThan(0.05);
			expect(Math.abs(dev.poverty), `${code} poverty rate`).toBeLessThan(1.5);
			for (const k of Object.keys(worst) as (keyof typeof worst)[]) if (Math.abs(dev[k]) > Math.abs(worst[k])) worst[k] = dev[k];
		}
		expect(insee.size).toBe(40);
		console.log('calibration, worst deviations (median/D1/D9 relative, poverty in points):', worst);
	});

	it('grows the median like the national series in 2022 and 2023 (domain.md §3.2)', () => {
		const median = (y: number) => {
			const rows = data.households.filter((h) => h.year === y && livingStandard(h) >= 0);
			return weightedQuantile(rows.map(livingStandard), rows.map((h) => h.weight * persons(h)), 0.5);
		};
		const m21 = median(2021);
		expect(median(2022) / m21).toBeCloseTo(24330 / 23160, 1);
		expect(median(2023) / m21).toBeCloseTo(25760 / 23160, 1);
	});

	it('keeps most households from one year to the next (about 8 % turnover)', () => {
		const ids21 = new Set(data.households.filter((h) => h.year === 2021).map((h) => h.household_id));
		const rows22 = data.households.filter((h) => h.year === 2022);
		const kept = rows22.filter((h) => ids21.has(h.household_id)).length / rows22.length;
		expect(kept).toBeGreaterThan(0.88);
		expect(kept).toBeLessThan(0.96);
	});

	it('builds coherent households', () => {
		const bad: string[] = [];
		const check = (ok: boolean, what: string, h: Household) => {
			if (!ok && bad.length < 20) bad.push(`${what}: ${h.household_id} ${h.year}`);
		};
		for (const h of data.households) {
			const n = persons(h);
			check(h.benefit_rsa === 0 || ownResources(h) < rsaForfait(n, h.year), 'RSA above the ceiling', h);
			check(h.benefit_rsa <= rsaForfait(n, h.year), 'RSA above the forfait', h);
			check(h.benefit_activity === 0 || h.income_work > 0, 'prime d’activité without work', h);
			check(h.benefit_housing === 0 || TENANTS.has(h.tenure), 'housing aid for a non-tenant', h);
			check(h.charge_rent === 0 || TENANTS.has(h.tenure), 'rent for a non-tenant', h);
			check(h.activity_ref !== 'employed' || h.workers >= 1, 'employed without workers', h);
			check(h.activity_ref === 'employed' || h.contract_ref === 'none', 'contract without employment', h);
			check(h.activity_ref === 'employed' || !h.part_time_ref, 'part time without employment', h);
			check(h.workers <= h.persons_14_plus, 'more workers than persons 14+', h);
			check(h.benefit_family === 0 || n >= 2, 'family benefits without children', h);
			const ls = livingStandard(h);
			check(ls < 0 || ls >= povertyThreshold(h.year).yearly || h.charge_tax === 0, 'income tax for a poor household', h);
			check(h.age_ref >= 18 && h.age_ref <= 95, 'age out of 18–95', h);
			check(h.years_in_commune != null && h.years_in_commune >= 0 && h.years_in_commune <= 60, 'years in commune out of 0–60', h);
			check(h.iris === null, 'iris not null', h);
			for (const c of HOUSEHOLD_COLUMNS)
				if (/^(income|benefit|charge)_/.test(c)) {
					const v = (h as unknown as Record<string, number>)[c];
					check(Math.round(v * 100) / 100 === v, `${c} not in cents`, h);
				}
		}
		expect(bad).toEqual([]);
	});

	it('has realistic shares: rare negative incomes, working poor, low reste à vivre, benefits', () => {
		const y = data.households.filter((h) => h.year === 2021);
		const share = (f: (h: Household) => boolean) => y.filter(f).length / y.length;
		const negative = share((h) => disposableMonthly(h) < 0);
		expect(negative).toBeGreaterThan(0.002);
		expect(negative).toBeLessThan(0.01);
		const poor = (h: Household) => livingStandard(h) >= 0 && livingStandard(h) < 13800;
		const workers = y.reduce((s, h) => s + h.workers, 0);
		const poorWorkers = y.reduce((s, h) => s + (poor(h) ? h.workers : 0), 0);
		expect(poorWorkers / workers).toBeGreaterThan(0.07);
		expect(poorWorkers / workers).toBeLessThan(0.14);
		const rav = (h: Household) => {
			let charges = 0;
			for (const c of HOUSEHOLD_COLUMNS) if (c.startsWith('charge_')) charges += (h as unknown as Record<string, number>)[c];
			return (disposableMonthly(h) + h.charge_tax - charges) / persons(h) / 30;
		};
		const under5 = share((h) => poor(h) && rav(h) < 5);
		expect(under5).toBeGreaterThan(0.05);
		expect(share((h) => rav(h) < 0)).toBeGreaterThan(0.005);
		expect(share((h) => rav(h) < 0)).toBeLessThan(0.08);
		expect(share((h) => h.benefit_rsa > 0)).toBeGreaterThan(0.04);
		expect(share((h) => h.benefit_activity > 0)).toBeGreaterThan(0.05);
		expect(share((h) => h.benefit_housing > 0)).toBeGreaterThan(0.1);
		expect(share((h) => h.benefit_disability > 0)).toBeGreaterThan(0.005);
		expect(share((h) => h.benefit_old_age > 0)).toBeGreaterThan(0.005);
		expect(share((h) => h.social_followup)).toBeGreaterThan(0.05);
		const meanPersons = y.reduce((s, h) => s + persons(h), 0) / y.length;
		expect(meanPersons).toBeCloseTo(1563593 / 603965, 1);
	});

	it('writes rows that satisfy the households and aid_requests contracts', () => {
		expect(contractErrors(HOUSEHOLDS, data.households)).toEqual([]);
		expect(contractErrors(AID_REQUESTS, data.aidRequests)).toEqual([]);
	});

	it('generates valid aid requests for every CCAS and every year 2019–2025', () => {
		const a = data.aidRequests;
		const ids = a.map((r) => r.request_id);
		expect(new Set(ids).size).toBe(ids.length);
		const bad: string[] = [];
		const check = (ok: boolean, what: string, r: AidRequest) => {
			if (!ok && bad.length < 20) bad.push(`${what}: ${r.request_id}`);
		};
		const households = new Map(data.households.map((h) => [`${h.household_id}|${h.year}`, h]));
		const householdIds = new Set(data.households.map((h) => h.household_id));
		for (const r of a) {
			check(r.date_decision == null ? r.decision === 'postponed' : r.date_decision >= r.date_request, 'decision date', r);
			check(r.amount_granted <= r.amount_requested!, 'granted above requested', r);
			check(r.decision === 'granted' ? r.amount_granted > 0 : r.amount_granted === 0, 'granted amount vs decision', r);
			check(r.amount_requested! >= 50 && r.amount_requested! <= 1000, 'requested amount out of 50–1 000 €', r);
			check(r.scheme === (r.commune === '93061' ? 'pre-saint-gervais' : 'other'), 'scheme', r);
			check(r.request_id.startsWith(`${r.commune}-${r.date_request.slice(0, 4)}-`), 'request id', r);
			check(r.aid_type !== 'microcredit' || r.form === 'loan', 'microcredit is a loan', r);
			check(r.date_request < '2025-07-01' || r.outcome_6m === 'unknown', 'outcome known too early', r);
			if (r.household_id != null) {
				check(householdIds.has(r.household_id) && r.household_id.startsWith(r.commune + '-'), 'household link', r);
				const y = Math.min(2023, Math.max(2021, Number(r.date_request.slice(0, 4))));
				check(households.get(`${r.household_id}|${y}`)?.commune === r.commune || r.renewal_rank > 0, 'household of the nearest year', r);
			}
		}
		expect(bad).toEqual([]);
		for (const commune of CURRENT_COMMUNES_93)
			for (let y = 2019; y <= 2025; y++)
				expect(a.some((r) => r.commune === commune && r.date_request.startsWith(String(y))), `${commune} ${y}`).toBe(true);

		const count = (f: (r: AidRequest) => boolean) => a.filter(f).length;
		const psg2021 = count((r) => r.commune === '93061' && r.date_request.startsWith('2021'));
		expect(psg2021).toBeGreaterThanOrEqual(35);
		expect(psg2021).toBeLessThanOrEqual(70);
		const granted = count((r) => r.decision === 'granted') / a.length;
		expect(granted).toBeGreaterThan(0.65);
		expect(granted).toBeLessThan(0.8);
		expect(count((r) => r.renewal_rank > 0) / a.length).toBeGreaterThan(0.08);
		expect(count((r) => r.aid_type === 'food')).toBeGreaterThan(count((r) => r.aid_type === 'bill_energy'));
		expect(count((r) => r.date_request.startsWith('2025'))).toBeGreaterThan(count((r) => r.date_request.startsWith('2019')));
		expect(count((r) => r.household_id != null) / a.length).toBeGreaterThan(0.9);
	});
});

describe('synth: building blocks', () => {
	it('splits resources so that disposable income = niveau de vie × UC / 12, to the cent', () => {
		const rng = createRng(42);
		const theta = solveTheta(2.6);
		for (let k = 0; k < 5000; k++) {
			const u = rng.next();
			const comp = drawComposition(rng, u, theta);
			const level = rng.uniform(0, 3) ** 2 * 8000;
			const profile = drawProfile(rng, comp, level / THRESHOLD_2021, false);
			for (const year of [2021, 2023]) {
				const h = buildHousehold({ household_id: `x-${k}`, year, commune: '93001', weight: 1, comp, profile, realLevel: level });
				const index = year === 2021 ? 1 : 25760 / 23160;
				expect(Math.abs(disposableMonthly(h) - (level * index * consumptionUnits(h)) / 12)).toBeLessThan(0.0051);
				expect(h.benefit_rsa === 0 || ownResources(h) < rsaForfait(persons(h), year)).toBe(true);
			}
		}
	});

	it('writes CSV with a header, "." decimals, cents, true/false, empty nulls and quoting', () => {
		const csv = toCsv(['a', 'income_work', 'b', 'c', 'weight'], [
			{ a: 'x,y', income_work: 1234.5678, b: true, c: null, weight: 1 / 3 },
			{ a: 'say "hi"', income_work: 0, b: false, c: 7, weight: 10 }
		]);
		expect(csv).toBe('a,income_work,b,c,weight\n"x,y",1234.57,true,,0.333333\n"say ""hi""",0,false,7,10\n');
	});
});
